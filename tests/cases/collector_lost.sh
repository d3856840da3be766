#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: events lost to a full buffer are reported loudly at the end of a recording, and none are reported when none were lost
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=2 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT

# Flight recorder, 8 KB per CPU: most of 3000 interrupts are overwritten.
drvtrace record -r -b 8 -e drvtrace_irqsrc -o /tmp/o.txt -- sh -c "echo 'fire 3000' >$IRQSRC" 2>/tmp/err ||
	fail "record failed: $(cat /tmp/err)"
grep -q '^drvtrace: \*\*\* LOST EVENTS: [1-9][0-9]* overwritten (overrun), 0 dropped$' /tmp/err ||
	fail "no loud lost-events warning: $(cat /tmp/err)"
grep -q '^    cpu[0-9]* [1-9][0-9]* 0$' /tmp/err || fail "no per-CPU line of what was lost: $(cat /tmp/err)"
grep -q 'give a bigger -b KB' /tmp/err || fail "the warning does not say what to do"
n=$(grep -c ' handler_exit: ' /tmp/o.txt)
[ "$n" -lt 3000 ] || fail "all 3000 exits kept in 8 KB: the overrun was not real"

drvtrace record -b 512 -e drvtrace_irqsrc -o /tmp/o.txt -- sh -c "echo 'fire 50' >$IRQSRC" 2>/tmp/err ||
	fail "record failed: $(cat /tmp/err)"
grep -q '^drvtrace: lost events: none (overrun 0, dropped 0)$' /tmp/err || fail "no quiet lost-events line: $(cat /tmp/err)"
assert_eq "exits streamed" 50 "$(grep -c ' handler_exit: ' /tmp/o.txt)"
