// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal kprobe: log each call of one kernel function with its first
 * three arguments.
 *
 *   insmod drvtrace_sample_kprobe.ko symbol=__setup_irq
 *   dmesg | grep drvtrace_sample_kprobe
 *
 * regs_get_kernel_argument() reads an argument where the architecture's
 * calling convention put it (x86_64: di, si, dx, ...; arm64: x0 to x7), so
 * one line of code serves both. It is only right at the function's first
 * instruction, which is where a kprobe on a symbol sits, and only for
 * integer and pointer arguments.
 *
 * The handler runs with preemption off, in whatever context the function
 * was called from: it must not sleep. pr_info() suits a function called
 * now and then; for a hot one, count, or call a trace event.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/ptrace.h>

static char symbol[KSYM_NAME_LEN] = "__setup_irq";
module_param_string(symbol, symbol, sizeof(symbol), 0444);
MODULE_PARM_DESC(symbol, "Function to probe (default __setup_irq)");

static int handler_pre(struct kprobe *p, struct pt_regs *regs)
{
	pr_info("%s(0x%lx, 0x%lx, 0x%lx)\n", p->symbol_name,
		regs_get_kernel_argument(regs, 0),
		regs_get_kernel_argument(regs, 1),
		regs_get_kernel_argument(regs, 2));
	return 0;
}

static struct kprobe kp = {
	.symbol_name	= symbol,
	.pre_handler	= handler_pre,
};

static int __init sample_kprobe_init(void)
{
	int ret = register_kprobe(&kp);

	if (ret < 0) {
		pr_err("cannot probe %s: %d\n", symbol, ret);
		return ret;
	}
	pr_info("probing %s\n", symbol);
	return 0;
}

static void __exit sample_kprobe_exit(void)
{
	unregister_kprobe(&kp);
	/* Hits while another kprobe handler ran on the same CPU. */
	pr_info("%s: missed %lu\n", symbol, kp.nmissed);
}

module_init(sample_kprobe_init);
module_exit(sample_kprobe_exit);

MODULE_DESCRIPTION("Minimal kprobe: log a function's calls and arguments");
MODULE_LICENSE("GPL");
