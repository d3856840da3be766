#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace record -o x.dat runs drvtrace-rec: a 16000 IRQ/s storm, our events, the kernel's and a kprobe, all in a trace.dat that trace-cmd report decodes, counts equal to the IRQ source's (its thread's runs under PREEMPT_RT); -r (drvtrace-rec -n) and -T
# requires: trace-cmd
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

[ -x /drvtrace/bin/drvtrace-rec ] || fail "no /drvtrace/bin/drvtrace-rec: build-modules ships it"
tc=$(command -v trace-cmd) || tc=/opt/trace-cmd/trace-cmd
[ -x "$tc" ] || skip "no trace-cmd in this guest to read the trace.dat with"

load_irqsrc nr_irqs=1 rate_hz=0
trap 'echo "rate 0" >"$IRQSRC"; drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT

raised() { awk '!/^#/ { n += $4 } END { print n + 0 }' "$IRQSRC"; }
irq=$(irqsrc_col 0 2)

before=$(raised)
drvtrace record -e drvtrace_irqsrc -e irq:irq_handler_exit -f "irq == $irq" \
	-k 'p:rec_kp irqsrc_handler' -o /tmp/rec.dat -- \
	sh -c "echo 'rate 16000' >$IRQSRC; sleep 1; echo 'rate 0' >$IRQSRC" 2>/tmp/err ||
	fail "record failed: $(cat /tmp/err)"
n=$(($(raised) - before))
echo "$n interrupts raised"
[ "$n" -gt 2000 ] || fail "only $n interrupts raised in 1 s at 16000/s"
grep -q 'lost events: none' /tmp/err || fail "events lost: $(cat /tmp/err)"
grep -q "events (0 marked lost in the pages) to /tmp/rec.dat, a trace.dat" /tmp/err ||
	fail "no 'wrote ... a trace.dat' line: $(cat /tmp/err)"
[ "$(dd if=/tmp/rec.dat bs=1 skip=3 count=7 2>/dev/null)" = tracing ] ||
	fail "/tmp/rec.dat is not a trace.dat"

# Our own count, without trace-cmd.
/drvtrace/bin/drvtrace-rec -c /tmp/rec.dat >/tmp/count || fail "drvtrace-rec -c failed"
cat /tmp/count
count() { awk -v e="$1" '$2 == e { print $1 }' "$2"; }
# The kernel's irq_handler_exit is the hard IRQ: one per interrupt.
assert_eq "irq:irq_handler_exit events counted by drvtrace-rec -c" "$n" \
	"$(count irq:irq_handler_exit /tmp/count)"
# Our handler runs once per interrupt in hard-IRQ context; in a forced
# thread (PREEMPT_RT) once per wake-up, which may claim several.
runs=$n
if [ "$(irqsrc_ctx nr_irqs=1 rate_hz=0)" = thread ]; then
	runs=$(count drvtrace_kp:rec_kp /tmp/count)
	if [ "${runs:-0}" -le 0 ] || [ "$runs" -gt "$n" ]; then
		fail "the thread ran the handler '$runs' times for $n interrupts"
	fi
	echo "the IRQ thread ran the handler $runs times"
fi
for e in drvtrace_irqsrc:handler_entry drvtrace_irqsrc:handler_exit \
	drvtrace_kp:rec_kp; do
	assert_eq "$e events counted by drvtrace-rec -c" "$runs" "$(count "$e" /tmp/count)"
done

# The real consumer: every event decoded, none unparsed.
"$tc" report -i /tmp/rec.dat >/tmp/report 2>/tmp/report.err ||
	fail "trace-cmd report failed: $(cat /tmp/report.err)"
! grep -q 'FAILED TO PARSE' /tmp/report || fail "[FAILED TO PARSE]: $(grep -m 3 'FAILED TO PARSE' /tmp/report)"
for e in handler_entry handler_exit irq_handler_exit rec_kp; do
	c=$(grep -c " $e: " /tmp/report) || :
	echo "trace-cmd report: $c $e"
	want=$runs
	[ "$e" = irq_handler_exit ] && want=$n
	assert_eq "$e events decoded by trace-cmd report" "$want" "$c"
done
grep -m 1 ' handler_exit: ' /tmp/report | grep -q 'ret=handled' ||
	fail "handler_exit not decoded: $(grep -m 1 ' handler_exit: ' /tmp/report)"
addr=$(awk '$3 == "irqsrc_handler" { print $1; exit }' /proc/kallsyms)
# With IBT (Debian's 6.12) a probe at a function sits after its endbr64.
at=$(grep -m 1 ' rec_kp: ' /tmp/report | sed -n 's/.*rec_kp: *(\([0-9a-f]*\)).*/\1/p')
# (Compared in the low 16 bits: ash arithmetic is signed 64-bit.)
off=-1
if [ -n "$at" ] && [ "${at%????}" = "${addr%????}" ]; then
	off=$((0x${at#"${at%????}"} - 0x${addr#"${addr%????}"}))
fi
if [ "$off" -lt 0 ] || [ "$off" -gt 4 ]; then
	fail "the kprobe event is not at irqsrc_handler ($addr): $(grep -m 1 ' rec_kp: ' /tmp/report)"
fi

# report -i reads it through trace-cmd, as the text path's recordings.
drvtrace report -i /tmp/rec.dat >/tmp/rep 2>&1 || fail "report -i failed: $(cat /tmp/rep)"
if command -v trace-cmd >/dev/null; then
	grep -q 'decoded by trace-cmd' /tmp/rep || fail "report -i: $(head -n 3 /tmp/rep)"
else
	# No trace-cmd on PATH (the arm64 guest's is in /opt): drvtrace-rec counts.
	grep -q 'counted by drvtrace-rec' /tmp/rep || fail "report -i: $(head -n 3 /tmp/rep)"
	grep -qx "$runs drvtrace_irqsrc:handler_exit" /tmp/rep || fail "report -i counts: $(cat /tmp/rep)"
fi
# The flight recorder: drvtrace-rec -n reads the buffer after the run.
before=$(raised)
drvtrace record -e drvtrace_irqsrc -r -o /tmp/flight.dat -- sh -c "echo 'fire 100' >$IRQSRC" 2>/tmp/err ||
	fail "record -r -o x.dat failed: $(cat /tmp/err)"
assert_eq "interrupts of the flight recording" 100 $(($(raised) - before))
/drvtrace/bin/drvtrace-rec -c /tmp/flight.dat >/tmp/count || fail "drvtrace-rec -c of the flight recording failed"
assert_eq "handler_exit events of the flight recording" 100 \
	"$(awk '$2 == "drvtrace_irqsrc:handler_exit" { print $1 }' /tmp/count)"

# -T, and a .txt name: text from trace_pipe, as before drvtrace-rec.
drvtrace record -e drvtrace_irqsrc -T -o /tmp/text.dat -- sh -c "echo 'fire 50' >$IRQSRC" 2>/tmp/err ||
	fail "record -T failed: $(cat /tmp/err)"
assert_eq "text handler_exit lines with -T" 50 "$(grep -c ' handler_exit: ' /tmp/text.dat)"
[ ! -e /tmp/drvtrace.lock ] || fail "the lock was left behind"
for i in "$TRACEFS"/instances/drvtrace-*; do
	[ ! -e "$i" ] || fail "the instance $i was left behind"
done
exit 0
