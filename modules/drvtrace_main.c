// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace.ko: the core module.
 *
 * It owns /sys/kernel/debug/drvtrace/, where every drvtrace module puts its
 * control files, so the directory has one owner and one lifetime.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/module.h>

#include <drvtrace/drvtrace.h>

static struct dentry *drvtrace_dir;

struct dentry *drvtrace_debugfs_dir(void)
{
	return drvtrace_dir;
}
EXPORT_SYMBOL_GPL(drvtrace_debugfs_dir);

static int __init drvtrace_init(void)
{
	drvtrace_dir = debugfs_create_dir("drvtrace", NULL);
	if (IS_ERR(drvtrace_dir)) {
		pr_err("cannot create debugfs directory drvtrace: %ld\n",
		       PTR_ERR(drvtrace_dir));
		return PTR_ERR(drvtrace_dir);
	}
	return 0;
}

static void __exit drvtrace_exit(void)
{
	debugfs_remove(drvtrace_dir);
}

module_init(drvtrace_init);
module_exit(drvtrace_exit);

MODULE_DESCRIPTION("drvtrace core: debugfs root for the drvtrace modules");
MODULE_LICENSE("GPL");
