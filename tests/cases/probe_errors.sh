#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: every bad control write, one line or several, returns its errno, logs at most one line and changes nothing
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap unload_all EXIT
load_core
# A function the test itself never calls, so the counters hold still.
control_cmd "probe irq_domain_remove entry args=2"
before=$(cat "$CONTROL")
list_before=$(cat /sys/kernel/debug/kprobes/list)

einval="Invalid argument"
long=$(printf 'probe %04100d' 0)
# TEXT|EXPECTED, one per line; TEXT takes printf %b escapes.
cases="bogus|$einval
probe|$einval
probe vfs_write sideways|$einval
probe vfs_write args=7|$einval
probe vfs_write args=-1|$einval
probe vfs_write args=1 args=2|$einval
probe vfs_write return args=1|$einval
probe vfs_write return stack|$einval
probe vfs_write entry maxactive=4|$einval
probe vfs_write maxactive=0|$einval
probe vfs_write maxactive=4097|$einval
probe vfs_write entry return|$einval
probe __setup_irq args=1|$einval
probe bad-name!|$einval
probe :vfs_write|$einval
unprobe|$einval
unprobe irq_domain_remove extra|$einval
clear now|$einval
reset 1|$einval
probe vfs_write\\nbogus|$einval
probe vfs_write\\0|$einval
$long|Argument list too long
probe no_such_symbol_drvtrace|No such file or directory
unprobe vfs_write|No such file or directory
probe irq_domain_remove|File exists
probe vfs_write\\nprobe no_such_symbol_drvtrace|No such file or directory
unprobe irq_domain_remove\\nprobe no_such_symbol_drvtrace|No such file or directory
clear\\nreset\\nprobe no_such_symbol_drvtrace|No such file or directory
probe vfs_write\\nprobe vfs_write entry|File exists
probe drvtrace_kprobe_pre|$einval
probe drvtrace_kretprobe_ret|$einval"

echo "$cases" | while IFS='|' read -r text want; do
	kmsg_mark
	got=$(write_to "$CONTROL" "$text")
	assert_eq "'$text'" "$want" "$got"
	n=$(kmsg_since | grep -c '^\[[ 0-9.]*\] drvtrace: ')
	[ "$n" -le 1 ] || fail "'$text' logged $n lines"
	assert_eq "status after '$text'" "$before" "$(cat "$CONTROL")"
	assert_eq "kprobes after '$text'" "$list_before" "$(cat /sys/kernel/debug/kprobes/list)"
done || exit 1

# The first failure of a series names its reason (later ones may be
# ratelimited away).
kmsg_mark
sleep 5
write_to "$CONTROL" 'probe no_such_symbol_drvtrace' >/dev/null
kmsg_since | grep -q 'drvtrace: control line 1: probe no_such_symbol_drvtrace: no such symbol (-2)' ||
	fail "no reason logged: $(kmsg_since | tail -n 2)"
