// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace_irqsrc.ko: a software interrupt source.
 *
 * It owns an IRQ domain of nr_irqs lines, request_irq()s each line under its
 * own handler name (so the request goes through __setup_irq() like a real
 * driver's) and raises the lines in hard-IRQ context with
 * generic_handle_irq() from hrtimers: periodically at rate_hz, and on demand
 * through /sys/kernel/debug/drvtrace/irqsrc. To the rest of the kernel these
 * are a device's interrupts: /proc/interrupts counts them and the kernel's
 * irq:irq_handler_entry/exit events fire around our handler, which emits
 * drvtrace_irqsrc:handler_entry/exit itself.
 *
 * The "device" has a status register per line. `fire` sets it before
 * raising the line; the handler claims it and returns IRQ_HANDLED.
 * `spurious` raises the line with the register clear, and the handler
 * returns IRQ_NONE, as a driver does for an interrupt that is not its own.
 *
 * The lines are requested as most drivers request theirs, without
 * IRQF_NO_THREAD: on PREEMPT_RT (or with threadirqs) the kernel forces the
 * handler into an IRQ thread, and generic_handle_irq() only wakes it. So the
 * handler claims every event pending on its line, as a driver empties its
 * status register, and a burst raises a line again only once the handler
 * has run for it: `fire` returns when every interrupt was handled, in
 * either context. no_thread=1 requests the lines with IRQF_NO_THREAD.
 *
 * Control file commands, one per write:
 *   fire <count> [<hwirq>]      raise count interrupts, round robin over
 *                               the lines or on one line; returns when done
 *   spurious <count> [<hwirq>]  the same with the status register clear,
 *                               at most 1000 at a time
 *   rate <hz>                   periodic rate, 0 stops the timer; returns
 *                               when the old rate's handlers have run
 *   reset                       zero the counters
 *   request <hwirq>             request_irq() the line a second time, as a
 *                               conflicting driver would; the write returns
 *                               that request's result (-EBUSY unless shared)
 *   irqsoff <usecs>             keep interrupts off for usecs (1 to 1000000)
 *   preemptoff <usecs>          keep preemption off for usecs, in
 *                               irqsrc_critical_section(): a known section
 *                               for the irqsoff and preemptoff tracers
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drvtrace/compat.h>
#include <drvtrace/drvtrace.h>

#define CREATE_TRACE_POINTS
#include <trace/events/drvtrace_irqsrc.h>

#define IRQSRC_MAX_IRQS		32
#define IRQSRC_MAX_RATE_HZ	1000000U
#define IRQSRC_MAX_HANDLER_NS	1000000U
#define IRQSRC_MAX_COUNT	100000000UL
/*
 * The kernel disables a line that returned IRQ_NONE for 99900 of its last
 * 100000 interrupts ("nobody cared"); one spurious burst stays far below.
 */
#define IRQSRC_MAX_SPURIOUS	1000UL
#define IRQSRC_CMD_MAX		64
/*
 * Long enough to stand out of an emulator's noise (a TCG vCPU that waits
 * for the other one shows 100 ms sections), far short of the soft-lockup
 * watchdog.
 */
#define IRQSRC_MAX_OFF_US	1000000U
/*
 * A burst raises at most this many interrupts per timer expiry and leaves
 * the CPU for IRQSRC_BURST_GAP_NS in between, so a large `fire` does not
 * keep one CPU in hard-IRQ context for seconds.
 */
#define IRQSRC_BURST_BATCH	64
#define IRQSRC_BURST_GAP_NS	(10 * NSEC_PER_USEC)
#define IRQSRC_PERIODIC_CATCHUP	256

/* Named so as not to shadow the kernel's global nr_irqs. */
static unsigned int irqsrc_nr = 4;
module_param_named(nr_irqs, irqsrc_nr, uint, 0444);
MODULE_PARM_DESC(nr_irqs, "Number of virtual IRQ lines, 1 to 32 (default 4)");

static unsigned int rate_hz = 10;
module_param(rate_hz, uint, 0444);
MODULE_PARM_DESC(rate_hz,
		 "Interrupts per second raised round robin by the periodic timer, 0 for none (default 10)");

static unsigned int handler_ns;
module_param(handler_ns, uint, 0444);
MODULE_PARM_DESC(handler_ns,
		 "Busy time of a handled interrupt in ns, times (hwirq + 1), up to 1000000 (default 0)");

static unsigned int irqflags;
module_param(irqflags, uint, 0444);
MODULE_PARM_DESC(irqflags, "IRQF_* flags the lines are requested with (default 0)");

static bool no_thread;
module_param(no_thread, bool, 0444);
MODULE_PARM_DESC(no_thread,
		 "Request the lines with IRQF_NO_THREAD: the handler stays in hard-IRQ context under PREEMPT_RT and threadirqs (default 0)");

struct irqsrc_line {
	unsigned int		irq;		/* Linux IRQ number */
	irq_hw_number_t		hwirq;		/* line number in our domain */
	char			name[32];	/* handler name, as request_irq() keeps it */
	atomic_t		status;		/* pending "device" events */
	atomic_t		busy;		/* a burst's raise not yet handled */
	atomic64_t		raised;
	atomic64_t		handled;
	atomic64_t		unhandled;
};

struct irqsrc_burst {
	unsigned long		left;
	int			hwirq;		/* -1: round robin */
	bool			spurious;
	unsigned int		next;
	struct completion	done;
	/* The line whose handler restarts the burst, see irqsrc_raise_wait(). */
	struct irqsrc_line	*waiting;
};

static struct fwnode_handle *irqsrc_fwnode;
static struct irq_domain *irqsrc_domain;
static struct irqsrc_line *irqsrc_lines;
static struct dentry *irqsrc_file;

static struct hrtimer irqsrc_periodic;
static ktime_t irqsrc_period;
static unsigned int irqsrc_periodic_next;

static struct hrtimer irqsrc_burst_timer;
static struct irqsrc_burst irqsrc_burst;

/* Serializes control file writers: one rate change or burst at a time. */
static DEFINE_MUTEX(irqsrc_lock);

/* The chip has nothing to mask or acknowledge: the lines exist only here. */
static struct irq_chip irqsrc_chip = {
	.name	= "drvtrace-irqsrc",
	.flags	= IRQCHIP_SKIP_SET_WAKE,
};

static irqreturn_t irqsrc_handler(int irq, void *dev_id)
{
	struct irqsrc_line *line = dev_id;
	irqreturn_t ret = IRQ_NONE;
	unsigned int i, pending;
	u64 start = 0;

	trace_handler_entry(irq, line->hwirq, line->name);
	/* ktime, not local_clock(): comparable across CPUs and never clamped. */
	if (trace_handler_exit_enabled())
		start = ktime_get_ns();

	/*
	 * Claim the pending device event, as a driver reads its status. A
	 * thread may be woken once for several interrupts: there, claim
	 * every pending event, as a driver empties its status register.
	 */
	if (in_hardirq())
		pending = atomic_dec_if_positive(&line->status) >= 0;
	else
		pending = atomic_xchg(&line->status, 0);
	if (pending) {
		for (i = 0; handler_ns && i < pending; i++)
			ndelay(handler_ns * (line->hwirq + 1));
		atomic64_add(pending, &line->handled);
		ret = IRQ_HANDLED;
	} else {
		atomic64_inc(&line->unhandled);
	}

	if (start)
		trace_handler_exit(irq, line->hwirq, line->name, ret,
				   ktime_get_ns() - start);

	/* Let a burst waiting for this line go on (irqsrc_raise_wait()). */
	atomic_set(&line->busy, 0);
	/* Pairs with smp_mb() in irqsrc_raise_wait(): busy, then waiting. */
	smp_mb__after_atomic();
	if (cmpxchg(&irqsrc_burst.waiting, line, NULL) == line)
		hrtimer_start(&irqsrc_burst_timer, 0, HRTIMER_MODE_REL_HARD);
	return ret;
}

/* Called in hard-IRQ context, from one of the timers. */
static void irqsrc_raise(struct irqsrc_line *line, bool spurious)
{
	if (!spurious)
		atomic_inc(&line->status);
	atomic64_inc(&line->raised);
	generic_handle_irq(line->irq);
}

static enum hrtimer_restart irqsrc_periodic_fn(struct hrtimer *timer)
{
	u64 periods = hrtimer_forward_now(timer, irqsrc_period);

	/*
	 * Timer granularity can be coarser than the period: raise one
	 * interrupt for each period that passed, so rate_hz holds on average,
	 * but catch up on at most IRQSRC_PERIODIC_CATCHUP at a time.
	 */
	periods = min_t(u64, periods, IRQSRC_PERIODIC_CATCHUP);
	while (periods--) {
		irqsrc_raise(&irqsrc_lines[irqsrc_periodic_next], false);
		irqsrc_periodic_next = (irqsrc_periodic_next + 1) % irqsrc_nr;
	}
	return HRTIMER_RESTART;
}

/*
 * Raise @line for a burst and tell whether its handler has run. In hard-IRQ
 * context it ran inside generic_handle_irq(). In a thread it may run later:
 * then the burst stops, and the handler restarts the timer when done. Both
 * sides clear what they wrote before reading the other's (full barriers),
 * and cmpxchg() on b->waiting lets exactly one of them continue the burst.
 */
static bool irqsrc_raise_wait(struct irqsrc_burst *b, struct irqsrc_line *line)
{
	atomic_set(&line->busy, 1);
	irqsrc_raise(line, b->spurious);
	WRITE_ONCE(b->waiting, line);
	/* Pairs with the handler's: waiting, then busy (see above). */
	smp_mb();
	if (atomic_read(&line->busy))
		return false;
	return cmpxchg(&b->waiting, line, NULL) == line;
}

static enum hrtimer_restart irqsrc_burst_fn(struct hrtimer *timer)
{
	struct irqsrc_burst *b = &irqsrc_burst;
	unsigned int n = IRQSRC_BURST_BATCH;
	unsigned int hwirq;

	while (b->left && n--) {
		if (b->hwirq >= 0) {
			hwirq = b->hwirq;
		} else {
			hwirq = b->next;
			b->next = (b->next + 1) % irqsrc_nr;
		}
		b->left--;
		if (!irqsrc_raise_wait(b, &irqsrc_lines[hwirq]))
			return HRTIMER_NORESTART;
	}
	if (b->left) {
		hrtimer_forward_now(timer, ns_to_ktime(IRQSRC_BURST_GAP_NS));
		return HRTIMER_RESTART;
	}
	complete(&b->done);
	return HRTIMER_NORESTART;
}

/*
 * Wait for every handler still to run on our lines, in hard-IRQ context or
 * in a line's thread. A thread may be woken again while it runs, for an
 * event it claims on its next run: synchronize_irq() waits for that run too.
 */
static void irqsrc_sync_lines(void)
{
	unsigned int i;

	for (i = 0; i < irqsrc_nr; i++)
		synchronize_irq(irqsrc_lines[i].irq);
}

/*
 * Raise @count interrupts in hard-IRQ context; returns when all were
 * handled, in hard-IRQ context or in the lines' threads.
 */
static int irqsrc_fire(unsigned long count, int hwirq, bool spurious)
{
	struct irqsrc_burst *b = &irqsrc_burst;

	b->left = count;
	b->hwirq = hwirq;
	b->spurious = spurious;
	b->next = 0;
	WRITE_ONCE(b->waiting, NULL);
	reinit_completion(&b->done);
	hrtimer_start(&irqsrc_burst_timer, 0, HRTIMER_MODE_REL_HARD);

	if (wait_for_completion_killable(&b->done)) {
		/*
		 * The writer was killed: stop the burst where it is. A
		 * handler may restart the timer until nothing is waiting.
		 */
		hrtimer_cancel(&irqsrc_burst_timer);
		WRITE_ONCE(b->waiting, NULL);
		irqsrc_sync_lines();
		hrtimer_cancel(&irqsrc_burst_timer);
		return -EINTR;
	}
	irqsrc_sync_lines();
	return 0;
}

/* Also waits for the handlers of what the old rate raised, as fire does. */
static void irqsrc_set_rate(unsigned int hz)
{
	hrtimer_cancel(&irqsrc_periodic);
	irqsrc_sync_lines();
	rate_hz = hz;
	if (!hz)
		return;
	irqsrc_period = ns_to_ktime(div_u64(NSEC_PER_SEC, hz));
	hrtimer_start(&irqsrc_periodic, irqsrc_period, HRTIMER_MODE_REL_HARD);
}

static irqreturn_t irqsrc_extra_handler(int irq, void *dev_id)
{
	return IRQ_NONE;
}

/*
 * A second request_irq() on a line, shared if the lines are. With
 * IRQF_PROBE_SHARED the caller expects a mismatch, so the kernel fails it
 * with -EBUSY quietly instead of logging it (and dumping the stack with
 * CONFIG_DEBUG_SHIRQ).
 */
static int irqsrc_request_again(struct irqsrc_line *line)
{
	static const char name[] = "drvtrace-irqsrc.extra";
	unsigned long flags = IRQF_PROBE_SHARED | (irqflags & IRQF_SHARED);
	int ret;

	ret = request_irq(line->irq, irqsrc_extra_handler, flags, name,
			  (void *)name);
	if (!ret)
		free_irq(line->irq, (void *)name);
	return ret;
}

static void irqsrc_reset(void)
{
	unsigned int i;

	for (i = 0; i < irqsrc_nr; i++) {
		atomic64_set(&irqsrc_lines[i].raised, 0);
		atomic64_set(&irqsrc_lines[i].handled, 0);
		atomic64_set(&irqsrc_lines[i].unhandled, 0);
	}
}

/*
 * Keep interrupts (or only preemption) off for @usecs on this CPU: a
 * section that starts and ends in this function, for the irqsoff and
 * preemptoff tracers to find. It busy-waits on the monotonic clock,
 * which a delay loop under an emulator would not follow.
 */
static noinline void irqsrc_critical_section(bool irqs, unsigned long usecs)
{
	u64 end = ktime_get_mono_fast_ns() + usecs * NSEC_PER_USEC;
	unsigned long flags = 0;

	if (irqs)
		local_irq_save(flags);
	else
		preempt_disable();
	while (ktime_get_mono_fast_ns() < end)
		cpu_relax();
	if (irqs)
		local_irq_restore(flags);
	else
		preempt_enable();
}

enum irqsrc_verb {
	IRQSRC_FIRE, IRQSRC_SPURIOUS, IRQSRC_RATE, IRQSRC_RESET, IRQSRC_REQUEST,
	IRQSRC_IRQSOFF, IRQSRC_PREEMPTOFF
};

struct irqsrc_cmd {
	enum irqsrc_verb	verb;
	unsigned long		count;	/* fire, spurious; usecs of irqs/preemptoff */
	int			hwirq;	/* fire, spurious, request; -1 for all */
	unsigned int		hz;	/* rate */
};

/*
 * Parse one command into @cmd. @buf is modified. Returns 0 or -EINVAL with
 * the reason in @why.
 */
static int irqsrc_parse(char *buf, struct irqsrc_cmd *cmd, const char **why)
{
	char *verb, *arg1, *arg2, *extra;
	unsigned int hwirq;

	buf = strim(buf);
	verb = strsep(&buf, " \t");
	arg1 = strsep(&buf, " \t");
	arg2 = strsep(&buf, " \t");
	extra = strsep(&buf, " \t");

	*why = "too many arguments";
	if (extra)
		return -EINVAL;

	if (!strcmp(verb, "fire") || !strcmp(verb, "spurious")) {
		cmd->verb = verb[0] == 'f' ? IRQSRC_FIRE : IRQSRC_SPURIOUS;
		*why = cmd->verb == IRQSRC_FIRE ? "count must be 1 to 100000000" :
						  "count must be 1 to 1000";
		if (!arg1 || kstrtoul(arg1, 0, &cmd->count) || !cmd->count ||
		    cmd->count > (cmd->verb == IRQSRC_FIRE ? IRQSRC_MAX_COUNT :
							     IRQSRC_MAX_SPURIOUS))
			return -EINVAL;
		cmd->hwirq = -1;
		if (arg2) {
			*why = "no such hwirq";
			if (kstrtouint(arg2, 0, &hwirq) || hwirq >= irqsrc_nr)
				return -EINVAL;
			cmd->hwirq = hwirq;
		}
		return 0;
	}
	if (!strcmp(verb, "rate")) {
		cmd->verb = IRQSRC_RATE;
		*why = "rate must be 0 to 1000000 Hz";
		if (!arg1 || arg2 || kstrtouint(arg1, 0, &cmd->hz) ||
		    cmd->hz > IRQSRC_MAX_RATE_HZ)
			return -EINVAL;
		return 0;
	}
	if (!strcmp(verb, "request")) {
		cmd->verb = IRQSRC_REQUEST;
		*why = "request takes one hwirq";
		if (!arg1 || arg2 || kstrtouint(arg1, 0, &hwirq) ||
		    hwirq >= irqsrc_nr)
			return -EINVAL;
		cmd->hwirq = hwirq;
		return 0;
	}
	if (!strcmp(verb, "irqsoff") || !strcmp(verb, "preemptoff")) {
		cmd->verb = verb[0] == 'i' ? IRQSRC_IRQSOFF : IRQSRC_PREEMPTOFF;
		cmd->hwirq = -1;
		*why = "usecs must be 1 to 1000000";
		if (!arg1 || arg2 || kstrtoul(arg1, 0, &cmd->count) ||
		    !cmd->count || cmd->count > IRQSRC_MAX_OFF_US)
			return -EINVAL;
		return 0;
	}
	if (!strcmp(verb, "reset")) {
		cmd->verb = IRQSRC_RESET;
		*why = "reset takes no argument";
		return arg1 ? -EINVAL : 0;
	}
	*why = "unknown command (fire, spurious, rate, reset, request, irqsoff, preemptoff)";
	return -EINVAL;
}

static ssize_t irqsrc_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char buf[IRQSRC_CMD_MAX];
	struct irqsrc_cmd cmd;
	const char *why;
	int ret;

	if (len >= sizeof(buf)) {
		pr_warn_ratelimited("command longer than %zu bytes\n",
				    sizeof(buf) - 1);
		return -EINVAL;
	}
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	ret = irqsrc_parse(buf, &cmd, &why);
	if (ret) {
		pr_warn_ratelimited("bad command: %s\n", why);
		return ret;
	}

	ret = mutex_lock_killable(&irqsrc_lock);
	if (ret)
		return ret;
	switch (cmd.verb) {
	case IRQSRC_FIRE:
	case IRQSRC_SPURIOUS:
		ret = irqsrc_fire(cmd.count, cmd.hwirq,
				  cmd.verb == IRQSRC_SPURIOUS);
		break;
	case IRQSRC_RATE:
		irqsrc_set_rate(cmd.hz);
		break;
	case IRQSRC_RESET:
		irqsrc_reset();
		break;
	case IRQSRC_REQUEST:
		ret = irqsrc_request_again(&irqsrc_lines[cmd.hwirq]);
		break;
	case IRQSRC_IRQSOFF:
	case IRQSRC_PREEMPTOFF:
		irqsrc_critical_section(cmd.verb == IRQSRC_IRQSOFF, cmd.count);
		break;
	}
	mutex_unlock(&irqsrc_lock);

	return ret ? ret : len;
}

/* The format is parsed by scripts: add columns at the end, never reorder. */
static int irqsrc_show(struct seq_file *m, void *v)
{
	unsigned int i;

	seq_printf(m, "# nr_irqs=%u rate_hz=%u handler_ns=%u\n",
		   irqsrc_nr, READ_ONCE(rate_hz), handler_ns);
	seq_puts(m, "# hwirq irq name raised handled unhandled\n");
	for (i = 0; i < irqsrc_nr; i++) {
		struct irqsrc_line *line = &irqsrc_lines[i];

		seq_printf(m, "%lu %u %s %lld %lld %lld\n",
			   line->hwirq, line->irq, line->name,
			   atomic64_read(&line->raised),
			   atomic64_read(&line->handled),
			   atomic64_read(&line->unhandled));
	}
	return 0;
}

static int irqsrc_open(struct inode *inode, struct file *file)
{
	return single_open(file, irqsrc_show, inode->i_private);
}

static const struct file_operations irqsrc_fops = {
	.owner		= THIS_MODULE,
	.open		= irqsrc_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= irqsrc_write,
};

static int irqsrc_domain_map(struct irq_domain *d, unsigned int virq,
			     irq_hw_number_t hwirq)
{
	irq_set_chip_and_handler(virq, &irqsrc_chip, handle_simple_irq);
	return 0;
}

static const struct irq_domain_ops irqsrc_domain_ops = {
	.map	= irqsrc_domain_map,
};

/* Undo irqsrc_setup_lines() for the first @n lines. */
static void irqsrc_teardown_lines(unsigned int n)
{
	while (n--) {
		struct irqsrc_line *line = &irqsrc_lines[n];

		free_irq(line->irq, line);
		irq_dispose_mapping(line->irq);
	}
}

static int irqsrc_setup_lines(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < irqsrc_nr; i++) {
		struct irqsrc_line *line = &irqsrc_lines[i];

		line->hwirq = i;
		snprintf(line->name, sizeof(line->name), "drvtrace-irqsrc.%u", i);
		line->irq = irq_create_mapping(irqsrc_domain, i);
		if (!line->irq) {
			ret = -ENOMEM;
			goto err;
		}
		ret = request_irq(line->irq, irqsrc_handler,
				  irqflags | (no_thread ? IRQF_NO_THREAD : 0),
				  line->name, line);
		if (ret) {
			irq_dispose_mapping(line->irq);
			goto err;
		}
	}
	return 0;
err:
	pr_err("cannot set up hwirq %u: %d\n", i, ret);
	irqsrc_teardown_lines(i);
	return ret;
}

static int __init irqsrc_init(void)
{
	struct dentry *dir = drvtrace_debugfs_dir();
	int ret;

	if (!irqsrc_nr || irqsrc_nr > IRQSRC_MAX_IRQS ||
	    rate_hz > IRQSRC_MAX_RATE_HZ || handler_ns > IRQSRC_MAX_HANDLER_NS) {
		pr_err("nr_irqs must be 1 to %d, rate_hz at most %u, handler_ns at most %u\n",
		       IRQSRC_MAX_IRQS, IRQSRC_MAX_RATE_HZ, IRQSRC_MAX_HANDLER_NS);
		return -EINVAL;
	}

	irqsrc_lines = kcalloc(irqsrc_nr, sizeof(*irqsrc_lines), GFP_KERNEL);
	if (!irqsrc_lines)
		return -ENOMEM;

	irqsrc_fwnode = irq_domain_alloc_named_fwnode(KBUILD_MODNAME);
	if (!irqsrc_fwnode) {
		ret = -ENOMEM;
		goto err_lines;
	}
	irqsrc_domain = irq_domain_create_simple(irqsrc_fwnode, irqsrc_nr, 0,
						 &irqsrc_domain_ops, NULL);
	if (!irqsrc_domain) {
		ret = -ENOMEM;
		goto err_fwnode;
	}

	ret = irqsrc_setup_lines();
	if (ret)
		goto err_domain;

	drvtrace_hrtimer_setup(&irqsrc_periodic, irqsrc_periodic_fn,
			       CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	drvtrace_hrtimer_setup(&irqsrc_burst_timer, irqsrc_burst_fn,
			       CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	init_completion(&irqsrc_burst.done);

	irqsrc_file = drvtrace_debugfs_create_file("irqsrc", 0600, dir, NULL,
						   &irqsrc_fops);
	if (IS_ERR(irqsrc_file)) {
		ret = PTR_ERR(irqsrc_file);
		goto err_irqs;
	}

	irqsrc_set_rate(rate_hz);
	pr_info("%u IRQs from %u, %u Hz\n", irqsrc_nr, irqsrc_lines[0].irq, rate_hz);
	return 0;

err_irqs:
	irqsrc_teardown_lines(irqsrc_nr);
err_domain:
	irq_domain_remove(irqsrc_domain);
err_fwnode:
	irq_domain_free_fwnode(irqsrc_fwnode);
err_lines:
	kfree(irqsrc_lines);
	return ret;
}

static void __exit irqsrc_exit(void)
{
	/* No writer can start a burst once the file is gone. */
	debugfs_remove(irqsrc_file);
	hrtimer_cancel(&irqsrc_periodic);
	hrtimer_cancel(&irqsrc_burst_timer);
	irqsrc_teardown_lines(irqsrc_nr);
	irq_domain_remove(irqsrc_domain);
	irq_domain_free_fwnode(irqsrc_fwnode);
	kfree(irqsrc_lines);
}

module_init(irqsrc_init);
module_exit(irqsrc_exit);

MODULE_DESCRIPTION("drvtrace software interrupt source: an IRQ domain raised from hrtimers");
MODULE_LICENSE("GPL");
