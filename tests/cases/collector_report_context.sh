#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace report says in which context the handler ran; for an IRQ thread (PREEMPT_RT) it counts the runs there and draws the wake-up delay, live and from a recording
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=2 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; unload_all' EXIT
ctx=$(irqsrc_ctx nr_irqs=2 rate_hz=0)
fire="echo 'fire 40' >$IRQSRC"

# check HOW FILE: the context lines of a report of 40 interrupts, each
# handled by its own run of the handler (a burst waits for each).
check() {
	if [ "$ctx" = thread ]; then
		grep -q '^Handler context: 0 runs in hard-IRQ context, 40 in IRQ threads\.$' "$2" ||
			fail "$1: no thread context line: $(cat "$2")"
		grep -q '^IRQ thread wake-up delay (irq:irq_handler_entry to handler_entry)' "$2" ||
			fail "$1: no wake-up section: $(cat "$2")"
	else
		! grep -q -e '^Handler context' -e 'wake-up' "$2" ||
			fail "$1: a thread section for a hard-IRQ handler: $(cat "$2")"
	fi
}

drvtrace report -- sh -c "$fire" >/tmp/k.txt 2>/tmp/k.err ||
	fail "report failed: $(cat /tmp/k.err)"
check "live report" /tmp/k.txt

# From a recording with the kernel's irq_handler_entry, the wake-up delay
# of each run of the thread: 40 of them.
drvtrace record -e irq:irq_handler_entry -e drvtrace_irqsrc -o /tmp/r.txt -- sh -c "$fire" 2>/tmp/r.err ||
	fail "record failed: $(cat /tmp/r.err)"
drvtrace report -i /tmp/r.txt >/tmp/i.txt 2>&1 || fail "report -i failed: $(cat /tmp/i.txt)"
check "report -i" /tmp/i.txt
if [ "$ctx" = thread ]; then
	n=$(sed -n '/^IRQ thread wake-up delay/,$p' /tmp/i.txt | awk '/^total: / { print $2 }')
	assert_eq "wake-up delays drawn" 40 "$n"
	cat /tmp/i.txt
fi
