#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a recorder a script started in the background ignores SIGINT; drvtrace stop (SIGTERM) ends it, its trace.dat is complete and every setting is back
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

load_irqsrc nr_irqs=1 rate_hz=1000
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/before

# The script a user would write: record in the background, work, stop.
# Its background job starts with SIGINT ignored (POSIX), so kill -INT,
# the old hint, cannot stop it.
cat >/tmp/job.sh <<'JOB'
drvtrace record -e drvtrace_irqsrc -o "$1" 2>"$1.err" &
echo $! >/tmp/job.pid
wait $!
echo "rc=$?" >"$1.rc"
JOB

for out in /tmp/stop.dat /tmp/stop.txt; do
	rm -f "$out" "$out.err" "$out.rc" /tmp/job.pid
	sh /tmp/job.sh "$out" &
	job=$!
	i=0
	until grep -q 'Ctrl-C to stop' "$out.err" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 300 ] || fail "the recorder never started: $(cat "$out.err")"
		sleep 0.1
	done
	pid=$(cat /tmp/job.pid)
	grep -q "or 'drvtrace stop'" "$out.err" || fail "the start line does not say how to stop: $(cat "$out.err")"
	rc=0
	drvtrace record -e irq -d 1 >/dev/null 2>/tmp/second.err || rc=$?
	assert_eq "exit status of a second record" 1 "$rc"
	grep -q "stop it with 'drvtrace stop' (or kill -TERM $pid)" /tmp/second.err ||
		fail "the refusal does not give the hint that works: $(cat /tmp/second.err)"
	kill -INT "$pid"
	sleep 1
	kill -0 "$pid" 2>/dev/null || fail "SIGINT stopped a background recorder: the shell did not ignore it?"
	drvtrace stop >/tmp/stop.out 2>&1 || fail "drvtrace stop failed: $(cat /tmp/stop.out)"
	grep -q "stopped drvtrace pid $pid" /tmp/stop.out || fail "drvtrace stop said: $(cat /tmp/stop.out)"
	kill -0 "$pid" 2>/dev/null && fail "the recorder still runs after drvtrace stop"
	wait "$job"
	assert_eq "the recorder's exit status (SIGTERM)" rc=143 "$(cat "$out.rc")"
	grep -q 'lost events: none' "$out.err" || fail "no lost-events line: $(cat "$out.err")"
	case $out in
	*.dat)
		/drvtrace/bin/drvtrace-rec -c "$out" >/tmp/count || fail "the trace.dat does not read back"
		n=$(awk '$2 == "drvtrace_irqsrc:handler_entry" { print $1 }' /tmp/count)
		[ "${n:-0}" -gt 0 ] || fail "no handler_entry in the trace.dat: $(cat /tmp/count)" ;;
	*)
		grep -q ' handler_entry: ' "$out" || fail "no handler_entry in the text" ;;
	esac
	[ ! -e /tmp/drvtrace.lock ] || fail "the lock was left behind"
	settings_snapshot >/tmp/after
	cmp -s /tmp/before /tmp/after || fail "settings differ after drvtrace stop: $(diff /tmp/before /tmp/after | head -n 10)"
	echo "$out: stopped by drvtrace stop, exit 143, events kept, settings as before"
done

rc=0
drvtrace stop >/tmp/stop.out 2>&1 || rc=$?
assert_eq "drvtrace stop with nothing running" 0 "$rc"
grep -q 'no drvtrace is recording' /tmp/stop.out || fail "drvtrace stop said: $(cat /tmp/stop.out)"
