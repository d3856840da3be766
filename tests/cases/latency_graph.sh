#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace graph: trace_marker writes and trace_printk lines are comments inside the calls that made them; -T keeps only long calls; -C shows one CPU
# requires: tracer:function_graph
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

grep -qw function_graph "$TRACEFS/available_tracers" || skip "this kernel has no function_graph tracer"
# no_thread=1: the handler runs in hard-IRQ context on the CPU that raised
# it (-C below), also where PREEMPT_RT would move it to a thread.
load_irqsrc nr_irqs=1 rate_hz=0 no_thread=1
MOD=drvtrace_sample_printk
trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; grep -q "^$MOD " /proc/modules && rmmod $MOD; unload_all' EXIT

# inside NAME FILE COMMENT: COMMENT is a comment line within NAME's braces.
inside() {
	awk -v f="$1" -v c="/* $3 */" '
		depth == 0 && index($0, "  " f) && /\(\) \{ *$/ { depth = 1; next }
		depth > 0 && index($0, c) { found = 1 }
		depth > 0 && /\{ *$/ { depth++ }
		depth > 0 && /^[^\/]*\} *($|\/\*)/ { depth-- }
		depth == 0 && found { exit }
		END { exit !found }' "$2"
}

# 1. A trace_marker write: inside the vfs_write() that made it (the
# kernel's tracing code itself, tracing_mark_write(), is notrace).
drvtrace graph -g vfs_write -F vfs_write -F 'rw_verify_area' -o /tmp/g1.txt -- \
	sh -c "echo drvtrace-marker-inside >$TRACEFS/trace_marker" 2>/tmp/g1.err ||
	fail "graph failed: $(cat /tmp/g1.err)"
grep -B2 -A2 'drvtrace-marker-inside' /tmp/g1.txt
inside vfs_write /tmp/g1.txt drvtrace-marker-inside ||
	fail "the marker is not a comment inside vfs_write(): $(grep -B3 -A3 drvtrace-marker-inside /tmp/g1.txt)"

# 2. trace_printk() in a module loaded while recording (a :mod: filter).
drvtrace graph -F "*:mod:$MOD" -o /tmp/g2.txt -- insmod "$KO/$MOD.ko" ticks=1 2>/tmp/g2.err ||
	fail "graph of the module failed: $(cat /tmp/g2.err)"
grep -A6 'sample_process' /tmp/g2.txt | head -n 8
inside sample_process /tmp/g2.txt "process: trace_puts, constant string" ||
	fail "trace_puts is not a comment inside sample_process(): $(head -n 30 /tmp/g2.txt)"
inside sample_process /tmp/g2.txt "process: trace_printk, constant format, process 42" ||
	fail "trace_printk is not a comment inside sample_process()"
rmmod $MOD

# 3. -T: only calls longer than the threshold (a 20 ms preempt-off
# section of the IRQ source), not the short parser.
drvtrace graph -F 'irqsrc_*' -T 10000 -o /tmp/g3.txt -- sh -c "echo 'preemptoff 20000' >$IRQSRC" 2>/tmp/g3.err ||
	fail "graph -T failed: $(cat /tmp/g3.err)"
grep -v '^#' /tmp/g3.txt
us=$(awk '/irqsrc_critical_section/ { for (i = 1; i <= NF; i++) if ($(i + 1) == "us") { print int($i); exit } }' /tmp/g3.txt)
[ -n "$us" ] || fail "-T 10000: no irqsrc_critical_section with a duration: $(cat /tmp/g3.txt)"
[ "$us" -ge 10000 ] || fail "-T 10000: irqsrc_critical_section took only $us us"
grep -q irqsrc_parse /tmp/g3.txt && fail "-T 10000: the short irqsrc_parse was kept"
assert_eq "tracing_thresh put back" 0 "$(cat "$TRACEFS/tracing_thresh")"

# 4. -C: one CPU's buffer, every line of that CPU; the storm is raised
# from CPU 0 (taskset), where its burst timer runs.
drvtrace graph -F 'irqsrc_*' -C 0 -o /tmp/g4.txt -- taskset -c 0 sh -c "echo 'fire 20' >$IRQSRC" 2>/tmp/g4.err ||
	fail "graph -C failed: $(cat /tmp/g4.err)"
n=$(grep -c '^ *[0-9])' /tmp/g4.txt)
other=$(grep '^ *[0-9])' /tmp/g4.txt | grep -vc '^ *0)')
echo "-C 0: $n lines, $other of another CPU"
assert_eq "-C 0: lines of other CPUs" 0 "$other"
grep -q 'irqsrc_handler' /tmp/g4.txt || fail "-C 0: no irqsrc_handler on CPU 0: $(head -n 20 /tmp/g4.txt)"
assert_eq "tracer put back" nop "$(cat "$TRACEFS/current_tracer")"
exit 0
