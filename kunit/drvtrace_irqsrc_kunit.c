// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the software interrupt source, modules/drvtrace_irqsrc.c.
 *
 * The module's source is compiled into this one, so this module is an IRQ
 * source of its own (load it instead of drvtrace_irqsrc.ko, after
 * drvtrace.ko) and the suites call its static functions directly.
 *
 * KUnit of 6.1 runs a module's suites when the module is coming, before its
 * init function. So the IRQ source's init and exit functions are not this
 * module's: each suite's suite_init/suite_exit calls them, around its cases.
 * They are compiled as plain functions (no __init/__exit, no module_init/
 * module_exit), which the module's own source cannot express today.
 *
 * The suites:
 *
 *   drvtrace_irqsrc         lines requested, a second request refused,
 *                           fire/spurious counts, reset, /proc/interrupts,
 *                           every command the parser rejects
 *   drvtrace_irqsrc_events  the fields handler_entry/exit pass to probes
 *                           attached to them, in hard-IRQ context
 */
/* As the source below has it, before any header defines a default. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#undef __init
#define __init
#undef __exit
#define __exit
#undef module_init
#define module_init(fn)
#undef module_exit
#define module_exit(fn)

#include "../modules/drvtrace_irqsrc.c"

#include <kunit/test.h>
#include <linux/ctype.h>

#include "drvtrace_kunit.h"
#include <linux/preempt.h>

/* The busy time a handled interrupt on hwirq 0 takes; more on the others. */
#define TEST_HANDLER_NS	20000

/* A fresh IRQ source for each suite, set up by the module's own init. */
static int irqsrc_suite_init(struct kunit_suite *suite)
{
	return irqsrc_init();
}

static void irqsrc_suite_exit(struct kunit_suite *suite)
{
	irqsrc_exit();
}

/* Stop the periodic timer and zero the counters: only the tests raise. */
static int irqsrc_test_init(struct kunit *test)
{
	mutex_lock(&irqsrc_lock);
	irqsrc_set_rate(0);
	irqsrc_reset();
	handler_ns = TEST_HANDLER_NS;
	mutex_unlock(&irqsrc_lock);
	return 0;
}

/* Fire as the control file's "fire"/"spurious" commands do. */
static void irqsrc_test_fire(struct kunit *test, unsigned long count, int hwirq,
			     bool spurious)
{
	int ret;

	mutex_lock(&irqsrc_lock);
	ret = irqsrc_fire(count, hwirq, spurious);
	mutex_unlock(&irqsrc_lock);
	KUNIT_ASSERT_EQ(test, ret, 0);
}

static void irqsrc_expect_counts(struct kunit *test, unsigned int hwirq,
				 s64 raised, s64 handled, s64 unhandled)
{
	struct irqsrc_line *line = &irqsrc_lines[hwirq];

	KUNIT_EXPECT_EQ_MSG(test, atomic64_read(&line->raised), raised,
			    "hwirq %u", hwirq);
	KUNIT_EXPECT_EQ_MSG(test, atomic64_read(&line->handled), handled,
			    "hwirq %u", hwirq);
	KUNIT_EXPECT_EQ_MSG(test, atomic64_read(&line->unhandled), unhandled,
			    "hwirq %u", hwirq);
}

/* Each line is a requested IRQ of its own, named after its hwirq. */
static void irqsrc_lines_requested(struct kunit *test)
{
	char name[32];
	unsigned int i;

	KUNIT_ASSERT_GT(test, irqsrc_nr, 0U);
	for (i = 0; i < irqsrc_nr; i++) {
		struct irqsrc_line *line = &irqsrc_lines[i];

		KUNIT_EXPECT_EQ(test, line->hwirq, (irq_hw_number_t)i);
		KUNIT_EXPECT_GT(test, line->irq, 0U);
		KUNIT_EXPECT_EQ(test, irq_find_mapping(irqsrc_domain, i), line->irq);
		KUNIT_EXPECT_TRUE_MSG(test, irq_has_action(line->irq),
				      "irq %u has no handler", line->irq);
		snprintf(name, sizeof(name), "drvtrace-irqsrc.%u", i);
		KUNIT_EXPECT_STREQ(test, line->name, name);
	}
}

/* A second request of a line fails as for a real device, and changes nothing. */
static void irqsrc_request_again_busy(struct kunit *test)
{
	struct irqsrc_line *line = &irqsrc_lines[irqsrc_nr - 1];

	KUNIT_ASSERT_FALSE(test, irqflags & IRQF_SHARED);
	KUNIT_EXPECT_EQ(test, irqsrc_request_again(line), -EBUSY);
	KUNIT_EXPECT_TRUE(test, irq_has_action(line->irq));
	irqsrc_test_fire(test, 1, irqsrc_nr - 1, false);
	irqsrc_expect_counts(test, irqsrc_nr - 1, 1, 1, 0);
}

/* fire N without a line goes round robin; every one is handled. */
static void irqsrc_fire_round_robin(struct kunit *test)
{
	unsigned int i;

	irqsrc_test_fire(test, 25 * irqsrc_nr, -1, false);
	for (i = 0; i < irqsrc_nr; i++)
		irqsrc_expect_counts(test, i, 25, 25, 0);
}

/* More than one timer expiry's batch: the burst goes on until all are raised. */
static void irqsrc_fire_many(struct kunit *test)
{
	unsigned long n = 3 * IRQSRC_BURST_BATCH + 1;

	handler_ns = 0;
	irqsrc_test_fire(test, n, 0, false);
	irqsrc_expect_counts(test, 0, n, n, 0);
}

/* fire N on one line touches that line only. */
static void irqsrc_fire_one_line(struct kunit *test)
{
	unsigned int hwirq = irqsrc_nr - 1, i;

	irqsrc_test_fire(test, 10, hwirq, false);
	for (i = 0; i < irqsrc_nr; i++)
		irqsrc_expect_counts(test, i, i == hwirq ? 10 : 0,
				     i == hwirq ? 10 : 0, 0);
}

/* An interrupt raised with the device's status clear is not handled. */
static void irqsrc_spurious(struct kunit *test)
{
	irqsrc_test_fire(test, 7, 0, true);
	irqsrc_expect_counts(test, 0, 7, 0, 7);
}

static void irqsrc_reset_counts(struct kunit *test)
{
	unsigned int i;

	irqsrc_test_fire(test, 3, -1, false);
	irqsrc_test_fire(test, 2, -1, true);
	irqsrc_reset();
	for (i = 0; i < irqsrc_nr; i++)
		irqsrc_expect_counts(test, i, 0, 0, 0);
}

/* The count of @irq in /proc/interrupts, summed over the CPUs. */
static u64 proc_interrupts(struct kunit *test, unsigned int irq)
{
	const size_t size = 64 * 1024;
	char *buf = kunit_kzalloc(test, size, GFP_KERNEL);
	char *line, *s, *tok;
	bool found = false;
	unsigned int this;
	struct file *f;
	loff_t pos = 0;
	ssize_t len;
	u64 sum = 0, n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	f = filp_open("/proc/interrupts", O_RDONLY, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);
	len = kernel_read(f, buf, size - 1, &pos);
	filp_close(f, NULL);
	KUNIT_ASSERT_GT(test, len, 0);

	s = buf;
	while ((line = strsep(&s, "\n"))) {
		if (sscanf(line, " %u:", &this) != 1 || this != irq)
			continue;
		found = true;
		strsep(&line, ":");
		/* One column per online CPU, then the chip and the names. */
		while ((tok = strsep(&line, " ")) && (!*tok || isdigit(*tok))) {
			if (!*tok)
				continue;
			KUNIT_ASSERT_EQ(test, kstrtou64(tok, 10, &n), 0);
			sum += n;
		}
	}
	KUNIT_ASSERT_TRUE_MSG(test, found, "irq %u not in /proc/interrupts", irq);
	kunit_kfree(test, buf);
	return sum;
}

/* The kernel's own count of the IRQ agrees with the module's. */
static void irqsrc_proc_interrupts(struct kunit *test)
{
	unsigned int irq = irqsrc_lines[0].irq;
	u64 before = proc_interrupts(test, irq);

	irqsrc_test_fire(test, 40, 0, false);
	irqsrc_test_fire(test, 2, 0, true);
	KUNIT_EXPECT_EQ(test, proc_interrupts(test, irq) - before, 42ULL);
}

struct irqsrc_cmd_case {
	const char	*cmd;
	int		err;
	enum irqsrc_verb verb;
	unsigned long	count;
	int		hwirq;
	unsigned int	hz;
};

/* Commands with %u have it replaced by nr_irqs: a hwirq one past the last. */
static const struct irqsrc_cmd_case irqsrc_cmd_cases[] = {
	{ "fire 1",		0, IRQSRC_FIRE, 1, -1 },
	{ " fire 5\t0\n",	0, IRQSRC_FIRE, 5, 0 },
	{ "fire 0x10 1",	0, IRQSRC_FIRE, 16, 1 },
	{ "fire 100000000",	0, IRQSRC_FIRE, 100000000, -1 },
	{ "spurious 2 3",	0, IRQSRC_SPURIOUS, 2, 3 },
	{ "rate 0",		0, IRQSRC_RATE, .hz = 0 },
	{ "rate 1000000",	0, IRQSRC_RATE, .hz = 1000000 },
	{ "reset",		0, IRQSRC_RESET },
	{ "request 0",		0, IRQSRC_REQUEST, .hwirq = 0 },
	{ "irqsoff 1",		0, IRQSRC_IRQSOFF, 1, -1 },
	{ "preemptoff 1000000",	0, IRQSRC_PREEMPTOFF, 1000000, -1 },
	{ "irqsoff 0x10",	0, IRQSRC_IRQSOFF, 16, -1 },
	{ "",			-EINVAL },
	{ "bogus",		-EINVAL },
	{ "fire",		-EINVAL },
	{ "fire 0",		-EINVAL },
	{ "fire -1",		-EINVAL },
	{ "fire 100000001",	-EINVAL },
	{ "fire x",		-EINVAL },
	{ "fire 1 %u",		-EINVAL },
	{ "fire 1 0 0",		-EINVAL },
	{ "spurious 0",		-EINVAL },
	{ "spurious 1 %u",	-EINVAL },
	{ "rate",		-EINVAL },
	{ "rate 1000001",	-EINVAL },
	{ "rate 1 2",		-EINVAL },
	{ "reset now",		-EINVAL },
	{ "request",		-EINVAL },
	{ "request %u",		-EINVAL },
	{ "request 0 1",	-EINVAL },
	{ "irqsoff",		-EINVAL },
	{ "irqsoff 0",		-EINVAL },
	{ "irqsoff 1000001",	-EINVAL },
	{ "preemptoff 1 0",	-EINVAL },
	{ "preemptoff x",	-EINVAL },
};

static void irqsrc_cmd_desc(const struct irqsrc_cmd_case *t, char *desc)
{
	drvtrace_kunit_desc(desc, t->cmd, t->err);
}

KUNIT_ARRAY_PARAM(irqsrc_cmd, irqsrc_cmd_cases, irqsrc_cmd_desc);

/* The parser takes the commands the module documents, and nothing else. */
static void irqsrc_parse_cmds(struct kunit *test)
{
	const struct irqsrc_cmd_case *t = test->param_value;
	struct irqsrc_cmd cmd;
	const char *why = NULL;
	char buf[IRQSRC_CMD_MAX];

	snprintf(buf, sizeof(buf), t->cmd, irqsrc_nr);
	KUNIT_ASSERT_EQ(test, irqsrc_parse(buf, &cmd, &why), t->err);
	if (t->err) {
		KUNIT_EXPECT_NOT_ERR_OR_NULL(test, why);
		return;
	}
	KUNIT_EXPECT_EQ(test, cmd.verb, t->verb);
	if (t->verb == IRQSRC_FIRE || t->verb == IRQSRC_SPURIOUS ||
	    t->verb == IRQSRC_IRQSOFF || t->verb == IRQSRC_PREEMPTOFF)
		KUNIT_EXPECT_EQ(test, cmd.count, t->count);
	if (t->verb != IRQSRC_RATE && t->verb != IRQSRC_RESET)
		KUNIT_EXPECT_EQ(test, cmd.hwirq, t->hwirq);
	if (t->verb == IRQSRC_RATE)
		KUNIT_EXPECT_EQ(test, cmd.hz, t->hz);
}

static struct kunit_case irqsrc_cases[] = {
	KUNIT_CASE(irqsrc_lines_requested),
	KUNIT_CASE(irqsrc_request_again_busy),
	KUNIT_CASE(irqsrc_fire_round_robin),
	KUNIT_CASE(irqsrc_fire_many),
	KUNIT_CASE(irqsrc_fire_one_line),
	KUNIT_CASE(irqsrc_spurious),
	KUNIT_CASE(irqsrc_reset_counts),
	KUNIT_CASE(irqsrc_proc_interrupts),
	KUNIT_CASE_PARAM(irqsrc_parse_cmds, irqsrc_cmd_gen_params),
	{}
};

static struct kunit_suite irqsrc_suite = {
	.name = "drvtrace_irqsrc",
	.suite_init = irqsrc_suite_init,
	.suite_exit = irqsrc_suite_exit,
	.init = irqsrc_test_init,
	.test_cases = irqsrc_cases,
};

/* What the probes on handler_entry/exit saw. */
#define EVENTS_MAX	64

struct irqsrc_event {
	bool		exit;
	bool		hardirq;
	int		irq;
	unsigned long	hwirq;
	char		name[32];
	int		ret;
	u64		duration_ns;
};

struct irqsrc_events {
	atomic_t		n;	/* events seen, may pass EVENTS_MAX */
	struct irqsrc_event	ev[EVENTS_MAX];
};

static struct irqsrc_event *events_slot(struct irqsrc_events *e)
{
	int i = atomic_inc_return(&e->n) - 1;

	return i < EVENTS_MAX ? &e->ev[i] : NULL;
}

static void probe_entry(void *data, int irq, unsigned long hwirq,
			const char *name)
{
	struct irqsrc_event *ev = events_slot(data);

	if (!ev)
		return;
	ev->hardirq = in_hardirq();
	ev->irq = irq;
	ev->hwirq = hwirq;
	strscpy(ev->name, name, sizeof(ev->name));
}

static void probe_exit(void *data, int irq, unsigned long hwirq,
		       const char *name, irqreturn_t ret, u64 duration_ns)
{
	struct irqsrc_event *ev = events_slot(data);

	if (!ev)
		return;
	ev->exit = true;
	ev->hardirq = in_hardirq();
	ev->irq = irq;
	ev->hwirq = hwirq;
	strscpy(ev->name, name, sizeof(ev->name));
	ev->ret = ret;
	ev->duration_ns = duration_ns;
}

static int events_init(struct kunit *test)
{
	struct irqsrc_events *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	int ret;

	if (!e)
		return -ENOMEM;
	irqsrc_test_init(test);
	ret = register_trace_handler_entry(probe_entry, e);
	if (ret)
		return ret;
	ret = register_trace_handler_exit(probe_exit, e);
	if (ret) {
		unregister_trace_handler_entry(probe_entry, e);
		return ret;
	}
	test->priv = e;
	return 0;
}

static void events_exit(struct kunit *test)
{
	struct irqsrc_events *e = test->priv;

	unregister_trace_handler_exit(probe_exit, e);
	unregister_trace_handler_entry(probe_entry, e);
	/* No probe may still run on @e when KUnit frees it. */
	tracepoint_synchronize_unregister();
}

/*
 * @n interrupts on @hwirq produced @n entry/exit pairs in order, from
 * hard-IRQ context, with the line's irq, hwirq and name, and @ret.
 */
static void events_check(struct kunit *test, unsigned int hwirq,
			 unsigned int n, irqreturn_t ret)
{
	struct irqsrc_events *e = test->priv;
	struct irqsrc_line *line = &irqsrc_lines[hwirq];
	unsigned int i;

	KUNIT_ASSERT_EQ(test, atomic_read(&e->n), 2 * n);
	for (i = 0; i < 2 * n; i++) {
		struct irqsrc_event *ev = &e->ev[i];

		KUNIT_EXPECT_EQ_MSG(test, ev->exit, (bool)(i & 1), "event %u", i);
		KUNIT_EXPECT_TRUE(test, ev->hardirq);
		KUNIT_EXPECT_EQ(test, ev->irq, (int)line->irq);
		KUNIT_EXPECT_EQ(test, ev->hwirq, line->hwirq);
		KUNIT_EXPECT_STREQ(test, ev->name, line->name);
		if (ev->exit)
			KUNIT_EXPECT_EQ(test, ev->ret, (int)ret);
	}
}

/*
 * How long ndelay(@ns) takes by ktime: the least of a few tries, so that
 * being preempted does not count. Under TCG the delay loop's idea of a
 * nanosecond and ktime's can differ by a factor of two (the TSC is
 * calibrated on a busy host), so a duration is compared with this.
 */
static u64 ndelay_ktime(unsigned long ns)
{
	u64 best = U64_MAX, t;
	int i;

	for (i = 0; i < 5; i++) {
		t = ktime_get_ns();
		ndelay(ns);
		best = min(best, ktime_get_ns() - t);
	}
	return best;
}

/*
 * A handled interrupt's duration covers the handler's busy wait, and no
 * more than the whole burst. The lower bound is half the busy wait: under
 * TCG the same ndelay() timed by the same clock moments apart came out 11%
 * shorter in a clean-clone run, so a tenth was too tight to hold.
 */
static void events_handled(struct kunit *test)
{
	struct irqsrc_events *e = test->priv;
	unsigned int hwirq = irqsrc_nr - 1, i;
	u64 busy = ndelay_ktime(TEST_HANDLER_NS * (hwirq + 1));
	u64 start, end;

	start = ktime_get_ns();
	irqsrc_test_fire(test, 5, hwirq, false);
	end = ktime_get_ns();
	events_check(test, hwirq, 5, IRQ_HANDLED);
	for (i = 1; i < 10; i += 2) {
		KUNIT_EXPECT_GE(test, e->ev[i].duration_ns, busy / 2);
		KUNIT_EXPECT_LE(test, e->ev[i].duration_ns, end - start);
	}
}

static void events_unhandled(struct kunit *test)
{
	irqsrc_test_fire(test, 3, 0, true);
	events_check(test, 0, 3, IRQ_NONE);
}

/* Without a line, fire goes round robin: the events name each line in turn. */
static void events_round_robin(struct kunit *test)
{
	struct irqsrc_events *e = test->priv;
	unsigned int i;

	KUNIT_ASSERT_LE(test, 2 * irqsrc_nr, (unsigned int)EVENTS_MAX);
	irqsrc_test_fire(test, irqsrc_nr, -1, false);
	KUNIT_ASSERT_EQ(test, atomic_read(&e->n), 2 * irqsrc_nr);
	for (i = 0; i < 2 * irqsrc_nr; i++) {
		struct irqsrc_line *line = &irqsrc_lines[i / 2];

		KUNIT_EXPECT_EQ(test, e->ev[i].hwirq, line->hwirq);
		KUNIT_EXPECT_EQ(test, e->ev[i].irq, (int)line->irq);
		KUNIT_EXPECT_STREQ(test, e->ev[i].name, line->name);
	}
}

static struct kunit_case events_cases[] = {
	KUNIT_CASE(events_handled),
	KUNIT_CASE(events_unhandled),
	KUNIT_CASE(events_round_robin),
	{}
};

static struct kunit_suite events_suite = {
	.name = "drvtrace_irqsrc_events",
	.suite_init = irqsrc_suite_init,
	.suite_exit = irqsrc_suite_exit,
	.init = events_init,
	.exit = events_exit,
	.test_cases = events_cases,
};

kunit_test_suites(&irqsrc_suite, &events_suite);
