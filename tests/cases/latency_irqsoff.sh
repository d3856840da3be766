#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace irqsoff: the irqsoff and preemptoff tracers find the IRQ source's irqs-off and preempt-off sections, at least as long, started and ended in irqsrc_critical_section, with a stack
# requires: tracer:irqsoff tracer:preemptoff
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=1 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; unload_all' EXIT

if ! grep -qw irqsoff "$TRACEFS/available_tracers"; then
	# Where the tracer is missing, the command says why and changes nothing.
	drvtrace irqsoff -d 1 >/tmp/o.txt 2>/tmp/o.err && fail "irqsoff succeeded without the tracer"
	grep -q 'needs CONFIG_IRQSOFF_TRACER' /tmp/o.err || fail "no reason given: $(cat /tmp/o.err)"
	skip "this kernel has no irqsoff tracer (CONFIG_IRQSOFF_TRACER); the command says so"
fi

# Under TCG a vCPU that waits for the other one shows sections of 100 ms
# and more anywhere: ours is longer, and a run where another section
# still came out longest is tried again, at most three times.
US=300000
for t in irqsoff preemptoff; do
	grep -qw "$t" "$TRACEFS/available_tracers" || { echo "no $t tracer here"; continue; }
	for try in 1 2 3; do
		drvtrace irqsoff -t "$t" -- sh -c "echo '$t $US' >$IRQSRC" >/tmp/o.txt 2>/tmp/o.err ||
			fail "irqsoff -t $t failed: $(cat /tmp/o.err)"
		grep -q '=> started at: irqsrc_critical_section' /tmp/o.txt && break
		echo "$t, try $try: the longest section was another one: $(grep -E '=> (started|ended) at' /tmp/o.txt | tr '\n' ' ')"
	done
	grep -v '^ *[a-z].*[0-9]us[ !#@*+]*: ' /tmp/o.txt
	max=$(sed -n "s/^$t: tracing_max_latency \([0-9]*\) us.*/\1/p" /tmp/o.txt)
	[ -n "$max" ] || fail "$t: no tracing_max_latency line"
	[ "$max" -ge "$US" ] || fail "$t: tracing_max_latency $max us, shorter than the $US us section"
	grep -q '=> started at: irqsrc_critical_section' /tmp/o.txt || fail "$t: the section did not start in irqsrc_critical_section"
	grep -q '=> ended at: *irqsrc_critical_section' /tmp/o.txt || fail "$t: the section did not end in irqsrc_critical_section"
	# The stack where it ended: our write handler under the write syscall.
	grep -q '=> irqsrc_write' /tmp/o.txt || fail "$t: no irqsrc_write in the stack"
	echo "FIGURES $t: tracing_max_latency $max us for a $US us section"
	assert_eq "$t: tracer put back" nop "$(cat "$TRACEFS/current_tracer")"
done
for d in "$TRACEFS"/instances/drvtrace-*; do
	[ ! -d "$d" ] || fail "instance left: $d"
done
exit 0
