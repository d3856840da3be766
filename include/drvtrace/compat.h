/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel APIs drvtrace uses that changed shape between 6.1 and today,
 * in one place so the rest of the code is written once.
 */
#ifndef _DRVTRACE_COMPAT_H
#define _DRVTRACE_COMPAT_H

#include <linux/version.h>

/* 6.10 dropped __assign_str()'s source argument: it is taken from __string(). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define drvtrace_assign_str(dst, src)	__assign_str(dst)
#else
#define drvtrace_assign_str(dst, src)	__assign_str(dst, src)
#endif

#endif /* _DRVTRACE_COMPAT_H */
