// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace.ko: the probe core.
 *
 * It owns /sys/kernel/debug/drvtrace/, where every drvtrace module puts its
 * files, and the control file there through which probes are armed at run
 * time. The probes= parameter arms probes at load, by default on
 * __setup_irq, so that `insmod drvtrace.ko` alone traces every interrupt
 * handler being installed from then on.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drvtrace/control.h>
#include <drvtrace/drvtrace.h>
#include <drvtrace/probe.h>

static char *probes = "__setup_irq";
module_param(probes, charp, 0444);
MODULE_PARM_DESC(probes,
		 "Comma-separated symbols to probe (entry and return) at load, \"\" for none (default __setup_irq)");

static struct dentry *drvtrace_dir;

struct dentry *drvtrace_debugfs_dir(void)
{
	return drvtrace_dir;
}
EXPORT_SYMBOL_GPL(drvtrace_debugfs_dir);

/* "a,b" becomes the commands "probe a\nprobe b". */
static int drvtrace_arm_param(void)
{
	size_t len = strlen(probes);
	char *cmds, *out;
	const char *in;
	int ret;

	if (!len)
		return 0;
	/* Each symbol grows by "probe " at most once per comma, plus one. */
	cmds = kmalloc(len + 6 * (len + 1) + 1, GFP_KERNEL);
	if (!cmds)
		return -ENOMEM;
	out = cmds;
	out += sprintf(out, "probe ");
	for (in = probes; *in; in++) {
		if (*in == ',')
			out += sprintf(out, "\nprobe ");
		else
			*out++ = *in;
	}
	*out = '\0';
	ret = drvtrace_control_exec(cmds);
	kfree(cmds);
	return ret;
}

static int __init drvtrace_init(void)
{
	struct dentry *control;
	int ret;

	ret = drvtrace_probe_init();
	if (ret)
		return ret;
	drvtrace_dir = debugfs_create_dir("drvtrace", NULL);
	if (IS_ERR(drvtrace_dir)) {
		pr_err("cannot create debugfs directory drvtrace: %ld\n",
		       PTR_ERR(drvtrace_dir));
		drvtrace_probe_exit();
		return PTR_ERR(drvtrace_dir);
	}

	ret = drvtrace_arm_param();
	if (ret) {
		pr_err("cannot arm probes=%s: %d\n", probes, ret);
		goto err;
	}

	control = drvtrace_control_create(drvtrace_dir);
	if (IS_ERR(control)) {
		ret = PTR_ERR(control);
		goto err;
	}
	return 0;

err:
	drvtrace_probe_clear();
	debugfs_remove(drvtrace_dir);
	drvtrace_probe_exit();
	return ret;
}

static void __exit drvtrace_exit(void)
{
	/* Removing the files waits for writers still inside them. */
	debugfs_remove(drvtrace_dir);
	/* No event can be in use: a listener holds a reference on us. */
	drvtrace_probe_clear();
	drvtrace_probe_exit();
}

module_init(drvtrace_init);
module_exit(drvtrace_exit);

MODULE_DESCRIPTION("drvtrace probe core: kprobes and kretprobes with typed events, armed from debugfs");
MODULE_LICENSE("GPL");
