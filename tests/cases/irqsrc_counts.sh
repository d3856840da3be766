#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: events, the module's counts, /proc/interrupts and irq:irq_handler_* agree per IRQ, in hard-IRQ context or in the IRQ thread
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=4 rate_hz=0
trap 'trace_reset; unload_all' EXIT
trace_reset
first=$(irqsrc_col 0 2)
last=$(irqsrc_col 3 2)
for e in irq_handler_entry irq_handler_exit; do
	echo "irq>=$first && irq<=$last" >"$TRACEFS/events/irq/$e/filter"
	echo 1 >"$TRACEFS/events/irq/$e/enable"
done
echo 1 >"$TRACEFS/events/drvtrace_irqsrc/enable"
# Counting starts now, with the events on: nothing raised before is counted.
# The burst and the periodic timer one after the other: raised at once on
# two CPUs, one line can take an interrupt while its last is in progress,
# which the flow handler drops, as a real line merges two edges.
irqsrc_cmd reset
irqsrc_cmd fire 1000
irqsrc_cmd rate 500
sleep 1
irqsrc_cmd rate 0
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

raised=$(irqsrc_sum 4)
[ "$raised" -gt 1000 ] || fail "only $raised IRQs raised (fire 1000 plus 500 Hz for 1 s)"
assert_eq "handled" "$raised" "$(irqsrc_sum 5)"
grep -q 'LOST' /tmp/trace && fail "the ring buffer lost events"

# In hard-IRQ context our handler runs once per interrupt. In a thread
# (PREEMPT_RT) the kernel's irq:irq_handler_* still fire once per interrupt,
# around the primary handler that wakes the thread, but one run of the
# thread may handle several interrupts raised while it was waking up.
ctx=$(irqsrc_ctx nr_irqs=4 rate_hz=0)
for h in 0 1 2 3; do
	irq=$(irqsrc_col "$h" 2)
	r=$(irqsrc_col "$h" 4)
	for pat in " irq_handler_entry: irq=$irq name=drvtrace-irqsrc.$h\$" \
		   " irq_handler_exit: irq=$irq ret=handled\$"; do
		assert_eq "events '$pat'" "$r" "$(grep -c "$pat" /tmp/trace)"
	done
	entries=$(grep -c " handler_entry: irq=$irq .* ctx=$ctx\$" /tmp/trace)
	exits=$(grep -c " handler_exit: irq=$irq .* ctx=$ctx\$" /tmp/trace)
	assert_eq "handler_exit events in $ctx context, hwirq $h" "$entries" "$exits"
	if [ "$ctx" = hardirq ]; then
		assert_eq "handler_entry events, hwirq $h" "$r" "$entries"
	else
		if [ "$entries" -lt 1 ] || [ "$entries" -gt "$r" ]; then
			fail "hwirq $h: $entries runs of the thread for $r interrupts"
		fi
		echo "hwirq $h: $r interrupts, $entries runs of the IRQ thread"
	fi
done

# /proc/interrupts counted the same interrupts since the reset, and more
# only by the ones raised before it.
total=$(awk '/drvtrace-irqsrc\./ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i }
	END { print s + 0 }' /proc/interrupts)
[ "$total" -ge "$raised" ] || fail "/proc/interrupts counts $total < $raised raised"
