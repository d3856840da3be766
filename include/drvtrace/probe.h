/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The probe registry of drvtrace.ko: the kprobes and kretprobes armed on
 * behalf of the control file and the probes= parameter.
 */
#ifndef _DRVTRACE_PROBE_H
#define _DRVTRACE_PROBE_H

struct drvtrace_cmd;
struct seq_file;

int drvtrace_probe_arm(const struct drvtrace_cmd *cmd);
int drvtrace_probe_disarm(const char *symbol);
int drvtrace_probe_clear(void);
void drvtrace_probe_reset(void);
void drvtrace_probe_show(struct seq_file *m);

int drvtrace_probe_init(void);
void drvtrace_probe_exit(void);

void drvtrace_probe_begin(void);
void drvtrace_probe_commit(void);
void drvtrace_probe_rollback(void);

#endif /* _DRVTRACE_PROBE_H */
