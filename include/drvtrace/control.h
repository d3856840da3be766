/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control file of drvtrace.ko, /sys/kernel/debug/drvtrace/control.
 */
#ifndef _DRVTRACE_CONTROL_H
#define _DRVTRACE_CONTROL_H

struct dentry;

/* Run the commands of @buf, one per line; 0 or the first failure's errno. */
int drvtrace_control_exec(const char *buf);

struct dentry *drvtrace_control_create(struct dentry *dir);

#endif /* _DRVTRACE_CONTROL_H */
