#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace reset clears what a crashed session leaves: tracer, events, filters, triggers, pid and function filters, our instances, kprobes and a killed hardirqs' synthetic event with its chained hist triggers
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=2 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
E=$TRACEFS/events/drvtrace_irqsrc/handler_exit
have_hist=
grep -q 'hist trigger' "$TRACEFS/README" && have_hist=1

echo 0 >"$TRACEFS/tracing_on"
# A filter first: patching every function stalls a TCG guest.
echo irqsrc_handler >"$TRACEFS/set_ftrace_filter"
echo function >"$TRACEFS/current_tracer"
echo 1 >"$E/enable"
echo 'irq == 3' >"$E/filter"
echo stacktrace >"$E/trigger"
echo 'traceoff:5' >"$E/trigger"
[ -z "$have_hist" ] || echo 'hist:keys=irq' >"$E/trigger"
echo 1 >"$TRACEFS/set_event_pid"
echo irqsrc_handler >"$TRACEFS/set_graph_function"
echo 3 >"$TRACEFS/max_graph_depth"
echo 'p:drvtrace_kp/crashed __setup_irq' >>"$TRACEFS/kprobe_events"
echo 'p:kprobes/someone_elses __setup_irq' >>"$TRACEFS/kprobe_events"
mkdir "$TRACEFS/instances/drvtrace-99999"
echo 1 >"$TRACEFS/instances/drvtrace-99999/events/drvtrace_irqsrc/enable"
echo 99999 >/tmp/drvtrace.lock

drvtrace reset >/tmp/o.txt 2>&1 || fail "reset failed: $(cat /tmp/o.txt)"
assert_eq "tracer" nop "$(cat "$TRACEFS/current_tracer")"
assert_eq "tracing_on" 1 "$(cat "$TRACEFS/tracing_on")"
assert_eq "set_event" "" "$(cat "$TRACEFS/set_event")"
assert_eq "filter" none "$(cat "$E/filter")"
assert_eq "triggers" "" "$(grep -v '^#' "$E/trigger")"
assert_eq "set_event_pid" "" "$(cat "$TRACEFS/set_event_pid")"
assert_eq "set_ftrace_filter" "#### all functions enabled ####" "$(cat "$TRACEFS/set_ftrace_filter")"
assert_eq "set_graph_function" "#### all functions enabled ####" "$(cat "$TRACEFS/set_graph_function")"
assert_eq "max_graph_depth" 0 "$(cat "$TRACEFS/max_graph_depth")"
assert_eq "kprobe_events" "p:kprobes/someone_elses __setup_irq" "$(cat "$TRACEFS/kprobe_events")"
[ ! -d "$TRACEFS/instances/drvtrace-99999" ] || fail "the stale instance is still there"
[ ! -e /tmp/drvtrace.lock ] || fail "the stale lock is still there"
echo '-:kprobes/someone_elses' >>"$TRACEFS/kprobe_events"

# A latency session killed with SIGKILL, in the top buffer (-G): its
# synthetic event and the hist triggers feeding it, one reading another's
# variable. reset undoes it from the dead drvtrace's own list, or, when
# that list is gone too, by removing triggers until none is left.
[ -n "$have_hist" ] && [ -f "$TRACEFS/synthetic_events" ] || exit 0
for how in "its state" "no state"; do
	# (the last round's text must not pass for this one's)
	rm -f /tmp/h.err
	drvtrace hardirqs -G -d 120 >/dev/null 2>/tmp/h.err &
	pid=$!
	tries=0
	until grep -q 'measuring hardirqs' /tmp/h.err 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 300 ] || fail "hardirqs did not start: $(cat /tmp/h.err)"
		sleep 0.1
	done
	kill -KILL $pid
	wait $pid 2>/dev/null
	grep -q '^drvtrace_hardirq_lat' "$TRACEFS/synthetic_events" ||
		fail "$how: no synthetic event to leave behind: $(cat "$TRACEFS/synthetic_events" /tmp/h.err)"
	[ "$how" = "its state" ] || rm -rf /tmp/drvtrace-state.*
	drvtrace reset >/tmp/o.txt 2>&1 || fail "reset ($how) failed: $(cat /tmp/o.txt)"
	grep -q 'could not' /tmp/o.txt && fail "reset ($how) left something: $(cat /tmp/o.txt)"
	assert_eq "synthetic events after reset ($how)" "" "$(grep drvtrace "$TRACEFS/synthetic_events")"
	assert_eq "triggers after reset ($how)" "" \
		"$(grep -h -v '^#' "$TRACEFS"/events/irq/*/trigger "$TRACEFS"/events/synthetic/*/trigger 2>/dev/null)"
	assert_eq "set_event after reset ($how)" "" "$(cat "$TRACEFS/set_event")"
done
exit 0
