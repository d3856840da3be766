#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace hardirqs/softirqs put back every trigger, synthetic event, instance and the trace clock after SIGINT and SIGTERM, and leave a synthetic event of their name that is not theirs alone
# requires: hist_triggers synth_events
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

grep -q 'hist trigger' "$TRACEFS/README" || skip "this kernel has no hist triggers (CONFIG_HIST_TRIGGERS)"
[ -f "$TRACEFS/synthetic_events" ] || skip "this kernel has no synthetic events (CONFIG_SYNTH_EVENTS)"
load_irqsrc nr_irqs=1 rate_hz=1000
trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; unload_all' EXIT

# Everything the commands touch, as text.
snapshot() {
	cat "$TRACEFS/synthetic_events" "$TRACEFS/trace_clock" "$TRACEFS/current_tracer"
	grep -H . "$TRACEFS"/events/irq/*/trigger "$TRACEFS"/events/irq/*/enable
	ls "$TRACEFS/instances"
	[ ! -d "$TRACEFS/events/synthetic" ] || ls "$TRACEFS/events/synthetic"
}
snapshot >/tmp/before

for cmd in hardirqs softirqs; do
	for sig in INT TERM; do
		# drvtrace in the foreground (a background job of a script
		# ignores SIGINT), signalled from the side once it measures.
		rm -f /tmp/r.err
		(
			n=0
			until grep -q '^drvtrace: measuring' /tmp/r.err 2>/dev/null; do
				n=$((n + 1))
				[ $n -lt 600 ] || exit 1
				sleep 0.1
			done
			sleep 1
			kill "-$sig" "$(cat /tmp/drvtrace.lock)"
		) &
		killer=$!
		rc=0
		drvtrace "$cmd" -R /tmp/raw.txt >/tmp/r.out 2>/tmp/r.err || rc=$?
		wait $killer || fail "$cmd never said it was measuring: $(cat /tmp/r.err)"
		case $sig in INT) want=130 ;; TERM) want=143 ;; esac
		assert_eq "$cmd after SIG$sig: exit status" "$want" "$rc"
		grep -qE '^(irq|vec) [0-9]+ ' /tmp/r.out || fail "$cmd after SIG$sig: no report: $(cat /tmp/r.out /tmp/r.err)"
		snapshot >/tmp/after
		diff /tmp/before /tmp/after || fail "$cmd after SIG$sig: settings differ (- before, + after)"
	done
done

# A synthetic event of that name exists already (not ours): drvtrace
# refuses, says how to remove it, and leaves it alone.
echo 'drvtrace_hardirq_lat u64 x' >>"$TRACEFS/synthetic_events"
snapshot >/tmp/before
drvtrace hardirqs -d 1 >/tmp/r.out 2>/tmp/r.err && fail "hardirqs succeeded over an existing synthetic event"
grep -q 'a synthetic event drvtrace_hardirq_lat exists already' /tmp/r.err || fail "no clear error: $(cat /tmp/r.err)"
snapshot >/tmp/after
diff /tmp/before /tmp/after || fail "after a refused write: settings differ"
echo '!drvtrace_hardirq_lat' >>"$TRACEFS/synthetic_events"
exit 0
