#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: entry-only, return-only and stack probes emit only what they were asked for
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/enable"
control_cmd "probe do_sys_openat2 entry args=1 stack"
control_cmd "probe vfs_read return"
echo 1 >"$TRACEFS/events/drvtrace_probes/enable"
assert_eq "entry probe" "entry armed 1 1 0" \
	"$(probe_col do_sys_openat2 2) $(probe_col do_sys_openat2 3) $(probe_col do_sys_openat2 7) $(probe_col do_sys_openat2 8) $(probe_col do_sys_openat2 9)"
assert_eq "return probe" "return armed 0 0" \
	"$(probe_col vfs_read 2) $(probe_col vfs_read 3) $(probe_col vfs_read 7) $(probe_col vfs_read 8)"
cat /proc/version >/dev/null
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

grep -q ' func_entry: func=do_sys_openat2 ' /tmp/trace || fail "no entry event"
! grep -q ' func_exit: func=do_sys_openat2 ' /tmp/trace || fail "exit event from an entry-only probe"
grep -q ' func_exit: func=vfs_read ret=[0-9]' /tmp/trace || fail "no exit event"
! grep -q ' func_entry: func=vfs_read ' /tmp/trace || fail "entry event from a return-only probe"
assert_eq "returns of an entry-only probe" 0 "$(probe_col do_sys_openat2 5)"
[ "$(probe_col vfs_read 5)" -gt 0 ] || fail "no vfs_read returns counted"

# The stack is in the probe's own entry event, where that event lands:
# the syscall path under it, and no stack in the top buffer otherwise.
! grep -q '<stack trace>' /tmp/trace || fail "a stack trace outside the probe's event"
awk '/ do_sys_openat2_entry: arg1=/ { n = 1; next }
     n && /^ => / { if ($0 ~ /sys_openat/) ok = 1; next }
     { n = 0 }
     END { exit !ok }' /tmp/trace || fail "no stack with the openat syscall in do_sys_openat2_entry"
[ ! -e "$TRACEFS/events/drvtrace_probes/do_sys_openat2_exit" ] ||
	fail "an entry-only probe has an exit event"
[ ! -e "$TRACEFS/events/drvtrace_probes/vfs_read_entry" ] ||
	fail "a return-only probe has an entry event"

# In an instance of its own: the event and its stack land there only.
inst=$TRACEFS/instances/drvtrace_modes
mkdir "$inst" || fail "mkdir $inst"
trap 'echo 0 >"$inst/events/drvtrace_probes/enable"; rmdir "$inst"; trace_reset; unload_all' EXIT
trace_reset
echo 1 >"$inst/events/drvtrace_probes/do_sys_openat2_entry/enable"
cat /proc/version >/dev/null
echo 0 >"$inst/events/drvtrace_probes/do_sys_openat2_entry/enable"
grep -q ' do_sys_openat2_entry: arg1=' "$inst/trace" || fail "no event in the instance"
grep -q '^ => .*sys_openat' "$inst/trace" || fail "no stack in the instance"
assert_eq "lines in the top buffer" 0 "$(trace_lines | wc -l)"
