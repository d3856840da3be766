#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the user-space marker sample frames a driver's events with its markers and stops tracing on a failure
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

BIN=/drvtrace/bin/trace_marker_sample
REQ=/sys/kernel/debug/drvtrace_sample/request

messages() { trace_lines | sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //'; }

[ -x "$BIN" ] || fail "$BIN was not built (scripts/build-modules)"
insmod "$KO/drvtrace_sample.ko" || fail "insmod drvtrace_sample.ko"
trap 'trace_reset; rmmod drvtrace_sample' EXIT
trace_reset
for e in io_entry io_exit; do
	echo 1 >"$TRACEFS/events/drvtrace_sample/drvtrace_sample_$e/enable"
done

# Three critical sections; the device refuses the third (more than 4
# words): the program marks why, turns tracing off and exits 1.
rc=0
"$BIN" "$REQ" 'write 2' 'read 1' 'write 6' 2>/tmp/err || rc=$?
assert_eq "exit status" 1 "$rc"
grep -q "^trace_marker_sample: $REQ: 'write 6': Message too long\$" /tmp/err ||
	fail "no error message: $(cat /tmp/err)"
assert_eq "tracing_on after the failure" 0 "$(cat "$TRACEFS/tracing_on")"
echo "written after the failure" >"$TRACEFS/trace_marker" 2>/dev/null
echo 'read 1' >"$REQ" || fail "'read 1' after the failure"

messages >/tmp/got
cat >/tmp/want <<'LINES'
tracing_mark_write: begin 1: write 2
drvtrace_sample_io_entry: id=1 cmd=write
drvtrace_sample_io_exit: id=1 cmd=write ret=0
tracing_mark_write: end 1
tracing_mark_write: begin 2: read 1
drvtrace_sample_io_entry: id=2 cmd=read
drvtrace_sample_io_exit: id=2 cmd=read ret=0
tracing_mark_write: end 2
tracing_mark_write: begin 3: write 6
drvtrace_sample_io_entry: id=3 cmd=write
drvtrace_sample_io_exit: id=3 cmd=write ret=-90
tracing_mark_write: failed 3: Message too long
LINES
diff /tmp/want /tmp/got ||
	fail "markers and events differ (- expected, + got); nothing may follow the failure"
# The markers were written by the program, the events by its write()s.
other=$(trace_lines | grep -vc '^ *trace_marker_sa')
assert_eq "lines not written by the program" 0 "$other"

# With tracefs unmounted the program finds the tracing directory in
# debugfs (/sys/kernel/debug/tracing).
trace_reset
for e in io_entry io_exit; do
	echo 1 >"$TRACEFS/events/drvtrace_sample/drvtrace_sample_$e/enable"
done
umount "$TRACEFS" || fail "cannot unmount $TRACEFS to try the debugfs path"
rc=0
/drvtrace/bin/trace_marker_sample "$REQ" 'flush 0' 2>/tmp/err || rc=$?
mount -t tracefs tracefs "$TRACEFS" || fail "cannot mount tracefs again"
assert_eq "exit status through debugfs: $(cat /tmp/err)" 0 "$rc"
messages >/tmp/got
printf '%s\n' 'tracing_mark_write: begin 1: flush 0' \
	'drvtrace_sample_io_entry: id=5 cmd=flush' \
	'drvtrace_sample_io_exit: id=5 cmd=flush ret=0' \
	'tracing_mark_write: end 1' | diff - /tmp/got ||
	fail "markers through debugfs differ (- expected, + got)"
