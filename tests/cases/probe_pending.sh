#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a module:symbol probe waits for its module (pending), arms when it loads, waits again when it unloads, re-arms on reload
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

EV=$TRACEFS/events/drvtrace_probes
sym=drvtrace_irqsrc:irqsrc_handler
trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
trace_reset

# irqsrc_handler(irq, dev_id): the line's number.
control_cmd "probe $sym irq=arg1:u32"
assert_eq "state before the module loads" pending "$(probe_col $sym 3)"
[ -d "$EV/drvtrace_irqsrc_irqsrc_handler_entry" ] ||
	fail "a pending probe has no events yet"
echo 1 >"$EV/enable"

for round in 1 2; do
	insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=1 rate_hz=0 ||
		fail "round $round: insmod drvtrace_irqsrc.ko"
	assert_eq "round $round: state with the module loaded" armed "$(probe_col $sym 3)"
	kprobes_of irqsrc_handler | grep -q . || fail "round $round: no kprobe registered"
	irq=$(irqsrc_col 0 2)
	irqsrc_cmd fire 3
	n=$(trace_lines | grep -c " drvtrace_irqsrc_irqsrc_handler_exit: ret=1 duration_ns=[0-9]* irq=$irq\$")
	assert_eq "round $round: handled calls recorded" 3 "$n"
	rmmod drvtrace_irqsrc || fail "round $round: rmmod drvtrace_irqsrc"
	assert_eq "round $round: state after the module went" pending "$(probe_col $sym 3)"
	assert_eq "round $round: kprobes left" "" "$(kprobes_of irqsrc_handler)"
	echo >"$TRACEFS/trace"
done
[ "$(probe_col $sym 4)" -ge 6 ] || fail "hits: $(probe_col $sym 4)"
echo 0 >"$EV/enable"
control_cmd "unprobe $sym"
assert_eq "probes left" "" "$(grep -v '^#' "$CONTROL")"
