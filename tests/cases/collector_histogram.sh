#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace report: the handler duration histogram's total and the per-IRQ counts equal the interrupts raised, in the kernel and in user space
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=3 rate_hz=0 handler_ns=5000
trap 'drvtrace reset -f >/dev/null 2>&1; trace_reset; unload_all' EXIT

fire() { echo "$*" >"$IRQSRC"; }
total() { awk '/^total: / { print $2 }' "$1"; }
# irq_row FILE IRQ: "handled unhandled" of one IRQ's row
irq_row() { awk -v i="$2" '$1 == i && $3 == "handler_exit" { print $4, $5 }' "$1"; }
# buckets FILE: the histogram's rows, "low high count"
buckets() { awk '/ -> .*\|/ { print $1, $3, $5 }' "$1"; }

check() {	# check HOW FILE RAISED_BEFORE
	raised=$(($(irqsrc_sum 4) - $3))
	assert_eq "$1: histogram total" "$raised" "$(total "$2")"
	assert_eq "$1: sum of the buckets" "$raised" "$(buckets "$2" | awk '{ s += $3 } END { print s }')"
	for h in 0 1 2; do
		irq=$(irqsrc_col "$h" 2)
		assert_eq "$1: IRQ $irq handled, unhandled" "$4" "$(irq_row "$2" "$irq")"
	done
	grep -q "^ *handler_entry  *$raised\$" "$2" || fail "$1: handler_entry count is not $raised: $(cat "$2")"
}

before=$(irqsrc_sum 4)
drvtrace report -- sh -c "echo 'fire 30' >$IRQSRC; echo 'spurious 6' >$IRQSRC" >/tmp/k.txt 2>/tmp/k.err ||
	fail "report failed: $(cat /tmp/k.err)"
if grep -q 'hist trigger' "$TRACEFS/README"; then
	grep -q '^Histogram built in the kernel: hist triggers' /tmp/k.txt || fail "report does not say the kernel built it: $(head -n 2 /tmp/k.txt)"
else
	grep -q '^Histogram computed in user space (this kernel has no hist triggers' /tmp/k.txt || fail "no reason given for the user-space histogram"
fi
check "live, default" /tmp/k.txt "$before" "10 2"

before=$(irqsrc_sum 4)
drvtrace report -U -- sh -c "echo 'fire 24' >$IRQSRC; echo 'spurious 3' >$IRQSRC" >/tmp/u.txt 2>/tmp/u.err ||
	fail "report -U failed: $(cat /tmp/u.err)"
grep -q '^Histogram computed in user space (-U), from the 27 handler_exit events' /tmp/u.txt ||
	fail "report -U does not say how it was made: $(head -n 2 /tmp/u.txt)"
check "live, -U" /tmp/u.txt "$before" "8 1"

# The same interrupts counted by the kernel and by our awk must fall into
# the same log2 buckets: a hist trigger of our own on the global buffer
# next to drvtrace record in its instance, then report -i on the text.
grep -q 'hist trigger' "$TRACEFS/README" || skip "this kernel has no hist triggers (CONFIG_HIST_TRIGGERS)"
E=$TRACEFS/events/drvtrace_irqsrc/handler_exit
echo 'hist:keys=duration_ns.log2:sort=duration_ns' >"$E/trigger"
echo 1 >"$E/enable"
drvtrace record -e drvtrace_irqsrc -o /tmp/rec.txt -- sh -c "echo 'fire 60' >$IRQSRC" 2>/tmp/rec.err ||
	fail "record failed: $(cat /tmp/rec.err)"
echo 0 >"$E/enable"
grep '^{' "$E/hist" | sed 's/.*2^\([0-9]*\) *}.*hitcount: *\([0-9]*\)/\1 \2/' | sort -n >/tmp/kernel.b
echo '!hist:keys=duration_ns.log2:sort=duration_ns' >"$E/trigger"
drvtrace report -i /tmp/rec.txt >/tmp/i.txt || fail "report -i failed"
grep -q "^Report of /tmp/rec.txt; histogram computed here" /tmp/i.txt || fail "report -i does not say how it was made"
assert_eq "report -i: total" 60 "$(total /tmp/i.txt)"
buckets /tmp/i.txt | awk '$3 > 0 { k = 0; p = 1; while (p < $2) { p *= 2; k++ } print k, $3 }' >/tmp/ours.b
[ -s /tmp/kernel.b ] || fail "the kernel's histogram is empty"
cmp -s /tmp/kernel.b /tmp/ours.b || fail "buckets differ: kernel $(tr '\n' ' ' </tmp/kernel.b), ours $(tr '\n' ' ' </tmp/ours.b)"
