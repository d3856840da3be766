// SPDX-License-Identifier: GPL-2.0
/*
 * trace_printk() and trace_puts(): printf-style debugging into the ring
 * buffer, from any context, at a fraction of printk()'s cost.
 *
 * Each one takes one of two paths, chosen at compile time:
 *   - a constant format or string is not copied: the ring buffer gets a
 *     pointer to it and the binary arguments ("bprint" and "bputs"
 *     entries); /sys/kernel/tracing/printk_formats lists those formats;
 *   - a format or string only known at run time is formatted on the spot
 *     and copied ("print" entries).
 *
 * This module writes lines of each kind from process context at load,
 * then from hard-IRQ context, ticks times: an hrtimer writes a line and
 * queues an irq_work, which writes one and arms the hrtimer for the next
 * tick. With fail_tick=N, tick N plays a driver that detects an error:
 * it writes why and calls tracing_off(), which freezes the ring buffer
 * there, a flight recorder stopped right after the fault. Nothing written
 * after that reaches the buffer, the "unloading" line included.
 *
 * The lines look like (the function that wrote them, then the text):
 *   sample_process: process: trace_puts, constant string
 *   sample_hrtimer: hrtimer: tick 1 of 3 in hardirq
 *   sample_irq_work: irq_work: tick 1 of 3 in hardirq
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/version.h>

static unsigned int ticks = 3;
module_param(ticks, uint, 0444);
MODULE_PARM_DESC(ticks, "hrtimer ticks at load, 1 to 100 (default 3)");

static unsigned int fail_tick;
module_param(fail_tick, uint, 0444);
MODULE_PARM_DESC(fail_tick,
		 "Tick that detects an error and calls tracing_off(), 0 for none (default 0)");

static bool hex;
module_param(hex, bool, 0444);
MODULE_PARM_DESC(hex, "Print the run-time format's number in hex (default n)");

static void sample_irq_work(struct irq_work *w);

static struct hrtimer timer;
/* _HARD: in hard-IRQ context even on PREEMPT_RT, as the hrtimer below. */
static struct irq_work work = IRQ_WORK_INIT_HARD(sample_irq_work);
static DECLARE_COMPLETION(done);
static unsigned int tick;

static const char *context(void)
{
	if (in_nmi())
		return "nmi";
	if (in_hardirq())
		return "hardirq";
	if (in_serving_softirq())
		return "softirq";
	return "process";
}

/* Out of line, so that each trace line names its context's function. */
static noinline void sample_process(void)
{
	const char *fmt = hex ? "process: trace_printk, run-time format, 0x%x\n" :
				"process: trace_printk, run-time format, %u\n";
	char buf[64];

	/* Constant string: a "bputs" entry, a pointer and no copy. */
	trace_puts("process: trace_puts, constant string\n");

	/* Constant format: a "bprint" entry, the format and raw arguments. */
	trace_printk("process: trace_printk, constant format, %s %d\n",
		     context(), 42);

	/* A format picked at run time: formatted now, a "print" entry. */
	trace_printk(fmt, 42);

	/* A string built at run time: copied, a "print" entry too. */
	snprintf(buf, sizeof(buf), "process: trace_puts, built string, %u ticks\n",
		 ticks);
	trace_puts(buf);
}

/* Each tick: the hrtimer, then the irq_work it queues, which arms the next. */
static noinline void sample_irq_work(struct irq_work *w)
{
	unsigned int n = READ_ONCE(tick);

	trace_printk("irq_work: tick %u of %u in %s\n", n, ticks, context());
	if (n < ticks)
		hrtimer_start(&timer, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);
	else
		complete(&done);
}

static noinline enum hrtimer_restart sample_hrtimer(struct hrtimer *t)
{
	unsigned int n = READ_ONCE(tick) + 1;

	WRITE_ONCE(tick, n);
	trace_printk("hrtimer: tick %u of %u in %s\n", n, ticks, context());

	if (n == fail_tick) {
		/*
		 * The error a driver would detect: say why, then stop
		 * recording so that what led here is not overwritten.
		 */
		trace_printk("hrtimer: tick %u: error detected, tracing off\n", n);
		tracing_off();
	}

	/* Runs sample_irq_work() in hard-IRQ context, after this returns. */
	irq_work_queue(&work);
	return HRTIMER_NORESTART;
}

/* The irq_work may arm the timer until it is synced: stop both. */
static void stop_ticks(void)
{
	hrtimer_cancel(&timer);
	irq_work_sync(&work);
	hrtimer_cancel(&timer);
}

static int __init sample_printk_init(void)
{
	if (!ticks || ticks > 100)
		return -EINVAL;

	sample_process();

	/* 6.13 folded hrtimer_init() and the callback into hrtimer_setup(). */
#if LINUX_VERSION_MAJOR * 256 + LINUX_VERSION_PATCHLEVEL >= 6 * 256 + 13
	hrtimer_setup(&timer, sample_hrtimer, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
#else
	hrtimer_init(&timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer.function = sample_hrtimer;
#endif
	hrtimer_start(&timer, ms_to_ktime(1), HRTIMER_MODE_REL_HARD);

	if (!wait_for_completion_timeout(&done, 10 * HZ)) {
		stop_ticks();
		pr_err("the ticks did not complete\n");
		return -ETIMEDOUT;
	}
	irq_work_sync(&work);
	return 0;
}

static void __exit sample_printk_exit(void)
{
	stop_ticks();
	trace_puts("unloading\n");
}

module_init(sample_printk_init);
module_exit(sample_printk_exit);

/*
 * Why trace_printk() must never ship: the first module or kernel that uses
 * it makes the kernel allocate extra per-CPU buffers and print a notice
 * ("trace_printk() being used ... unsafe for production use") on the
 * console at boot or load. Production drivers use trace events.
 */
MODULE_DESCRIPTION("trace_printk() samples; debug only, never ship it: its users make the kernel print an unsafe-for-production notice");
MODULE_LICENSE("GPL");
