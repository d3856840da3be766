// SPDX-License-Identifier: GPL-2.0
/*
 * Per-probe trace events, created at run time (see probe_event.h).
 *
 * Each event is what a TRACE_EVENT() in a module expands to, built from a
 * field list instead of a header: a trace_event_call in the system
 * drvtrace_probes, backed by a tracepoint of its own. Enabling the event in
 * any instance (or opening it with perf) attaches that instance's probe to
 * the tracepoint, so a record reaches exactly the buffers that want it, goes
 * through their filters and triggers, and costs nothing while nobody
 * listens. Synthetic events are built the same way in the kernel; they
 * cannot be used here because they live in the "synthetic" system.
 *
 * While an event is enabled somewhere it pins drvtrace.ko, and removing it
 * fails with -EBUSY, as for kprobe_events.
 *
 * trace_add_event_call() and trace_remove_event_call() are exported, but
 * their caller must hold event_mutex, which is not exported. The kernel
 * holds it whenever it calls an event class's ->reg(), and only it: so
 * drvtrace.ko has one event of its own, drvtrace:event_registrar, which
 * records nothing and whose ->reg() runs the addition or removal asked for.
 * drvtrace enables or disables that event (trace_set_clr_event()) to have
 * the kernel call it under its own lock, in the kernel's own lock order
 * (event_mutex, then trace_types_lock).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/perf_event.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/trace_events.h>
#include <linux/tracepoint.h>

#include <drvtrace/probe_event.h>

/* The largest record: every field a string, and a stack. */
#define DRVTRACE_RECORD_MAX						\
	(sizeof(struct trace_entry) +					\
	 DRVTRACE_EVENT_MAX_FIELDS * (sizeof(u64) + DRVTRACE_STRING_MAX) + \
	 sizeof(u32) + DRVTRACE_STACK_DEPTH * sizeof(unsigned long))

/* The element size as a number: Debian 12's libtraceevent cannot do sizeof. */
#define STACK_PRINT_ARG							\
	", __print_array(__get_dynamic_array(stack), "			\
	"__get_dynamic_array_len(stack) / 8, 8)"

static char __percpu *drvtrace_scratch;

const char *drvtrace_event_name(const struct drvtrace_event *ev)
{
	return ev->name;
}

/* The C type a field shows in its format file. */
static const char *field_ctype(enum drvtrace_type type)
{
	switch (type) {
	case DRVTRACE_TYPE_S8:		return "s8";
	case DRVTRACE_TYPE_S16:		return "s16";
	case DRVTRACE_TYPE_S32:		return "s32";
	case DRVTRACE_TYPE_S64:		return "s64";
	case DRVTRACE_TYPE_U8:
	case DRVTRACE_TYPE_X8:		return "u8";
	case DRVTRACE_TYPE_U16:
	case DRVTRACE_TYPE_X16:		return "u16";
	case DRVTRACE_TYPE_U32:
	case DRVTRACE_TYPE_X32:		return "u32";
	case DRVTRACE_TYPE_STRING:
	case DRVTRACE_TYPE_USTRING:	return "__data_loc char[]";
	default:			return "u64";
	}
}

/* Its printf conversion, for print_fmt and for the kernel's own output. */
static const char *field_fmt(enum drvtrace_type type)
{
	switch (type) {
	case DRVTRACE_TYPE_U8:
	case DRVTRACE_TYPE_U16:
	case DRVTRACE_TYPE_U32:		return "%u";
	case DRVTRACE_TYPE_U64:		return "%llu";
	case DRVTRACE_TYPE_S8:
	case DRVTRACE_TYPE_S16:
	case DRVTRACE_TYPE_S32:		return "%d";
	case DRVTRACE_TYPE_S64:		return "%lld";
	case DRVTRACE_TYPE_X8:
	case DRVTRACE_TYPE_X16:
	case DRVTRACE_TYPE_X32:		return "0x%x";
	case DRVTRACE_TYPE_X64:		return "0x%llx";
	case DRVTRACE_TYPE_SYMBOL:	return "%pS";
	default:			return "\\\"%s\\\"";
	}
}

static u64 record_value(const char *rec, const struct drvtrace_event_field *f)
{
	switch (drvtrace_type_size(f->type)) {
	case 1:
		return drvtrace_type_is_signed(f->type) ?
			(u64)*(s8 *)(rec + f->offset) : *(u8 *)(rec + f->offset);
	case 2:
		return drvtrace_type_is_signed(f->type) ?
			(u64)*(s16 *)(rec + f->offset) : *(u16 *)(rec + f->offset);
	case 4:
		return drvtrace_type_is_signed(f->type) ?
			(u64)*(s32 *)(rec + f->offset) : *(u32 *)(rec + f->offset);
	default:
		return *(u64 *)(rec + f->offset);
	}
}

/* The text the kernel's trace files show; print_fmt says the same. */
static enum print_line_t drvtrace_event_print(struct trace_iterator *iter,
					      int flags, struct trace_event *event)
{
	struct drvtrace_event *ev = container_of(event, struct drvtrace_event,
						 call.event);
	const char *rec = (const char *)iter->ent;
	struct trace_seq *s = &iter->seq;
	unsigned int i;

	trace_seq_printf(s, "%s:", ev->name);
	for (i = 0; i < ev->nr_fields; i++) {
		const struct drvtrace_event_field *f = &ev->fields[i];
		u64 val;

		trace_seq_printf(s, " %s=", f->name);
		if (drvtrace_type_is_string(f->type)) {
			u32 loc = *(u32 *)(rec + f->offset);

			trace_seq_printf(s, "\"%s\"", rec + (loc & 0xffff));
			continue;
		}
		val = record_value(rec, f);
		switch (f->type) {
		case DRVTRACE_TYPE_SYMBOL:
			trace_seq_printf(s, "%pS", (void *)(unsigned long)val);
			break;
		case DRVTRACE_TYPE_X8:
		case DRVTRACE_TYPE_X16:
		case DRVTRACE_TYPE_X32:
		case DRVTRACE_TYPE_X64:
			trace_seq_printf(s, "0x%llx", val);
			break;
		default:
			if (drvtrace_type_is_signed(f->type))
				trace_seq_printf(s, "%lld", (s64)val);
			else
				trace_seq_printf(s, "%llu", val);
		}
	}
	if (ev->stack_offset) {
		u32 loc = *(u32 *)(rec + ev->stack_offset);
		const unsigned long *pc = (const void *)(rec + (loc & 0xffff));
		unsigned int n = (loc >> 16) / sizeof(unsigned long);

		while (n--)
			trace_seq_printf(s, "\n => %pS", (void *)*pc++);
	}
	trace_seq_putc(s, '\n');
	return trace_handle_return(s);
}

static struct trace_event_functions drvtrace_event_funcs = {
	.trace	= drvtrace_event_print,
};

static int drvtrace_event_define_fields(struct trace_event_call *call)
{
	struct drvtrace_event *ev = call->data;
	unsigned int i;
	int ret;

	for (i = 0; i < ev->nr_fields; i++) {
		const struct drvtrace_event_field *f = &ev->fields[i];

		ret = trace_define_field(call, field_ctype(f->type), f->name,
					 f->offset, drvtrace_type_size(f->type),
					 drvtrace_type_is_signed(f->type),
					 FILTER_OTHER);
		if (ret)
			return ret;
	}
	if (ev->stack_offset)
		return trace_define_field(call, "__data_loc unsigned long[]",
					  "stack", ev->stack_offset, sizeof(u32),
					  0, FILTER_OTHER);
	return 0;
}

static struct trace_event_fields drvtrace_event_fields_array[] = {
	{ .type = TRACE_FUNCTION_TYPE,
	  .define_fields = drvtrace_event_define_fields },
	{}
};

/* One instance's share of a record: its filters and triggers decide. */
static notrace void drvtrace_event_probe(void *data, struct drvtrace_record *r)
{
	struct trace_event_file *file = data;
	struct trace_event_buffer fbuffer;
	char *entry;

	if (trace_trigger_soft_disabled(file))
		return;
	entry = trace_event_buffer_reserve(&fbuffer, file, r->size);
	if (!entry)
		return;
	memcpy(entry + sizeof(struct trace_entry),
	       r->buf + sizeof(struct trace_entry),
	       r->size - sizeof(struct trace_entry));
	trace_event_buffer_commit(&fbuffer);
}

#ifdef CONFIG_PERF_EVENTS
static notrace void drvtrace_event_perf_probe(void *data,
					      struct drvtrace_record *r)
{
	struct trace_event_call *call = data;
	struct hlist_head *head = this_cpu_ptr(call->perf_events);
	struct pt_regs *regs;
	unsigned int size;
	char *entry;
	int rctx;

	if (hlist_empty(head))
		return;
	/* perf prefixes a u32 size and keeps records u64-aligned. */
	size = ALIGN(r->size + sizeof(u32), sizeof(u64)) - sizeof(u32);
	entry = perf_trace_buf_alloc(size, &regs, &rctx);
	if (!entry)
		return;
	memcpy(entry + sizeof(struct trace_entry),
	       r->buf + sizeof(struct trace_entry),
	       r->size - sizeof(struct trace_entry));
	perf_fetch_caller_regs(regs);
	perf_trace_run_bpf_submit(entry, size, rctx, call, 1, regs, head, NULL);
}
#endif

/* A listener pins the module, so its probe functions outlive it. */
static int drvtrace_event_reg(struct trace_event_call *call,
			      enum trace_reg type, void *data)
{
	int ret;

	switch (type) {
	case TRACE_REG_REGISTER:
#ifdef CONFIG_PERF_EVENTS
	case TRACE_REG_PERF_REGISTER:
#endif
		if (!try_module_get(THIS_MODULE))
			return -EBUSY;
		ret = trace_event_reg(call, type, data);
		if (ret)
			module_put(THIS_MODULE);
		return ret;
	case TRACE_REG_UNREGISTER:
#ifdef CONFIG_PERF_EVENTS
	case TRACE_REG_PERF_UNREGISTER:
#endif
		ret = trace_event_reg(call, type, data);
		module_put(THIS_MODULE);
		return ret;
	default:
		return trace_event_reg(call, type, data);
	}
}

static int drvtrace_event_set_print_fmt(struct drvtrace_event *ev)
{
	size_t len = 8;
	unsigned int i;
	char *fmt;

	for (i = 0; i < ev->nr_fields; i++)
		len += 3 * strlen(ev->fields[i].name) + 48;
	if (ev->stack_offset)
		len += 128;
	fmt = kmalloc(len, GFP_KERNEL);
	if (!fmt)
		return -ENOMEM;

	strscpy(fmt, "\"", len);
	for (i = 0; i < ev->nr_fields; i++) {
		strlcat(fmt, i ? " " : "", len);
		strlcat(fmt, ev->fields[i].name, len);
		strlcat(fmt, "=", len);
		strlcat(fmt, field_fmt(ev->fields[i].type), len);
	}
	if (ev->stack_offset)
		strlcat(fmt, ev->nr_fields ? " stack=%s" : "stack=%s", len);
	strlcat(fmt, "\"", len);
	for (i = 0; i < ev->nr_fields; i++) {
		const struct drvtrace_event_field *f = &ev->fields[i];
		size_t n = strlen(fmt);

		if (drvtrace_type_is_string(f->type))
			snprintf(fmt + n, len - n, ", __get_str(%s)", f->name);
		else if (f->type == DRVTRACE_TYPE_SYMBOL)
			snprintf(fmt + n, len - n, ", (void *)REC->%s", f->name);
		/*
		 * libtraceevent reads every field unsigned and has no cast
		 * that sign-extends: x - 2 * (x & m) does, m the sign bit.
		 */
		else if (f->type == DRVTRACE_TYPE_S8)
			snprintf(fmt + n, len - n, ", (REC->%s - ((REC->%s & 0x80) * 2))",
				 f->name, f->name);
		else if (f->type == DRVTRACE_TYPE_S16)
			snprintf(fmt + n, len - n, ", (REC->%s - ((REC->%s & 0x8000) * 2))",
				 f->name, f->name);
		else
			snprintf(fmt + n, len - n, ", REC->%s", f->name);
	}
	if (ev->stack_offset)
		strlcat(fmt, STACK_PRINT_ARG, len);
	ev->call.print_fmt = fmt;
	return 0;
}

/**
 * drvtrace_event_create() - build an event, not yet visible
 * @name: the event's name in drvtrace_probes
 * @fields: its fields, in record order
 * @nr_fields: how many, at most DRVTRACE_EVENT_MAX_FIELDS
 * @stack: whether records carry the kernel stack
 *
 * Return: the event, or an ERR_PTR().
 */
struct drvtrace_event *drvtrace_event_create(const char *name,
					     const struct drvtrace_event_field *fields,
					     unsigned int nr_fields, bool stack)
{
	struct drvtrace_event *ev;
	unsigned int i, offset = sizeof(struct trace_entry);
	int ret;

	if (nr_fields > DRVTRACE_EVENT_MAX_FIELDS)
		return ERR_PTR(-E2BIG);
	ev = kzalloc(sizeof(*ev), GFP_KERNEL);
	if (!ev)
		return ERR_PTR(-ENOMEM);
	ev->name = kstrdup(name, GFP_KERNEL);
	if (!ev->name) {
		kfree(ev);
		return ERR_PTR(-ENOMEM);
	}

	ev->nr_fields = nr_fields;
	for (i = 0; i < nr_fields; i++) {
		unsigned int size = drvtrace_type_size(fields[i].type);

		ev->fields[i] = fields[i];
		if (drvtrace_type_is_string(fields[i].type))
			ev->variable = true;
		if (!IS_ALIGNED(offset, size))
			ev->holes = true;
		offset = ALIGN(offset, size);
		ev->fields[i].offset = offset;
		offset += size;
	}
	if (stack) {
		ev->variable = true;
		ev->holes |= !IS_ALIGNED(offset, sizeof(u32));
		offset = ALIGN(offset, sizeof(u32));
		ev->stack_offset = offset;
		offset += sizeof(u32);
	}
	ev->fixed_size = offset;

	ret = drvtrace_event_set_print_fmt(ev);
	if (ret) {
		kfree(ev->name);
		kfree(ev);
		return ERR_PTR(ret);
	}

	ev->tp.name = ev->name;
	ev->class.system = DRVTRACE_PROBE_SYSTEM;
	ev->class.fields_array = drvtrace_event_fields_array;
	ev->class.reg = drvtrace_event_reg;
	ev->class.probe = drvtrace_event_probe;
#ifdef CONFIG_PERF_EVENTS
	ev->class.perf_probe = drvtrace_event_perf_probe;
#endif
	INIT_LIST_HEAD(&ev->class.fields);
	ev->call.class = &ev->class;
	ev->call.event.funcs = &drvtrace_event_funcs;
	ev->call.flags = TRACE_EVENT_FL_TRACEPOINT;
	ev->call.tp = &ev->tp;
	ev->call.data = ev;
	return ev;
}

/* The job the registrar's ->reg() runs, under drvtrace_registrar_lock. */
static struct {
	int			(*fn)(struct trace_event_call *call);
	struct trace_event_call	*call;
	int			ret;
	bool			pending;
} drvtrace_registrar_job;
static DEFINE_MUTEX(drvtrace_registrar_lock);

/*
 * Called by the kernel with event_mutex held, also when a user toggles the
 * event. The job's fields are published before pending (release, paired
 * with the acquire here), and its result before pending is cleared.
 */
static int drvtrace_registrar_reg(struct trace_event_call *call,
				  enum trace_reg type, void *data)
{
	if ((type == TRACE_REG_REGISTER || type == TRACE_REG_UNREGISTER) &&
	    smp_load_acquire(&drvtrace_registrar_job.pending)) {	/* job set */
		drvtrace_registrar_job.ret =
			drvtrace_registrar_job.fn(drvtrace_registrar_job.call);
		/* ret, then done: pairs with the acquires of the runner */
		smp_store_release(&drvtrace_registrar_job.pending, false);
	}
	return 0;
}

static struct trace_event_fields drvtrace_registrar_fields[] = {
	{}
};

static struct trace_event_class drvtrace_registrar_class = {
	.system		= "drvtrace",
	.fields_array	= drvtrace_registrar_fields,
	.fields		= LIST_HEAD_INIT(drvtrace_registrar_class.fields),
	.reg		= drvtrace_registrar_reg,
};

static struct trace_event_call drvtrace_registrar_call = {
	.class		= &drvtrace_registrar_class,
	.name		= "event_registrar",
	.print_fmt	= "\"\"",
};

/* As TRACE_EVENT() does: the module loader registers it with the others. */
static struct trace_event_call *drvtrace_registrar_ptr
	__used __section("_ftrace_events") = &drvtrace_registrar_call;

static bool drvtrace_registrar_done(void)
{
	/* done, then ret: pairs with the release in ->reg() */
	return !smp_load_acquire(&drvtrace_registrar_job.pending);
}

/*
 * Run @fn(@call) with event_mutex held. Toggling the registrar calls its
 * ->reg() unless the event is already in the state asked for (a user
 * enabled it): then the other direction does, and the state is restored.
 */
static int drvtrace_registrar_run(int (*fn)(struct trace_event_call *call),
				  struct trace_event_call *call)
{
	int ret = -EBUSY;

	mutex_lock(&drvtrace_registrar_lock);
	drvtrace_registrar_job.fn = fn;
	drvtrace_registrar_job.call = call;
	/* fn and call, then pending: pairs with the acquire in ->reg() */
	smp_store_release(&drvtrace_registrar_job.pending, true);
	trace_set_clr_event("drvtrace", "event_registrar", 1);
	if (!drvtrace_registrar_done()) {
		trace_set_clr_event("drvtrace", "event_registrar", 0);
		if (drvtrace_registrar_done())
			trace_set_clr_event("drvtrace", "event_registrar", 1);
	} else {
		trace_set_clr_event("drvtrace", "event_registrar", 0);
	}
	/* Neither direction reached ->reg(): a trigger holds it soft-enabled. */
	if (drvtrace_registrar_done())
		ret = drvtrace_registrar_job.ret;
	WRITE_ONCE(drvtrace_registrar_job.pending, false);
	mutex_unlock(&drvtrace_registrar_lock);
	return ret;
}

static int drvtrace_event_add_locked(struct trace_event_call *call)
{
	int ret;

	/* A new type: the one it had before it was last removed is freed. */
	call->event.type = 0;
	if (!register_trace_event(&call->event))
		return -ENODEV;
	ret = trace_add_event_call(call);
	if (ret)
		unregister_trace_event(&call->event);
	return ret;
}

/* Make the event visible in tracefs. Return: 0 or -errno. */
int drvtrace_event_register(struct drvtrace_event *ev)
{
	return drvtrace_registrar_run(drvtrace_event_add_locked, &ev->call);
}

/* Remove it from tracefs. Return: 0, or -EBUSY while something uses it. */
int drvtrace_event_unregister(struct drvtrace_event *ev)
{
	return drvtrace_registrar_run(trace_remove_event_call, &ev->call);
}

void drvtrace_event_free(struct drvtrace_event *ev)
{
	if (!ev)
		return;
	kfree(ev->call.print_fmt);
	kfree(ev->name);
	kfree(ev);
}

int drvtrace_event_init(void)
{
	drvtrace_scratch = __alloc_percpu(DRVTRACE_RECORD_MAX, sizeof(u64));
	return drvtrace_scratch ? 0 : -ENOMEM;
}

void drvtrace_event_exit(void)
{
	free_percpu(drvtrace_scratch);
}

/* The building of records: in probe handlers, preemption disabled. */

/*
 * Return: false when the record would go nowhere: no event (@ev NULL), no
 * listener, or the one instance is soft-disabled or its ring buffer has
 * no room.
 */
bool drvtrace_record_start(struct drvtrace_record *r, struct drvtrace_event *ev)
{
	struct tracepoint_func *it;
	struct trace_event_file *file;

	if (!ev)
		return false;
	it = rcu_dereference_sched(ev->tp.funcs);
	if (!it)
		return false;
	r->ev = ev;
	r->size = ev->fixed_size;
	r->in_place = !ev->variable && it[0].func == drvtrace_event_probe &&
		      !it[1].func;
	if (!r->in_place) {
		r->buf = this_cpu_ptr(drvtrace_scratch);
		memset(r->buf, 0, ev->fixed_size);
		return true;
	}

	/* What drvtrace_event_probe() does, without the copy. */
	file = it[0].data;
	if (trace_trigger_soft_disabled(file))
		return false;
	r->buf = trace_event_buffer_reserve(&r->fbuffer, file, ev->fixed_size);
	if (!r->buf)
		return false;
	/* Every field is written: only padding would show old bytes. */
	if (ev->holes)
		memset(r->buf + sizeof(struct trace_entry), 0,
		       ev->fixed_size - sizeof(struct trace_entry));
	return true;
}

/* @len counts the NUL; the string is appended after the fixed fields. */
void drvtrace_record_put_string(struct drvtrace_record *r, unsigned int field,
				const char *str, unsigned int len)
{
	const struct drvtrace_event_field *f = &r->ev->fields[field];

	len = min_t(unsigned int, len, DRVTRACE_STRING_MAX);
	if (r->size + len > DRVTRACE_RECORD_MAX)
		len = 0;
	memcpy(r->buf + r->size, str, len);
	if (len)
		r->buf[r->size + len - 1] = '\0';
	*(u32 *)(r->buf + f->offset) = len << 16 | r->size;
	r->size += len;
}

/* Fetch a string straight into the record. Return: 0 or -EFAULT. */
int drvtrace_record_fetch_string(struct drvtrace_record *r, unsigned int field,
				 const struct drvtrace_fetch *f,
				 struct pt_regs *regs)
{
	const struct drvtrace_event_field *ef = &r->ev->fields[field];
	int len, ret = 0;

	len = drvtrace_fetch_string(f, regs, r->buf + r->size);
	if (len < 0) {
		ret = len;
		len = sizeof(DRVTRACE_FAULT_STRING);
	}
	*(u32 *)(r->buf + ef->offset) = len << 16 | r->size;
	r->size += len;
	return ret;
}

void drvtrace_record_put_stack(struct drvtrace_record *r)
{
	unsigned long *store;
	unsigned int n;

	if (!r->ev->stack_offset)
		return;
	r->size = ALIGN(r->size, sizeof(unsigned long));
	store = (unsigned long *)(r->buf + r->size);
	/* Skip this function; the handlers show how the probe got there. */
	n = stack_trace_save(store, DRVTRACE_STACK_DEPTH, 1);
	*(u32 *)(r->buf + r->ev->stack_offset) =
		(n * sizeof(unsigned long)) << 16 | r->size;
	r->size += n * sizeof(unsigned long);
}

/* Hand the record to every instance and perf event that listens. */
void drvtrace_record_emit(struct drvtrace_record *r)
{
	struct tracepoint_func *it;
	void (*probe)(void *data, struct drvtrace_record *r);

	if (r->in_place) {
		trace_event_buffer_commit(&r->fbuffer);
		return;
	}
	it = rcu_dereference_sched(r->ev->tp.funcs);
	if (!it)
		return;
	do {
		probe = it->func;
		probe(it->data, r);
	} while ((++it)->func);
}
