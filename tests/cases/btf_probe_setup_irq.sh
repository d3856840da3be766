#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace probe __setup_irq irq new->name new->flags:x32 records each IRQ source line's name and flags in its per-probe event
# requires: btf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

# Needs typed probes in drvtrace.ko (issue 11): skips until then.
trap 'trace_reset; unload_all' EXIT
load_core
control_cmd "unprobe __setup_irq"
drvtrace_probe __setup_irq irq 'new->name' 'new->flags:x32'
ev=$TRACEFS/events/drvtrace_probes/__setup_irq_entry
[ -d "$ev" ] || fail "no $ev after the probe: $(ls "$TRACEFS/events/drvtrace_probes" 2>&1)"
trace_reset
echo 1 >"$ev/enable"
# IRQF_SHARED | IRQF_NO_THREAD = 0x10080
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 irqflags=0x10080 ||
	fail "insmod drvtrace_irqsrc.ko"
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace
# (6.12 adds flags of its own to what the driver asked for.)
for h in 0 1 2; do
	irq=$(irqsrc_col "$h" 2)
	flags=$(sed -n "s/.* __setup_irq_entry: .*irq=$irq name=\"\{0,1\}drvtrace-irqsrc\.$h\"\{0,1\} flags=\(0x[0-9a-f]*\).*/\1/p" /tmp/trace)
	assert_eq "one __setup_irq_entry of hwirq $h (trace: $(cat /tmp/trace))" 1 \
		"$(echo "$flags" | grep -c .)"
	assert_eq "SHARED|NO_THREAD in the flags of hwirq $h ($flags)" 65664 $((flags & 0x10080))
done
# The fields are typed: a filter on the string selects one line.
echo 0 >"$ev/enable"
rmmod drvtrace_irqsrc
trace_reset
echo 'name == "drvtrace-irqsrc.1"' >"$ev/filter" || fail "filter on name"
echo 1 >"$ev/enable"
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 || fail "insmod drvtrace_irqsrc.ko"
echo 0 >"$TRACEFS/tracing_on"
assert_eq "events passing name == drvtrace-irqsrc.1" 1 \
	"$(trace_lines | grep -c ' __setup_irq_entry: ')"
echo 0 >"$ev/enable"
echo 0 >"$ev/filter"
