/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-probe trace events: drvtrace_probes:<name>_entry and <name>_exit,
 * created at run time with typed fields. They are real trace events: every
 * instance can enable, filter and trigger them, perf can record them, and
 * trace-cmd decodes them from their format files.
 *
 * A handler builds one record with drvtrace_record_start(),
 * drvtrace_record_put_*(), then hands it to every consumer with
 * drvtrace_record_emit(). Where one instance alone listens and the record
 * has a fixed size (no string, no stack), it is built in place in that
 * instance's ring buffer, as a TRACE_EVENT() is; else in a per-CPU scratch
 * buffer copied to each. Handlers never nest on a CPU (kprobes refuse
 * to), so one scratch buffer per CPU is enough.
 */
#ifndef _DRVTRACE_PROBE_EVENT_H
#define _DRVTRACE_PROBE_EVENT_H

#include <linux/trace_events.h>
#include <linux/tracepoint.h>
#include <linux/types.h>

#include <drvtrace/fetch.h>

struct pt_regs;

#define DRVTRACE_PROBE_SYSTEM		"drvtrace_probes"
#define DRVTRACE_EVENT_MAX_FIELDS	20
#define DRVTRACE_STACK_DEPTH		32

#define DRVTRACE_EVENT_FIELD_NAME_MAX	32

struct drvtrace_event_field {
	char			name[DRVTRACE_EVENT_FIELD_NAME_MAX];
	enum drvtrace_type	type;
	unsigned int		offset;		/* in the record; set at creation */
};

/* Public so that handlers inline drvtrace_event_active(); set at creation. */
struct drvtrace_event {
	struct trace_event_class	class;
	struct trace_event_call		call;
	struct tracepoint		tp;
	char				*name;
	unsigned int			nr_fields;
	struct drvtrace_event_field	fields[DRVTRACE_EVENT_MAX_FIELDS];
	unsigned int			fixed_size;
	unsigned int			stack_offset;	/* 0: no stack */
	bool				variable;	/* a string or a stack */
	bool				holes;		/* padding between fields */
};

struct drvtrace_event *drvtrace_event_create(const char *name,
					     const struct drvtrace_event_field *fields,
					     unsigned int nr_fields, bool stack);
int drvtrace_event_register(struct drvtrace_event *ev);
int drvtrace_event_unregister(struct drvtrace_event *ev);
void drvtrace_event_free(struct drvtrace_event *ev);
const char *drvtrace_event_name(const struct drvtrace_event *ev);

int drvtrace_event_init(void);
void drvtrace_event_exit(void);

struct drvtrace_record {
	struct drvtrace_event		*ev;
	char				*buf;
	unsigned int			size;
	bool				in_place;	/* buf is in fbuffer's ring buffer */
	struct trace_event_buffer	fbuffer;
};

/* Store the low @size bytes of @val at @at, as a field of that size. */
static inline void drvtrace_put_sized(void *at, unsigned int size, u64 val)
{
	switch (size) {
	case 1:
		*(u8 *)at = val;
		break;
	case 2:
		*(u16 *)at = val;
		break;
	case 4:
		*(u32 *)at = val;
		break;
	default:
		*(u64 *)at = val;
	}
}

/* Whether anything (an instance, perf, a test) listens to @ev. */
static inline bool drvtrace_event_active(const struct drvtrace_event *ev)
{
	return ev && rcu_access_pointer(ev->tp.funcs);
}

bool drvtrace_record_start(struct drvtrace_record *r, struct drvtrace_event *ev);
static inline void drvtrace_record_put_value(struct drvtrace_record *r,
					     unsigned int field, u64 val)
{
	const struct drvtrace_event_field *f = &r->ev->fields[field];

	drvtrace_put_sized(r->buf + f->offset, drvtrace_type_size(f->type), val);
}

void drvtrace_record_put_string(struct drvtrace_record *r, unsigned int field,
				const char *str, unsigned int len);
int drvtrace_record_fetch_string(struct drvtrace_record *r, unsigned int field,
				 const struct drvtrace_fetch *f,
				 struct pt_regs *regs);
void drvtrace_record_put_stack(struct drvtrace_record *r);
void drvtrace_record_emit(struct drvtrace_record *r);

#endif /* _DRVTRACE_PROBE_EVENT_H */
