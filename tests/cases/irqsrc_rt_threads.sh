#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: on PREEMPT_RT each line's handler runs in its own SCHED_FIFO IRQ thread (none with no_thread=1), and fire returns with every interrupt handled
# requires: preempt_rt
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap unload_all EXIT

# irq_thread IRQ: the pid of the IRQ thread of IRQ, irq/<irq>-<name>
# (its comm cut to 15 characters).
irq_thread() {
	for f in /proc/[0-9]*/comm; do
		case $(cat "$f" 2>/dev/null) in
		"irq/$1-"*) f=${f%/comm}; echo "${f#/proc/}"; return 0 ;;
		esac
	done
	return 1
}

load_irqsrc nr_irqs=2 rate_hz=0 handler_ns=50000
for h in 0 1; do
	irq=$(irqsrc_col "$h" 2)
	pid=$(irq_thread "$irq") || fail "no IRQ thread irq/$irq-* for hwirq $h"
	# Field 41 of /proc/PID/stat is the policy: 1 is SCHED_FIFO.
	assert_eq "policy of irq/$irq" 1 "$(awk '{ print $41 }' "/proc/$pid/stat")"
done
irqsrc_cmd fire 300
# Read at once: the write returned only when the threads had handled all.
assert_eq "raised" 300 "$(irqsrc_sum 4)"
assert_eq "handled when fire returned" 300 "$(irqsrc_sum 5)"
assert_eq "unhandled" 0 "$(irqsrc_sum 6)"
unload_all

load_irqsrc nr_irqs=2 rate_hz=0 no_thread=1
for h in 0 1; do
	irq=$(irqsrc_col "$h" 2)
	! pid=$(irq_thread "$irq") ||
		fail "no_thread=1: irq/$irq has an IRQ thread (pid $pid)"
done
irqsrc_cmd fire 300
assert_eq "handled with no_thread=1" 300 "$(irqsrc_sum 5)"
