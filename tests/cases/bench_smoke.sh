#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the benchmark runs every mechanism once with a small count and reports a number for each; the throughput part records low IRQ rates without loss
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap unload_all EXIT
online=$(cat /sys/devices/system/cpu/online)
# 500 calls: the printk variant must not overrun the kernel log.
BENCH_CALLS=500 BENCH_REPEATS=1 /drvtrace/scripts/guest/bench >/tmp/bench.out 2>&1 ||
	fail "bench failed: $(tail -n 5 /tmp/bench.out)"
rows=$(grep -c '^| [^-].* | [0-9][0-9.]* | [0-9][0-9.]*x |$' /tmp/bench.out)
assert_eq "table rows with a number" 14 "$rows"
grep -q '^| nothing (baseline) | [0-9.]* | 1.00x |$' /tmp/bench.out ||
	fail "no baseline row"
! grep -q '| 0.0 |' /tmp/bench.out || fail "a mechanism took 0 ns"
assert_eq "goal rows" 6 "$(grep -c '| at most ' /tmp/bench.out)"
# Each goal a ratio of two side-by-side totals: a number above 0.
assert_eq "goal rows with a ratio above 0" 6 \
	"$(grep '| at most ' /tmp/bench.out | grep -c '^| [^|]* | [0-9.]*[1-9][0-9.]*x | ')"
# It must have left tracing as it found it.
assert_eq "kprobe_events" "" "$(cat "$TRACEFS/kprobe_events")"
assert_eq "current_tracer" nop "$(cat "$TRACEFS/current_tracer")"
# It times on one CPU, the others offline for the while.
assert_eq "online CPUs after the bench" "$online" "$(cat /sys/devices/system/cpu/online)"

# The side-by-side run, alone: both loops ran, each timed on its own; a
# bad variant is EINVAL and leaves the last result as it was.
B=$DEBUGFS/bench
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko"
insmod "$KO/drvtrace_bench.ko" || fail "insmod drvtrace_bench.ko"
echo "empty,twin 1000" >"$B" || fail "empty,twin 1000 failed"
read -r name calls ns1 ns2 <"$B"
assert_eq "side-by-side run" "empty,twin 1000" "$name $calls"
for ns in "$ns1" "$ns2"; do
	[ "$ns" -gt 0 ] || fail "side-by-side totals: '$ns1' '$ns2'"
done
assert_eq "empty,nosuch" "Invalid argument" "$(write_to "$B" "empty,nosuch 10")"
assert_eq "after the bad write" "empty,twin 1000 $ns1 $ns2" "$(cat "$B")"
echo "twin 1000" >"$B" || fail "twin 1000 failed"
assert_eq "a single run's fields" 3 "$(wc -w <"$B")"
rmmod drvtrace_bench drvtrace

# The collector throughput part, with two low rates and 1 s storms.
THROUGHPUT_SECONDS=1 THROUGHPUT_START_HZ=500 THROUGHPUT_MAX_HZ=1000 \
	/drvtrace/scripts/guest/throughput >/tmp/tp.out 2>&1 ||
	fail "throughput failed: $(tail -n 5 /tmp/tp.out)"
grep -q '^| .drvtrace record -o x.txt. (trace_pipe, text) | [0-9]*/s (asked [0-9]*/s) |' /tmp/tp.out ||
	fail "no summary row of drvtrace record's text path: $(grep '^|' /tmp/tp.out)"
grep -q '^| .drvtrace record -o x.dat. (drvtrace-rec) | [0-9]*/s (asked [0-9]*/s) |' /tmp/tp.out ||
	fail "no summary row of drvtrace-rec: $(grep '^|' /tmp/tp.out)"
grep -q '^| .trace-cmd record. | ' /tmp/tp.out || fail "no trace-cmd row: $(grep '^|' /tmp/tp.out)"
# At these rates both drvtrace recorders keep every event of every point.
for r in drvtrace drvtrace_rec; do
	points=$(grep -c "^| $r | " /tmp/tp.out)
	[ "$points" -ge 1 ] || fail "no $r point measured"
	kept=$(grep -c "^| $r | [0-9]*/s | [1-9][0-9]*/s | [1-9][0-9]* | 0 | 0 | " /tmp/tp.out)
	assert_eq "$r points with every event kept" "$points" "$kept"
done
assert_eq "kprobe_events after throughput" "" "$(cat "$TRACEFS/kprobe_events")"
