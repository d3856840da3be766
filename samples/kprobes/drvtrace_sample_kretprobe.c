// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal kretprobe: log what one kernel function returned, for which
 * first argument, and how long the call took.
 *
 *   insmod drvtrace_sample_kretprobe.ko symbol=__setup_irq maxactive=4
 *   dmesg | grep drvtrace_sample_kretprobe
 *
 * The entry handler runs at the function's first instruction and keeps
 * what the return handler needs in the instance's data (data_size bytes,
 * one instance per call in flight), since the arguments' registers are
 * gone by the time the function returns. regs_get_kernel_argument() and
 * regs_return_value() read them the same way on x86_64 and arm64.
 *
 * maxactive instances are allocated up front: a call made while all of
 * them are in flight is not seen, only counted in nmissed, reported on
 * unload. Allow for every task that may sleep in the function at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/ptrace.h>

static char symbol[KSYM_NAME_LEN] = "__setup_irq";
module_param_string(symbol, symbol, sizeof(symbol), 0444);
MODULE_PARM_DESC(symbol, "Function to probe (default __setup_irq)");

static int maxactive = 8;
module_param(maxactive, int, 0444);
MODULE_PARM_DESC(maxactive, "Calls followed at once, 1 to 1000 (default 8)");

/* Per call in flight: from the entry handler to the return handler. */
struct call {
	unsigned long	arg0;
	u64		start_ns;
};

static int entry_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct call *c = (struct call *)ri->data;

	c->arg0 = regs_get_kernel_argument(regs, 0);
	c->start_ns = ktime_get_ns();
	return 0;
}

static int ret_handler(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct call *c = (struct call *)ri->data;

	pr_info("%s(0x%lx) = %ld in %llu ns\n", symbol, c->arg0,
		(long)regs_return_value(regs), ktime_get_ns() - c->start_ns);
	return 0;
}

static struct kretprobe rp = {
	.kp.symbol_name	= symbol,
	.entry_handler	= entry_handler,
	.handler	= ret_handler,
	.data_size	= sizeof(struct call),
};

static int __init sample_kretprobe_init(void)
{
	int ret;

	if (maxactive < 1 || maxactive > 1000)
		return -EINVAL;
	rp.maxactive = maxactive;
	ret = register_kretprobe(&rp);
	if (ret < 0) {
		pr_err("cannot probe %s: %d\n", symbol, ret);
		return ret;
	}
	pr_info("probing %s, maxactive %d\n", symbol, maxactive);
	return 0;
}

static void __exit sample_kretprobe_exit(void)
{
	unregister_kretprobe(&rp);
	pr_info("%s: missed %d\n", symbol, rp.nmissed);
}

module_init(sample_kretprobe_init);
module_exit(sample_kretprobe_exit);

MODULE_DESCRIPTION("Minimal kretprobe: log a function's results and durations");
MODULE_LICENSE("GPL");
