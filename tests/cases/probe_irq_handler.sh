#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a probe on a driver's IRQ handler counts and pairs every interrupt exactly, in the context the kernel runs the handler in (a thread on PREEMPT_RT)
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=2 rate_hz=0 || fail "insmod irqsrc"
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/enable"
control_cmd "probe irqsrc_handler args=1"
irqsrc_cmd fire 100
irqsrc_cmd spurious 10 1
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

assert_eq "hits" 110 "$(probe_col irqsrc_handler 4)"
assert_eq "returns" 110 "$(probe_col irqsrc_handler 5)"
assert_eq "missed" 0 "$(probe_col irqsrc_handler 6)"
for h in 0 1; do
	irq=$(printf '0x%x' "$(irqsrc_col $h 2)")
	[ $h = 0 ] && want=50 || want=60
	assert_eq "entries with irq $irq" "$want" \
		"$(grep -c " func_entry: func=irqsrc_handler args={$irq}\$" /tmp/trace)"
done
assert_eq "IRQ_HANDLED returns" 100 \
	"$(grep -c ' func_exit: func=irqsrc_handler ret=1 duration_ns=[1-9]' /tmp/trace)"
assert_eq "IRQ_NONE returns" 10 \
	"$(grep -c ' func_exit: func=irqsrc_handler ret=0 duration_ns=[1-9]' /tmp/trace)"
ctx=$(irqsrc_ctx nr_irqs=2 rate_hz=0)
hard=$(awk '/ func_(entry|exit): / && $3 ~ /h/' /tmp/trace | wc -l)
if [ "$ctx" = hardirq ]; then
	assert_eq "events in hard-IRQ context" 220 "$hard"
else
	assert_eq "events in hard-IRQ context of a threaded handler" 0 "$hard"
fi
