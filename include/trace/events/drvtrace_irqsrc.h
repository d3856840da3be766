/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events of drvtrace_irqsrc.ko, the software interrupt source.
 *
 * They mirror irq:irq_handler_entry/exit, which the kernel emits around the
 * same handler, and add what those lack: the hardware IRQ number inside our
 * domain and the time the handler body took. All fields are typed, so
 *
 *   echo 'irq == 42' > events/drvtrace_irqsrc/handler_exit/filter
 *   echo 'hist:keys=irq:vals=duration_ns' > events/drvtrace_irqsrc/handler_exit/trigger
 *
 * work without parsing text.
 *
 * Both say in which context the handler ran (ctx): in hard-IRQ context, or
 * in the line's IRQ thread, where PREEMPT_RT's forced threading (or the
 * threadirqs boot option) puts a handler not requested with IRQF_NO_THREAD.
 * The events read it themselves (in_hardirq()), so it is what happened,
 * not what was asked for.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM drvtrace_irqsrc

#if !defined(_TRACE_DRVTRACE_IRQSRC_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DRVTRACE_IRQSRC_H

#include <linux/interrupt.h>
#include <linux/preempt.h>
#include <linux/tracepoint.h>

#include <drvtrace/compat.h>

/* Make the irqreturn_t values known to user space tools (perf, trace-cmd). */
TRACE_DEFINE_ENUM(IRQ_NONE);
TRACE_DEFINE_ENUM(IRQ_HANDLED);
TRACE_DEFINE_ENUM(IRQ_WAKE_THREAD);

#define show_irqctx(thread)					\
	__print_symbolic(thread, { 0, "hardirq" }, { 1, "thread" })

#define show_irqreturn(ret)					\
	__print_symbolic(ret,					\
			 { IRQ_NONE,		"unhandled" },	\
			 { IRQ_HANDLED,		"handled" },	\
			 { IRQ_WAKE_THREAD,	"wake_thread" })

/*
 * An interrupt reached our handler: irq:irq_handler_entry plus the hwirq
 * and the context. In a thread, the time from the kernel's
 * irq:irq_handler_entry (of the primary handler, in hard-IRQ context) to
 * this event is the thread's wake-up delay.
 */
TRACE_EVENT(handler_entry,
	    TP_PROTO(int irq, unsigned long hwirq, const char *name),
	    TP_ARGS(irq, hwirq, name),
	    TP_STRUCT__entry(__field(int, irq)
			     __field(unsigned long, hwirq)
			     __string(name, name)
			     __field(u8, thread)),
	    TP_fast_assign(__entry->irq = irq;
			   __entry->hwirq = hwirq;
			   drvtrace_assign_str(name, name);
			   __entry->thread = !in_hardirq();),
	    TP_printk("irq=%d hwirq=%lu name=%s ctx=%s",
		      __entry->irq, __entry->hwirq, __get_str(name),
		      show_irqctx(__entry->thread))
);

/*
 * The handler returns: whether the interrupt was its device's (ret) and how
 * long the handler body took, in ns of CLOCK_MONOTONIC.
 */
TRACE_EVENT(handler_exit,
	    TP_PROTO(int irq, unsigned long hwirq, const char *name,
		     irqreturn_t ret, u64 duration_ns),
	    TP_ARGS(irq, hwirq, name, ret, duration_ns),
	    TP_STRUCT__entry(__field(int, irq)
			     __field(unsigned long, hwirq)
			     __string(name, name)
			     __field(int, ret)
			     __field(u64, duration_ns)
			     __field(u8, thread)),
	    TP_fast_assign(__entry->irq = irq;
			   __entry->hwirq = hwirq;
			   drvtrace_assign_str(name, name);
			   __entry->ret = ret;
			   __entry->duration_ns = duration_ns;
			   __entry->thread = !in_hardirq();),
	    TP_printk("irq=%d hwirq=%lu name=%s ret=%s duration_ns=%llu ctx=%s",
		      __entry->irq, __entry->hwirq, __get_str(name),
		      show_irqreturn(__entry->ret), __entry->duration_ns,
		      show_irqctx(__entry->thread))
);

#endif /* _TRACE_DRVTRACE_IRQSRC_H */

/* This part must be outside the multi-read guard. */
#include <trace/define_trace.h>
