#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: record -x hands the capture to trace-cmd, which decodes our events; report -i reads its trace.dat; perf list lists them
# requires: trace-cmd perf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

for b in trace-cmd perf; do
	command -v "$b" >/dev/null ||
		skip "no $b in this guest: scripts/guest-run copies the host's amd64 binaries into x86_64 guests only"
done

load_irqsrc nr_irqs=2 rate_hz=0
ctx=$(irqsrc_ctx nr_irqs=2 rate_hz=0)
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/before

drvtrace record -x /tmp/t.dat -e drvtrace_irqsrc -- sh -c "echo 'fire 8' >$IRQSRC; echo 'spurious 2 1' >$IRQSRC" \
	2>/tmp/err || fail "record -x failed: $(cat /tmp/err)"
grep -q 'trace-cmd wrote /tmp/t.dat' /tmp/err || fail "record -x did not say where trace-cmd wrote: $(cat /tmp/err)"
grep -q 'lost events: none' /tmp/err || fail "record -x did not report lost events: $(cat /tmp/err)"
settings_snapshot >/tmp/after
settings_compare /tmp/before /tmp/after "after record -x (trace-cmd extract)"

trace-cmd report -i /tmp/t.dat >/tmp/report.txt 2>/tmp/report.err || fail "trace-cmd report failed: $(cat /tmp/report.err)"
for h in 0 1; do
	irq=$(irqsrc_col "$h" 2)
	n=$(grep -c " handler_entry: *irq=$irq hwirq=$h name=drvtrace-irqsrc.$h ctx=$ctx\$" /tmp/report.txt)
	want=4
	[ "$h" = 0 ] || want=6
	assert_eq "trace-cmd: handler_entry of hwirq $h" "$want" "$n"
	n=$(grep -c " handler_exit: *irq=$irq hwirq=$h name=drvtrace-irqsrc.$h ret=handled duration_ns=[0-9][0-9]* ctx=$ctx\$" /tmp/report.txt)
	assert_eq "trace-cmd: handled handler_exit of hwirq $h" 4 "$n"
done
n=$(grep -c " handler_exit: *irq=$(irqsrc_col 1 2) hwirq=1 name=drvtrace-irqsrc.1 ret=unhandled " /tmp/report.txt)
assert_eq "trace-cmd: ret decoded as unhandled" 2 "$n"

drvtrace report -i /tmp/t.dat >/tmp/r.txt 2>&1 || fail "report -i trace.dat failed: $(cat /tmp/r.txt)"
grep -q '^Report of /tmp/t.dat (trace.dat, decoded by trace-cmd)' /tmp/r.txt || fail "report -i does not say it read a trace.dat"
assert_eq "report -i trace.dat: histogram total" 10 "$(awk '/^total: / { print $2 }' /tmp/r.txt)"
assert_eq "report -i trace.dat: unhandled of hwirq 1" 2 \
	"$(awk -v i="$(irqsrc_col 1 2)" '$1 == i && $3 == "handler_exit" { print $5 }' /tmp/r.txt)"

perf list 'drvtrace_irqsrc:*' >/tmp/perf.txt 2>&1 || fail "perf list failed: $(cat /tmp/perf.txt)"
for e in handler_entry handler_exit; do
	grep -q "drvtrace_irqsrc:$e  *\[Tracepoint event\]" /tmp/perf.txt || fail "perf list lacks drvtrace_irqsrc:$e: $(cat /tmp/perf.txt)"
done
