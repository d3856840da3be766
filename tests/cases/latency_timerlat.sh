#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace timerlat: per-CPU timer IRQ and thread latency histograms with count, min, avg and max, as rtla timerlat hist; elsewhere a clear reason
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset' EXIT
if ! grep -qw timerlat "$TRACEFS/available_tracers"; then
	drvtrace timerlat -d 1 >/tmp/t.txt 2>/tmp/t.err && fail "timerlat succeeded without the tracer"
	grep -q 'needs CONFIG_TIMERLAT_TRACER' /tmp/t.err || fail "no reason given: $(cat /tmp/t.err)"
	skip "this kernel has no timerlat tracer (CONFIG_TIMERLAT_TRACER); the command says so"
fi

period_before=$(cat "$TRACEFS/osnoise/timerlat_period_us")
drvtrace timerlat -d 3 -p 10000 >/tmp/t.txt 2>/tmp/t.err || fail "timerlat failed: $(cat /tmp/t.err)"
cat /tmp/t.txt
samples=$(sed -n 's/.* from \([0-9]*\) samples.*/\1/p' /tmp/t.txt)
[ "${samples:-0}" -gt 0 ] || fail "no samples: $(cat /tmp/t.txt /tmp/t.err)"
grep -q 'lost events: none' /tmp/t.err || fail "events were lost: $(cat /tmp/t.err)"
# row NAME: the values of one summary row, one per column
row() { awk -v r="$1:" '$1 == r { $1 = ""; print }' /tmp/t.txt; }
cols=$(awk '$1 == "Index" { $1 = ""; print }' /tmp/t.txt)
ncpu=$(grep -c '^processor' /proc/cpuinfo)
for c in $(seq 0 $((ncpu - 1))); do
	for ctx in IRQ Thr; do
		echo " $cols " | grep -q " $ctx-$(printf %03d "$c") " || fail "no column $ctx-$(printf %03d "$c"): $cols"
	done
done
total=0
for v in $(row count); do
	[ "$v" -gt 0 ] || fail "a column counted nothing: count $(row count)"
	total=$((total + v))
done
assert_eq "samples in the table" "$samples" "$total"
# Each wakeup's thread latency includes its IRQ latency: per CPU, the
# thread's min and max are at least the IRQ's.
mins=$(row min)
maxs=$(row max)
echo "$mins" | awk -v m="$maxs" '{ split(m, x, " ")
	for (i = 1; i < NF; i += 2) {
		if ($(i + 1) < $i) { print "cpu", (i - 1) / 2, "thread min", $(i + 1), "< irq min", $i; bad = 1 }
		if (x[i + 1] < x[i]) { print "cpu", (i - 1) / 2, "thread max", x[i + 1], "< irq max", x[i]; bad = 1 }
	}
	exit bad }' || fail "thread latency below IRQ latency"
# The buckets add up to the counts.
sum=$(awk '$1 ~ /^[0-9]+$/ { for (i = 2; i <= NF; i++) s += $i } END { print s + 0 }' /tmp/t.txt)
assert_eq "buckets add up to the samples" "$samples" "$sum"
assert_eq "timerlat_period_us put back" "$period_before" "$(cat "$TRACEFS/osnoise/timerlat_period_us")"
assert_eq "tracer put back" nop "$(cat "$TRACEFS/current_tracer")"
echo "FIGURES timerlat: $samples samples; min $mins; max $maxs (us; IRQ, Thr per CPU)"
exit 0
