#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace load, status, unload and -h on every subcommand; bad usage says what to do next
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'drvtrace unload >/dev/null 2>&1; unload_all' EXIT

for c in load unload status record report reset; do
	drvtrace "$c" -h >/tmp/h.txt 2>&1 || fail "drvtrace $c -h failed"
	grep -q "^usage: drvtrace $c" /tmp/h.txt || fail "drvtrace $c -h shows no usage: $(head -n 2 /tmp/h.txt)"
	rc=0
	drvtrace "$c" -Z >/dev/null 2>&1 || rc=$?
	assert_eq "exit status of drvtrace $c -Z" 2 "$rc"
done
drvtrace -h | grep -q '^usage: drvtrace COMMAND' || fail "drvtrace -h shows no usage"
rc=0
drvtrace frobnicate 2>/tmp/e.txt || rc=$?
assert_eq "exit status of an unknown command" 1 "$rc"
grep -q "unknown command 'frobnicate'" /tmp/e.txt || fail "unknown command not named: $(cat /tmp/e.txt)"

rc=0
drvtrace record -f 'irq == 1' 2>/tmp/e.txt || rc=$?
assert_eq "exit status of -f without -e" 1 "$rc"
grep -q 'give -e EVENT first' /tmp/e.txt || fail "-f without -e: $(cat /tmp/e.txt)"
rc=0
drvtrace record 2>/tmp/e.txt || rc=$?
grep -q 'nothing to record: give -e EVENT' /tmp/e.txt || fail "record with nothing: $(cat /tmp/e.txt)"
rc=0
drvtrace load -m /nonexistent 2>/tmp/e.txt || rc=$?
assert_eq "exit status of load -m /nonexistent" 1 "$rc"
grep -q 'no drvtrace.ko in /nonexistent' /tmp/e.txt || fail "load -m: $(cat /tmp/e.txt)"
rc=0
drvtrace report 2>/tmp/e.txt || rc=$?
grep -q 'no drvtrace_irqsrc events: load the IRQ source first' /tmp/e.txt || fail "report without the module: $(cat /tmp/e.txt)"

# load finds the modules in /drvtrace/modules, with parameters.
drvtrace load nr_irqs=2 rate_hz=0 >/tmp/o.txt || fail "load failed"
grep -q '^drvtrace_irqsrc: loaded with nr_irqs=2 rate_hz=0' /tmp/o.txt || fail "load output: $(cat /tmp/o.txt)"
assert_eq "nr_irqs as loaded" 2 "$(grep -c drvtrace-irqsrc /proc/interrupts)"
drvtrace load >/tmp/o.txt || fail "a second load failed"
grep -q 'drvtrace_irqsrc: loaded already' /tmp/o.txt || fail "a second load: $(cat /tmp/o.txt)"
rc=0
drvtrace load nr_irqs=3 >/dev/null 2>/tmp/e.txt || rc=$?
grep -q "loaded already, so 'nr_irqs=3' cannot be applied: 'drvtrace unload' first" /tmp/e.txt ||
	fail "load with parameters over a loaded module: $(cat /tmp/e.txt)"
rc=0
drvtrace unload >/dev/null && drvtrace load -m /drvtrace/modules nr_irqs=two >/dev/null 2>/tmp/e.txt || rc=$?
assert_eq "exit status of load with a bad parameter value" 1 "$rc"
grep -q 'check the parameters' /tmp/e.txt || fail "bad parameter: $(cat /tmp/e.txt)"
DRVTRACE_MODULES=/drvtrace/modules drvtrace load nr_irqs=2 rate_hz=0 >/dev/null || fail "load with DRVTRACE_MODULES failed"

echo 'fire 4' >"$IRQSRC"
echo 1 >"$TRACEFS/events/drvtrace_irqsrc/handler_exit/enable"
drvtrace status >/tmp/s.txt 2>&1 || fail "status failed"
echo 0 >"$TRACEFS/events/drvtrace_irqsrc/handler_exit/enable"
grep -q '^modules:   drvtrace drvtrace_irqsrc$' /tmp/s.txt || fail "status: modules: $(cat /tmp/s.txt)"
grep -q '^    0 [0-9]* drvtrace-irqsrc.0 2 2 0$' /tmp/s.txt || fail "status: irqsrc counters: $(cat /tmp/s.txt)"
grep -q '^    drvtrace_irqsrc:handler_exit$' /tmp/s.txt || fail "status: enabled events: $(cat /tmp/s.txt)"
grep -q "^tracer:    $(cat "$TRACEFS/current_tracer"), tracing_on" /tmp/s.txt || fail "status: tracer: $(cat /tmp/s.txt)"
grep -q '^buffer:    [0-9]' /tmp/s.txt || fail "status: buffer: $(cat /tmp/s.txt)"
grep -q '^lost:      overrun [0-9]*, dropped [0-9]*' /tmp/s.txt || fail "status: lost: $(cat /tmp/s.txt)"
grep -q '^lock:      free' /tmp/s.txt || fail "status: lock: $(cat /tmp/s.txt)"
if [ -r "$DEBUGFS/control" ]; then
	grep -q '^probes:$' /tmp/s.txt || fail "status: no probes: $(cat /tmp/s.txt)"
	grep -q '^    # symbol mode state hits' /tmp/s.txt || fail "status: no probe table: $(cat /tmp/s.txt)"
fi

# The tracing directory from /proc/mounts: with tracefs unmounted, the one
# under debugfs; DRVTRACE_TRACEFS wins over both.
if [ "$TRACEFS" = /sys/kernel/tracing ]; then
	umount /sys/kernel/tracing || fail "cannot unmount tracefs for the test"
	drvtrace status >/tmp/s.txt 2>&1
	mount -t tracefs nodev /sys/kernel/tracing || fail "cannot mount tracefs again"
	grep -q '^tracing:   /sys/kernel/debug/tracing$' /tmp/s.txt || fail "status without tracefs mounted: $(head -n 3 /tmp/s.txt)"
fi
DRVTRACE_TRACEFS=/nonexistent drvtrace status >/dev/null 2>/tmp/e.txt && fail "status with a bad DRVTRACE_TRACEFS succeeded"
grep -q 'DRVTRACE_TRACEFS=/nonexistent has no' /tmp/e.txt || fail "bad DRVTRACE_TRACEFS: $(cat /tmp/e.txt)"

drvtrace unload >/tmp/o.txt || fail "unload failed"
grep -q '^drvtrace_irqsrc: unloaded' /tmp/o.txt || fail "unload output: $(cat /tmp/o.txt)"
grep -q '^drvtrace' /proc/modules && fail "unload left a module loaded"
drvtrace unload || fail "unload with nothing loaded failed"
