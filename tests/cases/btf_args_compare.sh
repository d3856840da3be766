#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace's __setup_irq record with new->name and new->flags equals the kernel's own BTF-aware probe event's (6.12)
# requires: btf btf_args
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

trap 'kprobe_events_clear; trace_reset; unload_all' EXIT
# The kernel names the fields itself where it can (PROBE_EVENTS_BTF_ARGS).
echo 'p:drvtrace_btf/kernel __setup_irq irq name=new->name:string flags=new->flags:x32' \
	>>"$TRACEFS/kprobe_events" 2>/dev/null ||
	skip "this kernel's probe events take no BTF argument names (CONFIG_PROBE_EVENTS_BTF_ARGS, 6.6+)"
# The same fetches as drvtrace-btf resolves them, run by kprobe_events.
kprobe_event_add "$(as_kprobe_event resolved \
	"$(resolve __setup_irq irq 'new->name' 'new->flags:x32')")"

# Each event's fields as "irq name flags", the quotes of strings dropped.
fields() {
	grep " $1: " /tmp/trace |
		sed -n 's/.* irq=\([0-9]*\) name="\{0,1\}\([^" ]*\)"\{0,1\} flags=\(0x[0-9a-f]*\).*/\1 \2 \3/p'
}
# record EVENT_DIR...: enable them, request the IRQ source's lines.
record() {
	trace_reset
	for e in "$@"; do
		echo 1 >"$TRACEFS/events/$e/enable"
	done
	insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 irqflags=0x10080 ||
		fail "insmod drvtrace_irqsrc.ko"
	echo 0 >"$TRACEFS/tracing_on"
	trace_lines >/tmp/trace
	rmmod drvtrace_irqsrc
	for e in "$@"; do
		echo 0 >"$TRACEFS/events/$e/enable"
	done
}

load_core
record drvtrace_btf/kernel drvtrace_btf/resolved
k=$(fields kernel)
assert_eq "lines recorded by the kernel's event" 3 "$(echo "$k" | grep -c .)"
assert_eq "the resolved offsets' record against the kernel's" "$k" "$(fields resolved)"

# drvtrace's own event (typed probes, issue 11; skips until then).
control_cmd "unprobe __setup_irq"
drvtrace_probe __setup_irq irq 'new->name' 'new->flags:x32'
record drvtrace_btf/kernel drvtrace_probes/__setup_irq_entry
k=$(fields kernel)
assert_eq "lines recorded by the kernel's event" 3 "$(echo "$k" | grep -c .)"
assert_eq "drvtrace's record against the kernel's" "$k" "$(fields __setup_irq_entry)"
