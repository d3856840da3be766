/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel APIs drvtrace uses that changed shape between 6.1 and today,
 * in one place so the rest of the code is written once.
 */
#ifndef _DRVTRACE_COMPAT_H
#define _DRVTRACE_COMPAT_H

#include <linux/version.h>

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

#endif /* _DRVTRACE_COMPAT_H */
