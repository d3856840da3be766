#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace osnoise: per-CPU noise as rtla osnoise top (periods, runtime, noise, % available, interference counts) and, with -S, noise by source counted in the kernel, where the IRQ source's line shows by name; settings put back; elsewhere a clear reason
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; unload_all' EXIT
if ! grep -qw osnoise "$TRACEFS/available_tracers"; then
	drvtrace osnoise -d 1 >/tmp/o.txt 2>/tmp/o.err && fail "osnoise succeeded without the tracer"
	grep -q 'needs CONFIG_OSNOISE_TRACER' /tmp/o.err || fail "no reason given: $(cat /tmp/o.err)"
	skip "this kernel has no osnoise tracer (CONFIG_OSNOISE_TRACER); the command says so"
fi

# no_thread=1: the line's handler is IRQ noise, where PREEMPT_RT would
# make it thread noise.
load_irqsrc nr_irqs=1 rate_hz=0 no_thread=1
line=$(irqsrc_col 0 3)
period_before=$(cat "$TRACEFS/osnoise/period_us")
runtime_before=$(cat "$TRACEFS/osnoise/runtime_us")

# Bad input: a clear error, nothing changed.
rc=0
drvtrace osnoise -p 1000 -r 2000 -d 1 >/dev/null 2>/tmp/o.err || rc=$?
assert_eq "exit status for a runtime longer than the period" 1 "$rc"
grep -q 'longer than the period' /tmp/o.err || fail "no clear error: $(cat /tmp/o.err)"
assert_eq "period_us after a refused command" "$period_before" "$(cat "$TRACEFS/osnoise/period_us")"

# Half of every 100 ms on each CPU, while the IRQ source fires 2000/s.
drvtrace osnoise -p 100000 -r 50000 -S -- \
	sh -c "echo 'rate 2000' >$IRQSRC; sleep 2; echo 'rate 0' >$IRQSRC" >/tmp/o.txt 2>/tmp/o.err ||
	fail "osnoise failed: $(cat /tmp/o.err)"
cat /tmp/o.txt
grep -q '^osnoise: noise per CPU over .* period 100000 us, runtime 50000 us' /tmp/o.txt ||
	fail "no header with the period and runtime: $(head -n 1 /tmp/o.txt)"
grep -q 'lost events: none' /tmp/o.err || fail "events were lost: $(cat /tmp/o.err)"

# One row per CPU: at least a period each, runtime and noise consistent.
ncpu=$(grep -c '^processor' /proc/cpuinfo)
rows=$(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^#[0-9]+$/' /tmp/o.txt)
assert_eq "CPU rows" "$ncpu" "$(echo "$rows" | grep -c .)"
echo "$rows" | awk '{
	per = substr($2, 2)
	if (per < 1) { print "cpu", $1, "ran no period"; bad = 1 }
	if ($3 < per * 50000 * 0.9) { print "cpu", $1, "runtime", $3, "for", per, "periods of 50000 us"; bad = 1 }
	if ($4 > $3) { print "cpu", $1, "noise", $4, "above runtime", $3; bad = 1 }
	if ($5 < 0 || $5 > 100) { print "cpu", $1, "% available", $5; bad = 1 }
	if ($7 > $6 || $6 > $4) { print "cpu", $1, "max single", $7, "max noise", $6, "noise", $4; bad = 1 }
	irq += $10
} END { if (irq < 1) { print "no IRQ interfered on any CPU"; bad = 1 }; exit bad }' ||
	fail "the per-CPU table does not add up"

# -S: the IRQ source's line is an IRQ source of noise, by its name.
src=$(awk -v l="$line" '$1 == "irq" && $2 == l' /tmp/o.txt)
echo "the IRQ source's line: ${src:-none}"
[ -n "$src" ] || fail "-S: no irq row for $line: $(sed -n '/^Noise by source/,$p' /tmp/o.txt)"
# shellcheck disable=SC2086 # kind, source, count, total
set -- $src
if [ "$3" -le 0 ] || [ "$4" -le 0 ]; then
	fail "-S: $line counted $3 times for $4 ns"
fi

# Everything put back.
assert_eq "period_us put back" "$period_before" "$(cat "$TRACEFS/osnoise/period_us")"
assert_eq "runtime_us put back" "$runtime_before" "$(cat "$TRACEFS/osnoise/runtime_us")"
assert_eq "tracer put back" nop "$(cat "$TRACEFS/current_tracer")"
assert_eq "osnoise triggers left" "" "$(grep -h -v '^#' "$TRACEFS"/events/osnoise/*/trigger)"
for d in "$TRACEFS"/instances/drvtrace-*; do
	[ ! -d "$d" ] || fail "instance left: $d"
done
echo "FIGURES osnoise: $(echo "$rows" | awk '{ printf "cpu %s: %s%% available, max single %s us, IRQ %s; ", $1, $5, $7, $10 }')$line $3 times, $4 ns"
exit 0
