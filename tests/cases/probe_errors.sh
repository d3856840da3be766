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
# The other arch's argument register: refused, naming the portable argN.
case $(uname -m) in
aarch64) foreign_reg=di ;;
*) foreign_reg=x0 ;;
esac
long=$(printf 'probe %04100d' 0)
# TEXT|EXPECTED, one per line; TEXT takes printf %b escapes.
cases="bogus|$einval
probe|$einval
probe vfs_write sideways|$einval
probe vfs_write args=7|$einval
probe vfs_write args=-1|$einval
probe vfs_write args=1 args=2|$einval
probe vfs_write return stack|$einval
probe vfs_write entry maxactive=4|$einval
probe vfs_write maxactive=0|$einval
probe vfs_write maxactive=4097|$einval
probe vfs_write entry return|$einval
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
probe drvtrace_kretprobe_ret|$einval
probe vfs_write+4 return|$einval
probe vfs_write x=arg0|$einval
probe vfs_write x=arg1:u128|$einval
probe vfs_write x=+0(arg1|$einval
probe vfs_write x=+0(comm)|$einval
probe vfs_write x=arg1->f_flags|$einval
probe vfs_write ret=arg1|$einval
probe vfs_write x=arg1 x=arg2|$einval
probe vfs_write entry r=retval|$einval
probe vfs_write x=%$foreign_reg|$einval
probe vfs_write x=@no_such_symbol_drvtrace|No such file or directory
probe ktime_get_mono_fast_ns|$einval
probe vfs_write\\nprobe vfs_write x=bogus|$einval"

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
kmsg_since | grep -q 'drvtrace: control line 1: probe no_such_symbol_drvtrace: no such symbol (.*) (-2)' ||
	fail "no reason logged: $(kmsg_since | tail -n 2)"

# A bad fetch names its token, and what to write instead.
kmsg_mark
sleep 5
write_to "$CONTROL" "probe vfs_write x=%$foreign_reg" >/dev/null
kmsg_since | grep -q "drvtrace: control line 1: %$foreign_reg: not a register here; arg1 is the portable spelling" ||
	fail "no reason logged for %$foreign_reg: $(kmsg_since | tail -n 2)"
kmsg_mark
sleep 5
write_to "$CONTROL" "probe vfs_write x=arg1:u128" >/dev/null
kmsg_since | grep -q "drvtrace: control line 1: u128: unknown type" ||
	fail "no reason logged for u128: $(kmsg_since | tail -n 2)"
