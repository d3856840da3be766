/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The functions drvtrace_bench.ko times. They are global so that no
 * interprocedural optimization clones and renames them: kprobes, the
 * kprobe_events probes and the function tracer find them by these names.
 */
#ifndef _DRVTRACE_BENCH_H
#define _DRVTRACE_BENCH_H

#include <linux/types.h>

void drvtrace_bench_empty(u64 a, u64 b, u64 c);
void drvtrace_bench_twin(u64 a, u64 b, u64 c);
void drvtrace_bench_tracepoint(u64 a, u64 b, u64 c);
void drvtrace_bench_trace_printk(u64 a, u64 b, u64 c);
void drvtrace_bench_printk(u64 a, u64 b, u64 c);

#endif /* _DRVTRACE_BENCH_H */
