#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a probe whose fields are all fixed-size writes its record straight into the one listening ring buffer: exact values, filters, a hist trigger, and the same values once a second instance listens
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

EV=$TRACEFS/events/drvtrace_probes
INST=$TRACEFS/instances/drvtrace-in-place
cleanup() {
	[ -d "$INST" ] && {
		echo 0 >"$INST/events/drvtrace_probes/enable"
		rmdir "$INST"
	}
	for e in vfs_read_entry vfs_read_exit; do
		t=$EV/$e/trigger
		[ -f "$t" ] && grep -q '^hist' "$t" && echo '!hist:keys=count' >"$t"
	done
	trace_reset
	unload_all
}
trap cleanup EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
trace_reset

# vfs_read(file, buf, count, pos): nothing but fixed-size fields, so a
# record needs no scratch copy when the top buffer is its only listener.
control_cmd "probe vfs_read count=arg3:u32 pos=+0(arg4):s64"
echo 'count == 77' >"$EV/vfs_read_entry/filter"
echo 'count == 77' >"$EV/vfs_read_exit/filter"
echo 'hist:keys=count' >"$EV/vfs_read_exit/trigger"
echo 1 >"$EV/enable"

# One read of 77 bytes at offset 0, and one of 77 bytes at 77 (skip=1).
dd if=/proc/version of=/dev/null bs=77 count=1 2>/dev/null
dd if=/proc/version of=/dev/null bs=77 skip=1 count=1 2>/dev/null
trace_lines >/tmp/trace
assert_eq "filtered entries" 2 "$(grep -c ' vfs_read_entry: ' /tmp/trace)"
assert_eq "filtered exits" 2 "$(grep -c ' vfs_read_exit: ' /tmp/trace)"
grep -q '^ *dd-[0-9]* .* vfs_read_entry: count=77 pos=0$' /tmp/trace ||
	fail "first entry: $(grep vfs_read_entry /tmp/trace)"
grep -q '^ *dd-[0-9]* .* vfs_read_entry: count=77 pos=77$' /tmp/trace ||
	fail "second entry: $(grep vfs_read_entry /tmp/trace)"
grep -q '^ *dd-[0-9]* .* vfs_read_exit: ret=77 duration_ns=[1-9][0-9]* count=77 pos=0$' /tmp/trace ||
	fail "first exit: $(grep vfs_read_exit /tmp/trace)"
# The exit fields were fetched at entry: pos is the offset before the read.
grep -q '^ *dd-[0-9]* .* vfs_read_exit: ret=77 duration_ns=[1-9][0-9]* count=77 pos=77$' /tmp/trace ||
	fail "second exit: $(grep vfs_read_exit /tmp/trace)"
grep -Eq '^\{ count: +77 \} hitcount: +2$' "$EV/vfs_read_exit/hist" ||
	fail "hist on count: $(grep 'count:' "$EV/vfs_read_exit/hist")"

# A second listener: each buffer gets the same record, through the copy.
mkdir "$INST" || fail "mkdir $INST"
echo 'count == 77' >"$INST/events/drvtrace_probes/vfs_read_entry/filter"
echo 1 >"$INST/events/drvtrace_probes/vfs_read_entry/enable"
echo >"$TRACEFS/trace"
dd if=/proc/version of=/dev/null bs=77 count=1 2>/dev/null
for t in "$TRACEFS/trace" "$INST/trace"; do
	assert_eq "entries in $t" 1 "$(grep -c ' vfs_read_entry: count=77 pos=0$' "$t")"
done
assert_eq "exits in the top buffer" 1 \
	"$(grep -c ' vfs_read_exit: ret=77 duration_ns=[1-9][0-9]* count=77 pos=0$' "$TRACEFS/trace")"
