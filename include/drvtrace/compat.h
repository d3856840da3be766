/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel APIs drvtrace uses that changed shape between 6.1 and today's
 * mainline, in one place so the rest of the code is written once. Each entry
 * names the version that changed it and why it matters here. Built and
 * checked (W=1, sparse) against Debian's 6.1 and 6.12 headers, amd64,
 * rt-amd64 and arm64; the 6.13+ branches follow mainline's signatures.
 *
 * Samples do not include this header: each one builds alone when copied
 * into a driver, so it carries its own small guard for what it uses.
 */
#ifndef _DRVTRACE_COMPAT_H
#define _DRVTRACE_COMPAT_H

#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/version.h>

struct trace_array;

/*
 * Versions are compared by their parts: an out-of-tree module has no single
 * version to be written for, which is what checkpatch assumes of
 * LINUX_VERSION_CODE.
 */
#define DRVTRACE_KERNEL_AT_LEAST(major, minor)				\
	(LINUX_VERSION_MAJOR * 256 + LINUX_VERSION_PATCHLEVEL >=	\
	 (major) * 256 + (minor))

/* 6.10 dropped __assign_str()'s source argument: it is taken from __string(). */
#if DRVTRACE_KERNEL_AT_LEAST(6, 10)
#define drvtrace_assign_str(dst, src)	__assign_str(dst)
#else
#define drvtrace_assign_str(dst, src)	__assign_str(dst, src)
#endif

/*
 * 6.13 added hrtimer_setup(), which sets the callback with the timer, and
 * 6.15 removed hrtimer_init() and the assignment of .function after it.
 */
static inline void
drvtrace_hrtimer_setup(struct hrtimer *timer,
		       enum hrtimer_restart (*fn)(struct hrtimer *),
		       clockid_t clock_id, enum hrtimer_mode mode)
{
#if DRVTRACE_KERNEL_AT_LEAST(6, 13)
	hrtimer_setup(timer, fn, clock_id, mode);
#else
	hrtimer_init(timer, clock_id, mode);
	timer->function = fn;
#endif
}

/*
 * 6.13 made debugfs_create_file() a _Generic macro choosing between full
 * and short file operations by the type of its last argument: NULL, a
 * void * or a non-const pointer there no longer builds. Going through
 * this typed wrapper makes such a call fail on 6.1 as it would on 6.13.
 */
static inline struct dentry *
drvtrace_debugfs_create_file(const char *name, umode_t mode,
			     struct dentry *parent, void *data,
			     const struct file_operations *fops)
{
	return debugfs_create_file(name, mode, parent, data, fops);
}

/*
 * 6.7 gave trace_array_get_by_name() a second argument, the event systems
 * a new instance enables (NULL: all of them, as before).
 */
#if DRVTRACE_KERNEL_AT_LEAST(6, 7)
#define drvtrace_trace_array_get_by_name(name)				\
	trace_array_get_by_name(name, NULL)
#else
#define drvtrace_trace_array_get_by_name(name)				\
	trace_array_get_by_name(name)
#endif

/*
 * 6.9 added IRQF_COND_ONESHOT, which request_irq() has set on every request
 * since: a decoder of __setup_irq()'s flags must name it on 6.9 and later.
 */
#ifndef IRQF_COND_ONESHOT
#define IRQF_COND_ONESHOT	0x00200000
#endif

#endif /* _DRVTRACE_COMPAT_H */
