#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace record stopped by SIGINT, SIGTERM or SIGHUP mid-recording puts back every tracing setting
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

load_irqsrc nr_irqs=2 rate_hz=50
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
# Settings that differ from the defaults, so that "put back" is not "reset".
echo 'irq > 0' >"$TRACEFS/events/drvtrace_irqsrc/handler_exit/filter"
echo 1 >"$TRACEFS/events/sched/sched_switch/enable"
settings_snapshot >/tmp/before

# interrupt SIGNAL STATUS ARGS...: drvtrace record ARGS in the foreground (a
# background job of a script would ignore SIGINT), signalled from the side
# once it says it records.
interrupt() {
	sig=$1 want=$2
	shift 2
	rm -f /tmp/rec.err /tmp/during
	(
		i=0
		until grep -q 'Ctrl-C to stop' /tmp/rec.err 2>/dev/null; do
			i=$((i + 1))
			[ $i -lt 300 ] || exit 1
			sleep 0.1
		done
		sleep 0.5
		settings_snapshot >/tmp/during
		kill "-$sig" "$(cat /tmp/drvtrace.lock)"
	) &
	killer=$!
	rc=0
	drvtrace record "$@" >/tmp/rec.out 2>/tmp/rec.err || rc=$?
	wait $killer || fail "record $* never said it was recording: $(cat /tmp/rec.err)"
	assert_eq "exit status of record $* after SIG$sig" "$want" "$rc"
	cmp -s /tmp/before /tmp/during && fail "record $* changed no setting: the check below would prove nothing"
	settings_snapshot >/tmp/after
	settings_compare /tmp/before /tmp/after "after SIG$sig to record $*"
	[ ! -e /tmp/drvtrace.lock ] || fail "record $* left its lock behind"
	grep -q "caught SIG$sig" /tmp/rec.err || fail "record $* did not say it caught SIG$sig: $(cat /tmp/rec.err)"
	grep -qi 'lost events' /tmp/rec.err || fail "record $* reported no lost events line: $(cat /tmp/rec.err)"
}

# Its own instance: events with a filter, stacks, a kprobe event, the
# function tracer with a filter, an option and the buffer size.
interrupt INT 130 -e drvtrace_irqsrc -f 'hwirq == 0' -s -k 'p:coll_kp __setup_irq' \
	-t function -F irqsrc_handler -O sym-offset -b 256
n=$(grep -c ' handler_exit: .*hwirq=0 ' /tmp/rec.out)
[ "$n" -gt 0 ] || fail "no handler_exit events of hwirq 0 recorded: $(head -n 5 /tmp/rec.out)"
grep -q ' hwirq=1 ' /tmp/rec.out && fail "the filter hwirq == 0 let hwirq 1 through"
grep -q '<stack trace>' /tmp/rec.out || fail "no stack traces recorded with -s"
grep -q 'irqsrc_handler+0x' /tmp/rec.out || fail "the function tracer with sym-offset recorded no irqsrc_handler"

# shellcheck disable=SC2016 # $retval is the kprobe's fetch argument
# The global buffer: function_graph with graph and function filters
# (every function patched stalls a TCG guest), a depth, a return probe, an
# event pid filter and options, in flight-recorder mode.
interrupt INT 130 -G -r -t function_graph -g irqsrc_handler -F 'irqsrc_*' -D 2 -O funcgraph-proc \
	-e drvtrace_irqsrc:handler_exit -f 'hwirq == 1' -s -k 'r:coll_ret __setup_irq ret=$retval' -b 300
grep -q 'irqsrc_handler' /tmp/rec.out || fail "function_graph recorded no irqsrc_handler: $(head -n 5 /tmp/rec.out)"
grep -q 'recording in the global buffer (-G)' /tmp/rec.err || fail "-G did not say it used the global buffer"

interrupt TERM 143 -G -e irq:irq_handler_entry -p 1 -t function -F irqsrc_handler -o /tmp/rec.txt
interrupt HUP 129 -e drvtrace_irqsrc:handler_entry -o /tmp/rec.txt -a
[ -s /tmp/rec.txt ] || fail "-o -a wrote nothing to the file"
cmp -s /tmp/rec.txt /tmp/rec.out || fail "-o -a: the terminal and the file differ"
