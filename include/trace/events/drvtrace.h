/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events of drvtrace.ko, the probe core.
 *
 * Each probe emits an entry event when the probed function is called and an
 * exit event when it returns; the two are paired per call by the kretprobe's
 * instance data, so the duration is that call's, also under recursion and
 * on several CPUs at once. __setup_irq() is decoded: its entry event shows
 * the irqaction being installed. Every other symbol gets its first N
 * arguments as raw u64 values and its return value.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM drvtrace

#if !defined(_TRACE_DRVTRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DRVTRACE_H

#include <linux/interrupt.h>
#include <linux/tracepoint.h>

#include <drvtrace/compat.h>

#define DRVTRACE_MAX_ARGS	6

#define show_irqf_flags(flags)						\
	__print_flags(flags, "|",					\
		      { IRQF_TRIGGER_RISING,	"TRIGGER_RISING" },	\
		      { IRQF_TRIGGER_FALLING,	"TRIGGER_FALLING" },	\
		      { IRQF_TRIGGER_HIGH,	"TRIGGER_HIGH" },	\
		      { IRQF_TRIGGER_LOW,	"TRIGGER_LOW" },	\
		      { IRQF_TRIGGER_PROBE,	"TRIGGER_PROBE" },	\
		      { IRQF_SHARED,		"SHARED" },		\
		      { IRQF_PROBE_SHARED,	"PROBE_SHARED" },	\
		      { __IRQF_TIMER,		"TIMER" },		\
		      { IRQF_PERCPU,		"PERCPU" },		\
		      { IRQF_NOBALANCING,	"NOBALANCING" },	\
		      { IRQF_IRQPOLL,		"IRQPOLL" },		\
		      { IRQF_ONESHOT,		"ONESHOT" },		\
		      { IRQF_NO_SUSPEND,	"NO_SUSPEND" },		\
		      { IRQF_FORCE_RESUME,	"FORCE_RESUME" },	\
		      { IRQF_NO_THREAD,		"NO_THREAD" },		\
		      { IRQF_EARLY_RESUME,	"EARLY_RESUME" },	\
		      { IRQF_COND_SUSPEND,	"COND_SUSPEND" },	\
		      { IRQF_NO_AUTOEN,		"NO_AUTOEN" },		\
		      { IRQF_NO_DEBUG,		"NO_DEBUG" },		\
		      { IRQF_COND_ONESHOT,	"COND_ONESHOT" })

/* __setup_irq(irq, desc, new) was called to install the action @new. */
TRACE_EVENT(setup_irq_entry,
	    TP_PROTO(unsigned int irq, const struct irqaction *new),
	    TP_ARGS(irq, new),
	    TP_STRUCT__entry(__field(int, irq)
			     __string(name, new->name)
			     __field(unsigned long, flags)
			     __field(void *, handler)
			     __field(void *, thread_fn)),
	    TP_fast_assign(__entry->irq = irq;
			   drvtrace_assign_str(name, new->name);
			   __entry->flags = new->flags;
			   __entry->handler = new->handler;
			   __entry->thread_fn = new->thread_fn;),
	    TP_printk("irq=%d name=%s flags=%s handler=%ps thread_fn=%ps",
		      __entry->irq, __get_str(name),
		      show_irqf_flags(__entry->flags),
		      __entry->handler, __entry->thread_fn)
);

/* __setup_irq() returned: 0 or a negative errno, and how long it took. */
TRACE_EVENT(setup_irq_exit,
	    TP_PROTO(unsigned int irq, int ret, u64 duration_ns),
	    TP_ARGS(irq, ret, duration_ns),
	    TP_STRUCT__entry(__field(int, irq)
			     __field(int, ret)
			     __field(u64, duration_ns)),
	    TP_fast_assign(__entry->irq = irq;
			   __entry->ret = ret;
			   __entry->duration_ns = duration_ns;),
	    TP_printk("irq=%d ret=%d duration_ns=%llu",
		      __entry->irq, __entry->ret, __entry->duration_ns)
);

/* A probed function was called; @args holds its first @nr_args arguments. */
TRACE_EVENT(func_entry,
	    TP_PROTO(const char *func, unsigned int nr_args, const u64 *args),
	    TP_ARGS(func, nr_args, args),
	    TP_STRUCT__entry(__string(func, func)
			     __field(unsigned int, nr_args)
			     __array(u64, args, DRVTRACE_MAX_ARGS)),
	    TP_fast_assign(drvtrace_assign_str(func, func);
			   __entry->nr_args = nr_args;
			   memcpy(__entry->args, args, sizeof(__entry->args));),
	    TP_printk("func=%s args=%s", __get_str(func),
		      __print_array(__entry->args, __entry->nr_args, 8))
);

/* A probed function returned @ret, @duration_ns after its entry. */
TRACE_EVENT(func_exit,
	    TP_PROTO(const char *func, long ret, u64 duration_ns),
	    TP_ARGS(func, ret, duration_ns),
	    TP_STRUCT__entry(__string(func, func)
			     __field(long, ret)
			     __field(u64, duration_ns)),
	    TP_fast_assign(drvtrace_assign_str(func, func);
			   __entry->ret = ret;
			   __entry->duration_ns = duration_ns;),
	    TP_printk("func=%s ret=%ld duration_ns=%llu",
		      __get_str(func), __entry->ret, __entry->duration_ns)
);

#endif /* _TRACE_DRVTRACE_H */

/* This part must be outside the multi-read guard. */
#include <trace/define_trace.h>
