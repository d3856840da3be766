/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The functions the probe core's KUnit suites probe and call, in
 * drvtrace_kunit_targets.ko (kunit/drvtrace_kunit_targets.c).
 */
#ifndef _DRVTRACE_KUNIT_TARGETS_H
#define _DRVTRACE_KUNIT_TARGETS_H

#include <linux/types.h>

/* How long each target busy-waits, in us. */
#define DRVTRACE_KUNIT_TARGET_US	50
#define DRVTRACE_KUNIT_NEST_MAX		4

/*
 * When the body of each call began and ended (ktime): [depth] for
 * drvtrace_kunit_nest(), [0] for drvtrace_kunit_target(). A probe's
 * duration must cover that span.
 */
extern u64 drvtrace_kunit_body_start[DRVTRACE_KUNIT_NEST_MAX];
extern u64 drvtrace_kunit_body_end[DRVTRACE_KUNIT_NEST_MAX];

long drvtrace_kunit_target(long a, long b, long c, long d, long e, long f);
long drvtrace_kunit_target2(long a);
long drvtrace_kunit_nest(long depth);

#endif /* _DRVTRACE_KUNIT_TARGETS_H */
