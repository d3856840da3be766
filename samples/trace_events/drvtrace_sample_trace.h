/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace events of the drvtrace_sample driver: a template to copy.
 *
 * scripts/new-tracepoints <driver> writes a copy of this directory with
 * every "drvtrace_sample" renamed. Each form below has a comment saying
 * when to reach for it; delete the ones your driver does not need.
 *
 * This header is read several times: once by every file that calls the
 * events, and again by <trace/define_trace.h> in the one .c file that
 * defines CREATE_TRACE_POINTS, each time with the TRACE_EVENT() macros
 * meaning something else. Hence the guard that lets TRACE_HEADER_MULTI_READ
 * through, and the types kept in a guard of their own.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM drvtrace_sample

#if !defined(_DRVTRACE_SAMPLE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _DRVTRACE_SAMPLE_TRACE_H

#include <linux/tracepoint.h>
#include <linux/version.h>

/*
 * What the events show must be defined once. In a real driver these live
 * in the driver's own header, which this one includes.
 */
#ifndef _DRVTRACE_SAMPLE_TRACE_TYPES
#define _DRVTRACE_SAMPLE_TRACE_TYPES

enum drvtrace_sample_cmd {
	DRVTRACE_SAMPLE_CMD_READ,
	DRVTRACE_SAMPLE_CMD_WRITE,
	DRVTRACE_SAMPLE_CMD_FLUSH,
};

#define DRVTRACE_SAMPLE_F_DATA		0x1	/* the request carries data */
#define DRVTRACE_SAMPLE_F_WRITE		0x2	/* towards the device */
#define DRVTRACE_SAMPLE_F_SYNC		0x4	/* waits for the media */

#define DRVTRACE_SAMPLE_MAX_WORDS	8	/* data words in one request */
#define DRVTRACE_SAMPLE_CDB_LEN		4	/* bytes of a command block */
#define DRVTRACE_SAMPLE_WORD_LEN	4	/* bytes of a data word, a u32 */

/* Called by the tracing core as the stats event gets its first user and loses its last. */
int drvtrace_sample_stats_reg(void);
void drvtrace_sample_stats_unreg(void);

/*
 * 6.10 dropped __assign_str()'s source argument (it is taken from
 * __string()). Versions are compared by their parts, as checkpatch wants
 * of code that builds out of tree.
 */
#if LINUX_VERSION_MAJOR * 256 + LINUX_VERSION_PATCHLEVEL >= 6 * 256 + 10
#define drvtrace_sample_assign_str(dst, src)	__assign_str(dst)
#else
#define drvtrace_sample_assign_str(dst, src)	__assign_str(dst, src)
#endif

#endif /* _DRVTRACE_SAMPLE_TRACE_TYPES */

/*
 * TRACE_DEFINE_ENUM: for every enum value a TP_printk() shows. The format
 * file then holds the number instead of the name, so perf and trace-cmd
 * can decode the event; #define'd values need nothing.
 */
TRACE_DEFINE_ENUM(DRVTRACE_SAMPLE_CMD_READ);
TRACE_DEFINE_ENUM(DRVTRACE_SAMPLE_CMD_WRITE);
TRACE_DEFINE_ENUM(DRVTRACE_SAMPLE_CMD_FLUSH);

/* __print_symbolic: a value shown by name, like a switch over an enum. */
#define show_drvtrace_sample_cmd(cmd)					\
	__print_symbolic(cmd,						\
			 { DRVTRACE_SAMPLE_CMD_READ,	"read" },	\
			 { DRVTRACE_SAMPLE_CMD_WRITE,	"write" },	\
			 { DRVTRACE_SAMPLE_CMD_FLUSH,	"flush" })

/* __print_flags: a bit mask shown as names joined by "|". */
#define show_drvtrace_sample_flags(flags)				\
	__print_flags(flags, "|",					\
		      { DRVTRACE_SAMPLE_F_DATA,		"DATA" },	\
		      { DRVTRACE_SAMPLE_F_WRITE,	"WRITE" },	\
		      { DRVTRACE_SAMPLE_F_SYNC,		"SYNC" })

/*
 * TRACE_EVENT: one event with a shape of its own. This one has a field
 * of every common kind:
 *   __field(type, name)               a scalar
 *   __array(type, name, n)            a fixed-size array
 *   __string(name, src)               a NUL-terminated string, sized per event
 *   __dynamic_array(type, name, n)    an array sized per event
 *   __bitmask(name, nr_bits)          a bitmap, shown in hex
 * Fixed-size fields cost the same in every event; the dynamic ones take
 * only what each event needs. TP_fast_assign() runs only while the event
 * is enabled.
 *
 * TP_printk() ends up in the format file, where perf and trace-cmd parse
 * it: give sizes as constants or fields. libtraceevent cannot evaluate
 * sizeof(__entry->field) or sizeof(u32) and shows "[FAILED TO PARSE]".
 */
TRACE_EVENT(drvtrace_sample_xfer,
	    TP_PROTO(const char *dev, unsigned int id, int cmd,
		     unsigned long flags, const u8 *cdb, const u32 *data,
		     unsigned int nr_words, const unsigned long *lanes),
	    TP_ARGS(dev, id, cmd, flags, cdb, data, nr_words, lanes),
	    TP_STRUCT__entry(__string(dev, dev)
			     __field(unsigned int, id)
			     __field(int, cmd)
			     __field(unsigned long, flags)
			     __array(u8, cdb, DRVTRACE_SAMPLE_CDB_LEN)
			     __dynamic_array(u32, data, nr_words)
			     __bitmask(lanes, DRVTRACE_SAMPLE_MAX_WORDS)),
	    TP_fast_assign(drvtrace_sample_assign_str(dev, dev);
			   __entry->id = id;
			   __entry->cmd = cmd;
			   __entry->flags = flags;
			   memcpy(__entry->cdb, cdb, DRVTRACE_SAMPLE_CDB_LEN);
			   memcpy(__get_dynamic_array(data), data,
				  nr_words * sizeof(*data));
			   __assign_bitmask(lanes, lanes,
					    DRVTRACE_SAMPLE_MAX_WORDS);),
	    TP_printk("dev=%s id=%u cmd=%s flags=%s cdb=%s data=%s lanes=%s",
		      __get_str(dev), __entry->id,
		      show_drvtrace_sample_cmd(__entry->cmd),
		      show_drvtrace_sample_flags(__entry->flags),
		      __print_hex(__entry->cdb, DRVTRACE_SAMPLE_CDB_LEN),
		      __print_array(__get_dynamic_array(data),
				    __get_dynamic_array_len(data) /
				    DRVTRACE_SAMPLE_WORD_LEN,
				    DRVTRACE_SAMPLE_WORD_LEN),
		      __get_bitmask(lanes))
);

/*
 * DECLARE_EVENT_CLASS + DEFINE_EVENT: several events with the same fields,
 * such as the entry and exit of an operation. The class holds the code
 * once; each event defined from it costs a few hundred bytes instead of a
 * few kilobytes.
 */
DECLARE_EVENT_CLASS(drvtrace_sample_io,
		    TP_PROTO(unsigned int id, int cmd, int ret),
		    TP_ARGS(id, cmd, ret),
		    TP_STRUCT__entry(__field(unsigned int, id)
				     __field(int, cmd)
				     __field(int, ret)),
		    TP_fast_assign(__entry->id = id;
				   __entry->cmd = cmd;
				   __entry->ret = ret;),
		    TP_printk("id=%u cmd=%s ret=%d", __entry->id,
			      show_drvtrace_sample_cmd(__entry->cmd),
			      __entry->ret)
);

/*
 * DEFINE_EVENT_PRINT: a member of the class that prints differently. On
 * entry there is no result yet, so ret (always 0) is not shown.
 */
DEFINE_EVENT_PRINT(drvtrace_sample_io, drvtrace_sample_io_entry,
		   TP_PROTO(unsigned int id, int cmd, int ret),
		   TP_ARGS(id, cmd, ret),
		   TP_printk("id=%u cmd=%s", __entry->id,
			     show_drvtrace_sample_cmd(__entry->cmd))
);

DEFINE_EVENT(drvtrace_sample_io, drvtrace_sample_io_exit,
	     TP_PROTO(unsigned int id, int cmd, int ret),
	     TP_ARGS(id, cmd, ret)
);

/*
 * TRACE_EVENT_CONDITION: an event that records only some calls. The
 * condition is tested before any buffer space is reserved, and only while
 * the event is enabled, so calling it on every path costs nothing when
 * the condition is false. Here: failed requests only.
 */
TRACE_EVENT_CONDITION(drvtrace_sample_error,
		      TP_PROTO(unsigned int id, int ret),
		      TP_ARGS(id, ret),
		      TP_CONDITION(ret < 0),
		      TP_STRUCT__entry(__field(unsigned int, id)
				       __field(int, ret)),
		      TP_fast_assign(__entry->id = id;
				     __entry->ret = ret;),
		      TP_printk("id=%u ret=%d", __entry->id, __entry->ret)
);

/*
 * TRACE_EVENT_FN: an event whose first user starts something and whose
 * last user stops it. The tracing core calls drvtrace_sample_stats_reg()
 * when the event is enabled and drvtrace_sample_stats_unreg() when it is
 * disabled; here they start and stop a worker that reports the driver's
 * counters, work nobody pays for while the event is off.
 */
TRACE_EVENT_FN(drvtrace_sample_stats,
	       TP_PROTO(unsigned int requests, unsigned int errors),
	       TP_ARGS(requests, errors),
	       TP_STRUCT__entry(__field(unsigned int, requests)
				__field(unsigned int, errors)),
	       TP_fast_assign(__entry->requests = requests;
			      __entry->errors = errors;),
	       TP_printk("requests=%u errors=%u",
			 __entry->requests, __entry->errors),
	       drvtrace_sample_stats_reg, drvtrace_sample_stats_unreg
);

#endif /* _DRVTRACE_SAMPLE_TRACE_H */

/*
 * Outside the guard: <trace/define_trace.h> includes this file again, by
 * the name below, from the directory the Kbuild adds with -I$(src).
 */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE drvtrace_sample_trace
#include <trace/define_trace.h>
