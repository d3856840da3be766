#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: perf list shows our events, perf record -e 'drvtrace_irqsrc:*' and perf script decode them, perf stat -e counts them, each count equal to the interrupts raised
# requires: perf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# The x86_64 guest has the host's perf on PATH; the arm64 guest Debian's
# arm64 perf in /opt/perf (scripts/lib/guest-perf.sh).
perf=$(command -v perf) || perf=/opt/perf/perf
[ -x "$perf" ] || skip "no perf in this guest"
[ -e /proc/sys/kernel/perf_event_paranoid ] || skip "this kernel has no perf events (CONFIG_PERF_EVENTS)"
export HOME=/tmp
"$perf" version || fail "perf does not run: $("$perf" version 2>&1)"

load_irqsrc nr_irqs=2 rate_hz=0
trap 'unload_all' EXIT
raised() { awk '!/^#/ { n += $4 } END { print n + 0 }' "$IRQSRC"; }

"$perf" list 'drvtrace_irqsrc:*' >/tmp/list 2>&1 || fail "perf list failed: $(cat /tmp/list)"
for e in handler_entry handler_exit; do
	grep -q "drvtrace_irqsrc:$e .*\[Tracepoint event\]" /tmp/list ||
		fail "perf list does not show drvtrace_irqsrc:$e: $(cat /tmp/list)"
done

# perf record on every CPU, then perf script: each interrupt gives one
# entry and one exit, with their fields decoded from the event formats.
before=$(raised)
"$perf" record -B -N -a -e 'drvtrace_irqsrc:*' -o /tmp/perf.data -- \
	sh -c "echo 'fire 300' >$IRQSRC" >/tmp/rec 2>&1 || fail "perf record failed: $(cat /tmp/rec)"
n=$(($(raised) - before))
assert_eq "interrupts raised" 300 "$n"
"$perf" script -i /tmp/perf.data >/tmp/script 2>/tmp/script.err ||
	fail "perf script failed: $(cat /tmp/script.err)"
! grep -q 'FAILED TO PARSE' /tmp/script || fail "perf script: $(grep -m 2 'FAILED TO PARSE' /tmp/script)"
assert_eq "handler_entry events in perf script" "$n" "$(grep -c 'drvtrace_irqsrc:handler_entry:' /tmp/script)"
assert_eq "handler_exit events in perf script" "$n" "$(grep -c 'drvtrace_irqsrc:handler_exit:' /tmp/script)"
grep -m 1 'drvtrace_irqsrc:handler_exit:' /tmp/script
grep -m 1 'drvtrace_irqsrc:handler_exit:' /tmp/script | grep -q 'ret=handled' ||
	fail "handler_exit's ret not decoded: $(grep -m 1 'handler_exit:' /tmp/script)"
grep -m 1 'drvtrace_irqsrc:handler_exit:' /tmp/script | grep -q 'duration_ns=' ||
	fail "handler_exit's duration_ns not decoded"

# perf stat: the events as counters, no ring buffer.
"$perf" stat -x, -a -e drvtrace_irqsrc:handler_entry -e drvtrace_irqsrc:handler_exit -- \
	sh -c "echo 'fire 250' >$IRQSRC" 2>/tmp/stat >/dev/null || fail "perf stat failed: $(cat /tmp/stat)"
cat /tmp/stat
for e in handler_entry handler_exit; do
	assert_eq "perf stat count of $e" 250 \
		"$(awk -F, -v e="drvtrace_irqsrc:$e" '$3 == e { print $1 }' /tmp/stat)"
done
exit 0
