#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the benchmark runs every mechanism once with a small count and reports a number for each
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# 500 calls: the printk variant must not overrun the kernel log.
BENCH_CALLS=500 BENCH_REPEATS=1 /drvtrace/scripts/guest/bench >/tmp/bench.out 2>&1 ||
	fail "bench failed: $(tail -n 5 /tmp/bench.out)"
rows=$(grep -c '^| [^-].* | [0-9][0-9.]* | [0-9][0-9.]*x |$' /tmp/bench.out)
assert_eq "table rows with a number" 10 "$rows"
grep -q '^| nothing (baseline) | [0-9.]* | 1.00x |$' /tmp/bench.out ||
	fail "no baseline row"
! grep -q '| 0.0 |' /tmp/bench.out || fail "a mechanism took 0 ns"
assert_eq "goal rows" 4 "$(grep -c '| at most ' /tmp/bench.out)"
# It must have left tracing as it found it.
assert_eq "kprobe_events" "" "$(cat "$TRACEFS/kprobe_events")"
assert_eq "current_tracer" nop "$(cat "$TRACEFS/current_tracer")"
