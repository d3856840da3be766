#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: fetches resolved by drvtrace probe -n, run by the kernel's own kprobe_events, read the IRQ source's names and flags and loopback's name, state and flags
# requires: btf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

# The offsets drvtrace-btf computes, checked by a kernel that runs them
# today (kprobe_events on 6.1), independently of drvtrace.ko's parser.
trap 'kprobe_events_clear; trace_reset; unload_all; ip link set lo down' EXIT
trace_reset
kprobe_event_add "$(as_kprobe_event setup \
	"$(resolve __setup_irq irq 'new->name' 'new->flags:x32')")"
kprobe_event_add "$(as_kprobe_event dcf \
	"$(resolve dev_change_flags 'dev->name' 'dev->state:x64' flags)")"
echo 1 >"$TRACEFS/events/drvtrace_btf/enable"

load_core
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 irqflags=0x10080 ||
	fail "insmod drvtrace_irqsrc.ko"
# Loopback starts down here: up, down, up.
for s in up down up; do
	ip link set lo "$s" || fail "ip link set lo $s"
done
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

# IRQF_SHARED | IRQF_NO_THREAD = 0x10080 (6.12 adds flags of its own to
# what the driver asked for), each line's own name.
for h in 0 1 2; do
	irq=$(irqsrc_col "$h" 2)
	flags=$(sed -n "s/.* setup: (__setup_irq+0x[0-9a-f]*\/0x[0-9a-f]*) irq=$irq name=\"drvtrace-irqsrc.$h\" flags=\(0x[0-9a-f]*\)\$/\1/p" /tmp/trace)
	assert_eq "one __setup_irq event of hwirq $h" 1 "$(echo "$flags" | grep -c .)"
	assert_eq "SHARED|NO_THREAD in the flags of hwirq $h ($flags)" 65664 $((flags & 0x10080))
done
# name "lo"; state: __LINK_STATE_START (bit 0) only while up, PRESENT
# (bit 1) always; flags: IFF_UP (bit 0) asked for by up, not by down.
got=$(sed -n 's/.* dcf: .* name="\([^"]*\)" state=\(0x[0-9a-f]*\) flags=\([0-9]*\)$/\1 \2 \3/p' /tmp/trace |
	while read -r name state flags; do
		echo "$name start=$((state & 1)) present=$(((state >> 1) & 1)) up=$((flags & 1))"
	done | tr '\n' ',')
assert_eq "loopback up, down, up" \
	"lo start=0 present=1 up=1,lo start=1 present=1 up=0,lo start=0 present=1 up=1," "$got"
