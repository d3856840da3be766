/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What drvtrace.ko, the core module, offers the other drvtrace modules.
 */
#ifndef _DRVTRACE_DRVTRACE_H
#define _DRVTRACE_DRVTRACE_H

struct dentry;

/*
 * /sys/kernel/debug/drvtrace/, owned by drvtrace.ko. A module that puts its
 * files there depends on drvtrace.ko, so the directory outlives them.
 */
struct dentry *drvtrace_debugfs_dir(void);

#endif /* _DRVTRACE_DRVTRACE_H */
