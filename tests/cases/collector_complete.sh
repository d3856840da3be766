#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a streamed recording of a 16000 IRQ/s storm keeps every event, or counts what it lost: none vanishes silently
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# no_thread=1: the count of events must be known. On PREEMPT_RT a threaded
# handler may run once for several interrupts of the storm; in hard-IRQ
# context it runs once for each, which is what this count needs.
load_irqsrc nr_irqs=1 rate_hz=0 no_thread=1
trap 'echo "rate 0" >"$IRQSRC"; drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT

raised() { awk '!/^#/ { n += $4 } END { print n + 0 }' "$IRQSRC"; }

# Every interrupt of the storm is raised while the recorder records, so
# each gives exactly one entry and one exit event. busybox cat, which
# sendfile()s trace_pipe into a full pipe, lost a page of them now and
# then with no overrun counted.
for run in 1 2 3; do
	before=$(raised)
	drvtrace record -e drvtrace_irqsrc -o /tmp/o.txt -- \
		sh -c "echo 'rate 16000' >$IRQSRC; sleep 2; echo 'rate 0' >$IRQSRC" 2>/tmp/err ||
		fail "record failed: $(cat /tmp/err)"
	n=$(($(raised) - before))
	[ "$n" -gt 1000 ] || fail "only $n interrupts raised in 2 s at 16000/s"
	entries=$(grep -c ' handler_entry: ' /tmp/o.txt)
	exits=$(grep -c ' handler_exit: ' /tmp/o.txt)
	lost=$(sed -n -e 's/^drvtrace: lost events: none .*/0/p' \
		-e 's/^drvtrace: \*\*\* LOST EVENTS: \([0-9]*\) overwritten (overrun), \([0-9]*\) dropped$/\1 \2/p' \
		/tmp/err | awk '{ print $1 + $2 }')
	[ -n "$lost" ] || fail "no lost-events line: $(cat /tmp/err)"
	echo "run $run: $n interrupts, $entries entries, $exits exits, $lost counted lost"
	assert_eq "events recorded or counted lost (run $run)" $((2 * n)) $((entries + exits + lost))
done
