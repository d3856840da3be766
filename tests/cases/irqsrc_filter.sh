#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a filter irq==N on our events keeps exactly that IRQ's events
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=3 rate_hz=0
trap 'trace_reset; unload_all' EXIT
trace_reset
irq=$(irqsrc_col 1 2)
for e in handler_entry handler_exit; do
	echo "irq==$irq" >"$TRACEFS/events/drvtrace_irqsrc/$e/filter"
done
echo 1 >"$TRACEFS/events/drvtrace_irqsrc/enable"

irqsrc_cmd fire 9
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

assert_eq "entry events" 3 "$(grep -c " handler_entry: irq=$irq " /tmp/trace)"
assert_eq "exit events" 3 "$(grep -c " handler_exit: irq=$irq " /tmp/trace)"
assert_eq "events of other IRQs" 0 "$(grep ' handler_e' /tmp/trace | grep -vc " irq=$irq ")"
