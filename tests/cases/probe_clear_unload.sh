#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: clear disarms every probe and unloading with probes armed leaves none in kprobes/list
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap unload_all EXIT
ours='__setup_irq|vfs_read|vfs_write|do_sys_openat2'
[ -z "$(kprobes_of "$ours")" ] || fail "probes listed before the test"

load_core
control_cmd "probe vfs_read
probe vfs_write entry
probe do_sys_openat2 return"
assert_eq "probes listed" 4 "$(kprobes_of "$ours" | wc -l)"
control_cmd clear
assert_eq "status after clear" "" "$(grep -v '^#' "$CONTROL")"
assert_eq "probes listed after clear" "" "$(kprobes_of "$ours")"

control_cmd "probe vfs_read"
cat /proc/version >/dev/null
rmmod drvtrace
assert_eq "probes listed after unload" "" "$(kprobes_of "$ours")"
