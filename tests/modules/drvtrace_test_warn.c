// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace_test_warn.ko: triggers one kernel WARN when loaded.
 *
 * The harness self-test loads it to prove that a kernel splat during a
 * guest run fails that run. It is never installed.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init test_warn_init(void)
{
	WARN(1, "drvtrace harness self-test: this WARN is expected\n");
	return 0;
}

static void __exit test_warn_exit(void)
{
}

module_init(test_warn_init);
module_exit(test_warn_exit);

MODULE_DESCRIPTION("drvtrace harness self-test: a module whose load WARNs");
MODULE_LICENSE("GPL");
