// SPDX-License-Identifier: GPL-2.0
/*
 * Functions for the probe core's KUnit suites (drvtrace_probe_kunit.c) to
 * probe and call with known arguments. They are in a module of their own:
 * the suite module is a probe core, and a probe core refuses probes on its
 * own module's code. Exported, so the suite's calls cannot be inlined or
 * specialized for constant arguments: a probe sees every call and the real
 * arguments.
 */
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/ktime.h>
#include <linux/module.h>

#include "drvtrace_kunit_targets.h"

u64 drvtrace_kunit_body_start[DRVTRACE_KUNIT_NEST_MAX];
EXPORT_SYMBOL_GPL(drvtrace_kunit_body_start);
u64 drvtrace_kunit_body_end[DRVTRACE_KUNIT_NEST_MAX];
EXPORT_SYMBOL_GPL(drvtrace_kunit_body_end);

/* Six arguments in registers on x86_64 and arm64; returns their sum. */
noinline long drvtrace_kunit_target(long a, long b, long c, long d, long e,
				    long f)
{
	drvtrace_kunit_body_start[0] = ktime_get_ns();
	udelay(DRVTRACE_KUNIT_TARGET_US);
	drvtrace_kunit_body_end[0] = ktime_get_ns();
	return a + b + c + d + e + f;
}
EXPORT_SYMBOL_GPL(drvtrace_kunit_target);

noinline long drvtrace_kunit_target2(long a)
{
	return -a;
}
EXPORT_SYMBOL_GPL(drvtrace_kunit_target2);

/* Busy-waits, calls itself down to depth 0, and returns @depth. */
noinline long drvtrace_kunit_nest(long depth)
{
	if (depth < 0 || depth >= DRVTRACE_KUNIT_NEST_MAX)
		return -EINVAL;
	drvtrace_kunit_body_start[depth] = ktime_get_ns();
	udelay(DRVTRACE_KUNIT_TARGET_US);
	if (depth > 0)
		drvtrace_kunit_nest(depth - 1);
	drvtrace_kunit_body_end[depth] = ktime_get_ns();
	return depth;
}
EXPORT_SYMBOL_GPL(drvtrace_kunit_nest);

MODULE_DESCRIPTION("Functions for the drvtrace probe core's KUnit suites to probe");
MODULE_LICENSE("GPL");
