#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a second drvtrace record refuses while one runs; a stale lock, and what its dead recorder left, are taken over
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

load_irqsrc nr_irqs=2 rate_hz=100
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/before
rm -f /tmp/first.err /tmp/killed.err

# wait_recording ERRFILE: until the recorder says it records.
wait_recording() {
	i=0
	until grep -q 'Ctrl-C to stop' "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "the first recorder never started: $(cat "$1")"
		sleep 0.1
	done
}

drvtrace record -e drvtrace_irqsrc -o /tmp/first.txt 2>/tmp/first.err &
first=$!
wait_recording /tmp/first.err
assert_eq "the lock holds the first recorder's pid" "$first" "$(cat /tmp/drvtrace.lock)"

rc=0
drvtrace record -e irq -d 1 >/tmp/second.out 2>/tmp/second.err || rc=$?
assert_eq "exit status of the second record" 1 "$rc"
grep -q "another drvtrace (pid $first) is recording" /tmp/second.err ||
	fail "the second record did not say who holds the lock: $(cat /tmp/second.err)"
grep -q "drvtrace stop' (or kill -TERM $first)" /tmp/second.err || fail "the refusal does not say what to do next"
rc=0
drvtrace report -d 1 >/dev/null 2>/tmp/second.err || rc=$?
assert_eq "exit status of a live report meanwhile" 1 "$rc"
rc=0
drvtrace reset >/dev/null 2>/tmp/second.err || rc=$?
assert_eq "exit status of reset meanwhile" 1 "$rc"
[ -d "$TRACEFS/instances/drvtrace-$first" ] || fail "the second record or reset disturbed the first's instance"

kill -TERM "$first"
wait "$first"
[ -s /tmp/first.txt ] || fail "the first recorder recorded nothing"
[ ! -e /tmp/drvtrace.lock ] || fail "the lock was left behind"

# A stale lock: its pid is dead (a recorder killed with SIGKILL). The dead
# recorder also left the global buffer set up; the next one puts it back.
drvtrace record -G -e drvtrace_irqsrc -f 'hwirq == 1' -t function -F irqsrc_handler \
	-k 'p:coll_stale __setup_irq' >/dev/null 2>/tmp/killed.err &
first=$!
wait_recording /tmp/killed.err
# trace_pipe_readers: the pids that have a trace_pipe open.
trace_pipe_readers() {
	for fd in /proc/[0-9]*/fd/*; do
		case $(readlink "$fd" 2>/dev/null) in
		*/trace_pipe) fd=${fd#/proc/}; echo "${fd%%/*}" ;;
		esac
	done
}
# The reader opens trace_pipe a moment after the recorder starts it.
i=0
until [ -n "$(trace_pipe_readers)" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the recorder has no trace_pipe reader"
	sleep 0.1
done
# Its reader outlives it, holding trace_pipe: the takeover must end it.
kill -KILL "$first"
wait "$first"
assert_eq "the stale lock's pid" "$first" "$(cat /tmp/drvtrace.lock)"
settings_snapshot >/tmp/during
cmp -s /tmp/before /tmp/during && fail "the killed recorder changed nothing: the test proves nothing"
drvtrace status >/tmp/status.out 2>&1
grep -q "lock: *stale, pid $first is gone" /tmp/status.out || fail "status does not call the lock stale: $(cat /tmp/status.out)"

drvtrace record -e drvtrace_irqsrc -d 1 -o /tmp/third.txt 2>/tmp/third.err ||
	fail "record after a stale lock failed: $(cat /tmp/third.err)"
grep -q "stale lock /tmp/drvtrace.lock: pid $first is gone; taking it over" /tmp/third.err ||
	fail "record did not say it took over the stale lock: $(cat /tmp/third.err)"
grep -q "putting back the tracing settings pid $first left behind" /tmp/third.err ||
	fail "record did not put back what the dead recorder left: $(cat /tmp/third.err)"
[ -s /tmp/third.txt ] || fail "the record after the takeover recorded nothing"
assert_eq "trace_pipe readers left after the takeover" "" "$(trace_pipe_readers)"
settings_snapshot >/tmp/after
settings_compare /tmp/before /tmp/after "after taking over from a recorder killed with SIGKILL"
[ ! -e /tmp/drvtrace.lock ] || fail "the lock was left behind"
