#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a bad filter, tracer function or kprobe is refused with the kernel's error_log text, and leaves nothing behind
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

load_irqsrc nr_irqs=2 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/before

# refused WHAT PATTERN ARGS...: record ARGS fails, its message matches
# PATTERN, and the settings are as before.
refused() {
	what=$1 pat=$2
	shift 2
	rc=0
	drvtrace record "$@" -d 1 >/tmp/out 2>/tmp/err || rc=$?
	assert_eq "exit status of record with $what" 1 "$rc"
	grep -q "$pat" /tmp/err || fail "record with $what: no '$pat' in: $(cat /tmp/err)"
	grep -q 'fix it and run the command again\|drvtrace: error: .*: ' /tmp/err ||
		fail "record with $what does not say what to do next: $(cat /tmp/err)"
	settings_snapshot >/tmp/after
	settings_compare /tmp/before /tmp/after "after a refused $what"
	[ ! -e /tmp/drvtrace.lock ] || fail "record with $what left its lock behind"
}

# In an instance, the error_log is the instance's own.
refused "bad filter in an instance" 'Invalid value (did you forget quotes)' \
	-e drvtrace_irqsrc -s -e drvtrace_irqsrc:handler_exit -f 'irq ==== 3'
grep -q "the kernel's error_log says:" /tmp/err || fail "no error_log text: $(cat /tmp/err)"
grep -q 'Command: irq ==== 3' /tmp/err || fail "the error_log's command line is missing: $(cat /tmp/err)"
refused "filter on an unknown field" 'Field not found' \
	-e drvtrace_irqsrc:handler_entry -f 'nosuchfield == 1'
refused "bad filter in the global buffer" 'Invalid value (did you forget quotes)' \
	-G -b 200 -O sym-offset -k 'p:coll_bad __setup_irq' -e drvtrace_irqsrc:handler_exit -f 'irq ==== 3'
refused "unknown function" "the function filter 'no_such_function_xyz'" \
	-t function -F no_such_function_xyz
refused "bad kprobe" "the kprobe event" -k 'p:coll_bad no_such_symbol_xyz'
refused "unknown event" "no event matches 'nosuch:event'" -e nosuch:event
refused "unknown option" "no trace option 'bogusoption'" -e irq -O bogusoption
refused "unknown tracer" "unknown tracer 'wakeup_xyz'" -t wakeup_xyz
