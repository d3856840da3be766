#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: trace-cmd report decodes the samples' events as the kernel prints them, and tells bprint, bputs and print apart
# requires: trace-cmd
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# x86_64 guests have the host's trace-cmd on PATH, arm64 guests the arm64
# one in /opt/trace-cmd (scripts/guest-run).
TRACE_CMD=$(command -v trace-cmd) || TRACE_CMD=/opt/trace-cmd/trace-cmd
[ -x "$TRACE_CMD" ] ||
	skip "no trace-cmd in this guest (scripts/setup-deps fetches the arm64 one; guest-run copies it)"

EV=$TRACEFS/events/drvtrace_sample
REQ=/sys/kernel/debug/drvtrace_sample/request
PK=drvtrace_sample_printk

# Lines without the task, CPU, flags and time columns: the kernel's
# trace file, then trace-cmd report's, which has no flags column.
strip() { sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //'; }
strip_report() { sed -E 's/^[^]]*\] +[0-9]+\.[0-9]+: +//'; }

cleanup() {
	trace_reset
	for m in drvtrace_sample $PK; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	return 0
}
trap cleanup EXIT
insmod "$KO/drvtrace_sample.ko" || fail "insmod drvtrace_sample.ko"
trace_reset
for e in io_entry io_exit xfer error; do
	echo 1 >"$EV/drvtrace_sample_$e/enable"
done
echo 'write 2' >"$REQ" || fail "'write 2' failed"
echo 'read 0' >"$REQ" || fail "'read 0' failed"
echo 'write 5' >"$REQ" 2>/dev/null && fail "'write 5' was accepted"
# Left loaded: trace-cmd names the functions from /proc/kallsyms.
insmod "$KO/$PK.ko" ticks=1 || fail "insmod $PK.ko"
echo "user marker" >"$TRACEFS/trace_marker"
echo 0 >"$TRACEFS/tracing_on"

trace_lines | strip >/tmp/kernel
"$TRACE_CMD" extract -o /tmp/trace.dat >/tmp/extract.log 2>&1 ||
	fail "trace-cmd extract: $(cat /tmp/extract.log)"
"$TRACE_CMD" report -i /tmp/trace.dat >/tmp/report 2>/tmp/report.err ||
	fail "trace-cmd report: $(cat /tmp/report.err)"
grep -q 'FAILED TO PARSE' /tmp/report && fail "trace-cmd could not parse: $(grep 'FAILED TO PARSE' /tmp/report | head -n 1)"

# Our events: trace-cmd's text is the kernel's, but for __print_array(),
# which libtraceevent prints in decimal, space-separated.
grep '^drvtrace_sample_' /tmp/kernel |
	sed 's/data={0x100,0x101}/data=256 257/; s/data={}/data=/
	     s/data={0x300,0x301,0x302,0x303,0x304}/data=768 769 770 771 772/' >/tmp/want
cat >/tmp/want2 <<'LINES'
drvtrace_sample_io_entry: id=1 cmd=write
drvtrace_sample_xfer: dev=drvtrace_sample0 id=1 cmd=write flags=DATA|WRITE cdb=2a 02 01 00 data=256 257 lanes=00000000,00000003
drvtrace_sample_io_exit: id=1 cmd=write ret=0
drvtrace_sample_io_entry: id=2 cmd=read
drvtrace_sample_xfer: dev=drvtrace_sample0 id=2 cmd=read flags= cdb=28 00 02 00 data= lanes=00000000,00000000
drvtrace_sample_io_exit: id=2 cmd=read ret=0
drvtrace_sample_io_entry: id=3 cmd=write
drvtrace_sample_xfer: dev=drvtrace_sample0 id=3 cmd=write flags=DATA|WRITE cdb=2a 05 03 00 data=768 769 770 771 772 lanes=00000000,0000001f
drvtrace_sample_io_exit: id=3 cmd=write ret=-90
drvtrace_sample_error: id=3 ret=-90
LINES
diff /tmp/want2 /tmp/want || fail "the kernel's own lines are not the expected ones (- expected, + kernel)"
strip_report </tmp/report | grep '^drvtrace_sample_' | diff /tmp/want - ||
	fail "trace-cmd report decodes the events differently (- kernel, + trace-cmd)"

# The print entries: the constant format and string were recorded as
# bprint and bputs (a pointer and raw arguments), the run-time ones and
# the marker as print (copied text).
cat >/tmp/want <<'LINES'
bputs: sample_process: process: trace_puts, constant string
bprint: sample_process: process: trace_printk, constant format, process 42
print: sample_process: process: trace_printk, run-time format, 42
print: sample_process: process: trace_puts, built string, 1 ticks
bprint: sample_hrtimer: hrtimer: tick 1 of 1 in hardirq
bprint: sample_irq_work: irq_work: tick 1 of 1 in hardirq
print: tracing_mark_write: user marker
LINES
strip_report </tmp/report | grep -E '^b?(print|puts): ' | sed -E 's/^([a-z]+:) +/\1 /' |
	diff /tmp/want - ||
	fail "trace-cmd report's print entries differ (- expected, + got)"
