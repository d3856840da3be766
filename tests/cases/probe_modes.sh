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

# The stack trace follows the entry event and shows the syscall path.
awk '/ func_entry: func=do_sys_openat2 / { getline; if ($0 ~ /<stack trace>/) ok = 1 }
     END { exit !ok }' /tmp/trace || fail "no stack trace after the entry event"
grep -q '=> .*sys_openat' /tmp/trace || fail "the stack trace lacks the openat syscall"
