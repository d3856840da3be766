#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: our debugfs files are root-only, a non-root user gets EACCES, default output shows no raw kernel address, our own code cannot be probed
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all; rm -f /etc/passwd /etc/group' EXIT
load_irqsrc nr_irqs=2 rate_hz=0
insmod "$KO/drvtrace_bench.ko" || fail "insmod drvtrace_bench.ko"
for f in "$DEBUGFS"/*; do
	assert_eq "mode and owner of $f" "600 0 0" "$(stat -c '%a %u %g' "$f")"
done
assert_eq "files checked" 3 "$(find "$DEBUGFS" -type f | wc -l)"

# An unprivileged user, made up for the test.
mkdir -p /etc
echo 'fuzz:x:1000:1000::/tmp:/bin/sh' >/etc/passwd
echo 'fuzz:x:1000:' >/etc/group
for f in "$DEBUGFS"/*; do
	out=$(su fuzz -c "cat $f" 2>&1) && fail "non-root read $f: $out"
	echo "$out" | grep -q 'Permission denied' || fail "non-root read $f: $out"
	out=$(su fuzz -c "echo reset >$f" 2>&1) && fail "non-root wrote $f"
	echo "$out" | grep -q 'Permission denied' || fail "non-root write $f: $out"
done

# Nothing of ours prints an address: handlers are symbols, args are opt-in.
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/setup_irq_entry/enable"
echo 1 >"$TRACEFS/events/drvtrace/setup_irq_exit/enable"
echo 1 >"$TRACEFS/events/drvtrace_irqsrc/enable"
control_cmd "probe irqsrc_handler return"
assert_eq "a conflicting request" "Device or resource busy" "$(write_to "$IRQSRC" 'request 1')"
irqsrc_cmd fire 4
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace
[ "$(grep -c ' setup_irq_entry: ' /tmp/trace)" -ge 1 ] || fail "no setup_irq events"
grep -E '(0x)?ffff[0-9a-f]{12}' /tmp/trace && fail "a kernel address in the default output"

# drvtrace.ko's own code is refused with a clear reason.
for s in drvtrace_kprobe_pre drvtrace_kretprobe_entry drvtrace_cmd_parse drvtrace_control_exec; do
	kmsg_mark
	assert_eq "probe $s" "Invalid argument" "$(write_to "$CONTROL" "probe $s")"
	kmsg_since | grep -q "probe $s: refused as by kprobe_events: notrace, blacklisted, or drvtrace's own" ||
		fail "no reason logged for $s"
done
assert_eq "kprobes on our code" "" "$(kprobes_of 'drvtrace_[a-z_]*')"
