#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: trace_printk/trace_puts write exact lines from process, hrtimer and irq_work context; tracing_off() freezes the buffer
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

MOD=drvtrace_sample_printk

# The ring buffer's lines without the task, CPU, flags and time columns.
messages() { trace_lines | sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //'; }

trap 'trace_reset; grep -q "^$MOD " /proc/modules && rmmod $MOD' EXIT
trace_reset
insmod "$KO/$MOD.ko" ticks=3 || fail "insmod $MOD.ko"
# Read while loaded: the trace names functions only while they exist.
messages >/tmp/got

cat >/tmp/want <<'LINES'
sample_process: process: trace_puts, constant string
sample_process: process: trace_printk, constant format, process 42
sample_process: process: trace_printk, run-time format, 42
sample_process: process: trace_puts, built string, 3 ticks
sample_hrtimer: hrtimer: tick 1 of 3 in hardirq
sample_irq_work: irq_work: tick 1 of 3 in hardirq
sample_hrtimer: hrtimer: tick 2 of 3 in hardirq
sample_irq_work: irq_work: tick 2 of 3 in hardirq
sample_hrtimer: hrtimer: tick 3 of 3 in hardirq
sample_irq_work: irq_work: tick 3 of 3 in hardirq
LINES
diff /tmp/want /tmp/got ||
	fail "the ring buffer differs from the expected lines (- expected, + got)"

# The flags column: 'h' or 'H' (hard IRQ) on the timer and irq_work
# lines, neither on the process ones.
hard=$(trace_lines | awk '/ sample_(hrtimer|irq_work): / && $3 ~ /[hH]/' | wc -l)
assert_eq "hrtimer and irq_work lines flagged hard-IRQ" 6 "$hard"
soft=$(trace_lines | awk '/ sample_process: / && $3 ~ /[hHsS]/' | wc -l)
assert_eq "process lines flagged IRQ" 0 "$soft"
other=$(trace_lines | grep ' sample_process: ' | grep -vc '^ *insmod-')
assert_eq "process lines not written by insmod" 0 "$other"

# Constant formats are kept once, in printk_formats (bprint/bputs); the
# run-time ones were copied into the buffer (print) and are not listed.
# shellcheck disable=SC2016 # the formats, as written in the source
for f in '"process: trace_puts, constant string\n"' \
	 '"process: trace_printk, constant format, %s %d\n"' \
	 '"hrtimer: tick %u of %u in %s\n"' '"irq_work: tick %u of %u in %s\n"' \
	 '"hrtimer: tick %u: error detected, tracing off\n"'; do
	grep -qF " : $f" "$TRACEFS/printk_formats" ||
		fail "printk_formats lacks $f"
done
grep -q 'run-time format\|built string' "$TRACEFS/printk_formats" &&
	fail "a run-time format is in printk_formats"

# Unloading writes one more line; its function is gone with the module.
rmmod "$MOD" || fail "rmmod $MOD"
assert_eq "lines after unloading" 11 "$(messages | wc -l)"
messages | tail -n 1 | grep -q ': unloading$' || fail "no unloading line"

# The notice that keeps trace_printk() out of production kernels.
dmesg | grep -q 'trace_printk() being used' || fail "no trace_printk() notice"

# tracing_off(): tick 2 detects an error and freezes the buffer there.
trace_reset
insmod "$KO/$MOD.ko" ticks=3 fail_tick=2 || fail "insmod $MOD.ko fail_tick=2"
assert_eq "tracing_on after the error" 0 "$(cat "$TRACEFS/tracing_on")"
echo "written after the error" >"$TRACEFS/trace_marker" 2>/dev/null
messages | tail -n 4 >/tmp/got
rmmod "$MOD" || fail "rmmod $MOD"
cat >/tmp/want <<'LINES'
sample_hrtimer: hrtimer: tick 1 of 3 in hardirq
sample_irq_work: irq_work: tick 1 of 3 in hardirq
sample_hrtimer: hrtimer: tick 2 of 3 in hardirq
sample_hrtimer: hrtimer: tick 2: error detected, tracing off
LINES
diff /tmp/want /tmp/got || fail "the frozen buffer does not end at the error (- expected, + got)"
assert_eq "lines in the frozen buffer" 8 "$(messages | wc -l)"
messages | grep -q 'tick 3\|irq_work: tick 2\|written after\|unloading' &&
	fail "lines written after tracing_off() reached the buffer"
exit 0
