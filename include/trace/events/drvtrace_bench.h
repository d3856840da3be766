/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The event of drvtrace_bench.ko: what a driver's tracepoint costs, with
 * the same three fields the other mechanisms in the benchmark record.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM drvtrace_bench

#if !defined(_TRACE_DRVTRACE_BENCH_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DRVTRACE_BENCH_H

#include <linux/tracepoint.h>

TRACE_EVENT(bench_call,
	    TP_PROTO(u64 a, u64 b, u64 c),
	    TP_ARGS(a, b, c),
	    TP_STRUCT__entry(__field(u64, a)
			     __field(u64, b)
			     __field(u64, c)),
	    TP_fast_assign(__entry->a = a;
			   __entry->b = b;
			   __entry->c = c;),
	    TP_printk("a=%llu b=%llu c=%llu", __entry->a, __entry->b, __entry->c)
);

#endif /* _TRACE_DRVTRACE_BENCH_H */

/* This part must be outside the multi-read guard. */
#include <trace/define_trace.h>
