#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the kprobe and kretprobe samples log each __setup_irq call with its irq, result and duration, and nmissed on unload
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

KP=drvtrace_sample_kprobe
KRP=drvtrace_sample_kretprobe

cleanup() {
	trace_reset
	for m in $KP $KRP; do
		grep -q "^$m " /proc/modules && rmmod "$m"
	done
	unload_all
}
trap cleanup EXIT

# A symbol that does not exist: the sample refuses to load and says why.
kmsg_mark
insmod "$KO/$KP.ko" symbol=drvtrace_no_such_function 2>/dev/null &&
	fail "probing a missing symbol loaded"
kmsg_since | grep -q "$KP: cannot probe drvtrace_no_such_function: -2\$" ||
	fail "no reason logged for the missing symbol"

trace_reset
# printk:console puts the samples' log lines in the ring buffer as well.
echo 1 >"$TRACEFS/events/printk/console/enable"

insmod "$KO/$KP.ko" symbol=__setup_irq || fail "insmod $KP.ko"
insmod "$KO/$KRP.ko" symbol=__setup_irq maxactive=4 || fail "insmod $KRP.ko"
# Each request_irq() of the IRQ source goes through __setup_irq().
load_irqsrc nr_irqs=2 rate_hz=0
irq0=$(irqsrc_col 0 2)
irq1=$(irqsrc_col 1 2)
rmmod "$KP" "$KRP" || fail "rmmod the samples"
echo 0 >"$TRACEFS/tracing_on"

# console: lines, in the ring buffer's order, with the varying parts
# (pointers, durations) reduced to their shape.
trace_lines | sed -n -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: console: //p' |
	grep "^$KP: \|^$KRP: " |
	sed -E 's/0x[0-9a-f]{8,}/PTR/g; s/ in [0-9]+ ns$/ in N ns/' >/tmp/got
x0=$(printf '0x%x' "$irq0")
x1=$(printf '0x%x' "$irq1")
cat >/tmp/want <<LINES
$KP: probing __setup_irq
$KRP: probing __setup_irq, maxactive 4
$KP: __setup_irq($x0, PTR, PTR)
$KRP: __setup_irq($x0) = 0 in N ns
$KP: __setup_irq($x1, PTR, PTR)
$KRP: __setup_irq($x1) = 0 in N ns
$KP: __setup_irq: missed 0
$KRP: __setup_irq: missed 0
LINES
diff /tmp/want /tmp/got || fail "the samples' lines differ (- expected, + got)"

# The same lines reached the kernel log.
for l in "$KP: __setup_irq($x0, " "$KRP: __setup_irq($x1) = 0 in " \
	 "$KRP: __setup_irq: missed 0"; do
	dmesg | grep -qF "$l" || fail "dmesg lacks '$l'"
done
