// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace_bench.ko: what each tracing mechanism costs a driver's function.
 *
 * Each variant is a noinline function of three u64 arguments whose body is
 * the mechanism under test; the loop that calls it is the same for all:
 *
 *   empty         nothing: the baseline, and the target that kprobes, the
 *                 kprobe_events probes and the function tracer are put on
 *   twin          the same as empty, a second target: two mechanisms armed
 *                 at once, one on each, are timed side by side
 *   tracepoint    trace_bench_call(a, b, c), enabled or not
 *   trace_printk  trace_printk() of the same three fields
 *   printk        printk() of them (kept off the console by its loglevel)
 *
 * Writing "<variant> <calls>" to /sys/kernel/debug/drvtrace/bench runs the
 * loop in process context with interrupts enabled and returns when done;
 * reading gives "<variant> <calls> <total_ns>" of the last run.
 *
 * Writing "<variant>,<variant> <calls>" runs the two loops interleaved, in
 * batches of BENCH_BATCH calls, each side's batches timed on their own:
 * whatever slows the guest for a while (under TCG, the host's load) slows
 * both alike, so their ratio holds where two runs in turn would not.
 * Reading gives "<variant>,<variant> <calls> <total_ns> <total_ns>".
 * scripts/guest/bench drives it and turns the runs into a table.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drvtrace/bench.h>
#include <drvtrace/compat.h>
#include <drvtrace/drvtrace.h>

#define CREATE_TRACE_POINTS
#include <trace/events/drvtrace_bench.h>

#define BENCH_MAX_CALLS		100000000UL
#define BENCH_CMD_MAX		64
#define BENCH_BATCH		64

noinline void drvtrace_bench_empty(u64 a, u64 b, u64 c)
{
	/* An empty body the compiler may not drop, nor the call to it. */
	barrier();
}

noinline void drvtrace_bench_twin(u64 a, u64 b, u64 c)
{
	barrier();
}

noinline void drvtrace_bench_tracepoint(u64 a, u64 b, u64 c)
{
	trace_bench_call(a, b, c);
}

noinline void drvtrace_bench_trace_printk(u64 a, u64 b, u64 c)
{
	trace_printk("a=%llu b=%llu c=%llu\n", a, b, c);
}

noinline void drvtrace_bench_printk(u64 a, u64 b, u64 c)
{
	pr_info("a=%llu b=%llu c=%llu\n", a, b, c);
}

struct bench_variant {
	const char	*name;
	void		(*fn)(u64 a, u64 b, u64 c);
};

static const struct bench_variant bench_variants[] = {
	{ "empty",		drvtrace_bench_empty },
	{ "twin",		drvtrace_bench_twin },
	{ "tracepoint",		drvtrace_bench_tracepoint },
	{ "trace_printk",	drvtrace_bench_trace_printk },
	{ "printk",		drvtrace_bench_printk },
};

static DEFINE_MUTEX(bench_lock);
/* A pointer: the typed-probe bench reads a string through it. */
static const char *bench_last_name = "none";
static const char *bench_last_second;	/* the side-by-side variant, or NULL */
static unsigned long bench_last_calls;
static u64 bench_last_ns[2];
static struct dentry *bench_file;

/*
 * Inlined into each caller with a constant @fn, so every variant's loop
 * makes a direct call, not an indirect (retpolined) one.
 */
static __always_inline u64 bench_loop(void (*fn)(u64 a, u64 b, u64 c),
				      unsigned long calls)
{
	unsigned long i;
	u64 start = ktime_get_ns();

	for (i = 0; i < calls; i++) {
		fn(i, 2 * i, 3 * i);
		if (!(i & 1023))
			cond_resched();
	}
	return ktime_get_ns() - start;
}

static u64 bench_run(unsigned int variant, unsigned long calls)
{
	switch (variant) {
	case 0:
		return bench_loop(drvtrace_bench_empty, calls);
	case 1:
		return bench_loop(drvtrace_bench_twin, calls);
	case 2:
		return bench_loop(drvtrace_bench_tracepoint, calls);
	case 3:
		return bench_loop(drvtrace_bench_trace_printk, calls);
	default:
		return bench_loop(drvtrace_bench_printk, calls);
	}
}

/* Two variants in turn, batch by batch, the first of each pair alternating. */
static void bench_run_side(const int variant[2], unsigned long calls,
			   u64 ns[2])
{
	unsigned long done, n;
	unsigned int first;

	ns[0] = 0;
	ns[1] = 0;
	for (done = 0; done < calls; done += n) {
		n = min(calls - done, (unsigned long)BENCH_BATCH);
		first = (done / BENCH_BATCH) & 1;
		ns[first] += bench_run(variant[first], n);
		ns[!first] += bench_run(variant[!first], n);
	}
}

static int bench_variant_of(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bench_variants); i++)
		if (!strcmp(name, bench_variants[i].name))
			return i;
	pr_warn_ratelimited("no variant %s (empty, twin, tracepoint, trace_printk, printk)\n",
			    name);
	return -EINVAL;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[BENCH_CMD_MAX], name[BENCH_CMD_MAX];
	int variant[2] = { 0, -1 };
	unsigned long calls;
	char *second;
	u64 ns[2] = { 0, 0 };
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%63s %lu", name, &calls) != 2 || !calls ||
	    calls > BENCH_MAX_CALLS) {
		pr_warn_ratelimited("usage: <variant>[,<variant>] <calls up to %lu>\n",
				    BENCH_MAX_CALLS);
		return -EINVAL;
	}
	second = strchr(name, ',');
	if (second) {
		*second++ = '\0';
		variant[1] = bench_variant_of(second);
		if (variant[1] < 0)
			return variant[1];
	}
	variant[0] = bench_variant_of(name);
	if (variant[0] < 0)
		return variant[0];

	ret = mutex_lock_interruptible(&bench_lock);
	if (ret)
		return ret;
	if (second) {
		bench_run_side(variant, calls, ns);
		bench_last_second = bench_variants[variant[1]].name;
	} else {
		ns[0] = bench_run(variant[0], calls);
		bench_last_second = NULL;
	}
	bench_last_name = bench_variants[variant[0]].name;
	bench_last_calls = calls;
	bench_last_ns[0] = ns[0];
	bench_last_ns[1] = ns[1];
	mutex_unlock(&bench_lock);
	return len;
}

static int bench_show(struct seq_file *m, void *v)
{
	mutex_lock(&bench_lock);
	if (bench_last_second)
		seq_printf(m, "%s,%s %lu %llu %llu\n", bench_last_name,
			   bench_last_second, bench_last_calls,
			   bench_last_ns[0], bench_last_ns[1]);
	else
		seq_printf(m, "%s %lu %llu\n", bench_last_name,
			   bench_last_calls, bench_last_ns[0]);
	mutex_unlock(&bench_lock);
	return 0;
}

static int bench_open(struct inode *inode, struct file *file)
{
	return single_open(file, bench_show, NULL);
}

static const struct file_operations bench_fops = {
	.owner		= THIS_MODULE,
	.open		= bench_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= bench_write,
};

static int __init bench_init(void)
{
	bench_file = drvtrace_debugfs_create_file("bench", 0600,
						  drvtrace_debugfs_dir(),
						  NULL, &bench_fops);
	return PTR_ERR_OR_ZERO(bench_file);
}

static void __exit bench_exit(void)
{
	debugfs_remove(bench_file);
}

module_init(bench_init);
module_exit(bench_exit);

MODULE_DESCRIPTION("drvtrace benchmark: the cost of tracepoints, trace_printk, printk and probes");
MODULE_LICENSE("GPL");
