#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: handler_entry/exit carry the right irq, hwirq, name, ret and duration, in hard-IRQ context
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=3 rate_hz=0 handler_ns=20000
trap 'trace_reset; unload_all' EXIT
trace_reset
echo 1 >"$TRACEFS/events/drvtrace_irqsrc/enable"

irqsrc_cmd fire 30
irqsrc_cmd spurious 2 1
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

assert_eq "entry events" 32 "$(grep -c ' handler_entry: ' /tmp/trace)"
assert_eq "exit events" 32 "$(grep -c ' handler_exit: ' /tmp/trace)"

for h in 0 1 2; do
	irq=$(irqsrc_col "$h" 2)
	name=drvtrace-irqsrc.$h
	n=$(grep -c " handler_entry: irq=$irq hwirq=$h name=$name\$" /tmp/trace)
	[ "$h" = 1 ] && want=12 || want=10
	assert_eq "entry events of hwirq $h" "$want" "$n"
	n=$(grep -c " handler_exit: irq=$irq hwirq=$h name=$name ret=handled duration_ns=[1-9][0-9]*\$" /tmp/trace)
	assert_eq "handled exit events of hwirq $h" 10 "$n"
done
n=$(grep -c " handler_exit: irq=$(irqsrc_col 1 2) hwirq=1 name=drvtrace-irqsrc.1 ret=unhandled " /tmp/trace)
assert_eq "unhandled exit events" 2 "$n"
assert_eq "unhandled count of hwirq 1" 2 "$(irqsrc_col 1 6)"
assert_eq "handled count of hwirq 1" 10 "$(irqsrc_col 1 5)"

# duration_ns is checked positive above, not against handler_ns: under
# TCG the guest's delay loop and its clock disagree, by 2x and at times in
# the other direction. KUnit times the handler against a ktime-timed delay.

# The flags column of each of our events says hard-IRQ context ('h').
soft=$(awk '/ handler_(entry|exit): / && $3 !~ /h/' /tmp/trace | wc -l)
assert_eq "events outside hard-IRQ context" 0 "$soft"
