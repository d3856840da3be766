#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace_irqsrc loads and unloads cleanly 10 times, leaving no IRQ, file or event
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

for i in 1 2 3 4 5 6 7 8 9 10; do
	load_irqsrc nr_irqs=3 rate_hz=1000
	[ -f "$IRQSRC" ] || fail "cycle $i: no $IRQSRC"
	n=$(grep -c 'drvtrace-irqsrc\.' /proc/interrupts)
	assert_eq "cycle $i: lines in /proc/interrupts" 3 "$n"
	[ -d "$TRACEFS/events/drvtrace_irqsrc" ] || fail "cycle $i: no events"
	irqsrc_cmd fire 30
	unload_all
	[ ! -e "$DEBUGFS" ] || fail "cycle $i: $DEBUGFS left behind"
	! grep -q 'drvtrace-irqsrc' /proc/interrupts ||
		fail "cycle $i: IRQs left in /proc/interrupts"
	[ ! -e "$TRACEFS/events/drvtrace_irqsrc" ] ||
		fail "cycle $i: events left behind"
done
