#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: with tracing unmounted the collector mounts it for the run and unmounts it after; a bad tracing directory or buffer size is a clear error that changes nothing
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/cases/collector_snapshot.sh
SNAPSHOT_ONLY=1 . /drvtrace/tests/cases/collector_snapshot.sh

# tracing_mounts: the tracefs and debugfs mounts, as /proc/mounts lists them.
tracing_mounts() {
	awk '$3 == "tracefs" || $3 == "debugfs" { print $2, $3 }' /proc/mounts
}

# The same without the tracefs the kernel automounts in debugfs whenever
# /sys/kernel/debug/tracing is looked at: for before and after.
lasting_mounts() {
	tracing_mounts | grep -v '^/sys/kernel/debug/tracing '
}

# Put the mounts back as the guest had them, whatever the case did.
remount_all() {
	grep -q ' /sys/kernel/debug debugfs ' /proc/mounts ||
		mount -t debugfs nodev /sys/kernel/debug
	grep -q ' /sys/kernel/tracing tracefs ' /proc/mounts ||
		mount -t tracefs nodev /sys/kernel/tracing
}

load_irqsrc nr_irqs=1 rate_hz=200
trap 'remount_all; drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/before
lasting_mounts >/tmp/mounts.before

# Nothing mounted: the collector mounts tracefs, records, and unmounts it.
tracing_mounts | sort -r | while read -r dir _; do
	umount "$dir" || echo "cannot unmount $dir"
done >/tmp/umount.err
[ -s /tmp/umount.err ] && fail "$(cat /tmp/umount.err)"
[ -z "$(tracing_mounts)" ] || fail "still mounted: $(tracing_mounts)"
drvtrace record -e drvtrace_irqsrc:handler_exit -d 1 -o /tmp/o.txt 2>/tmp/err ||
	fail "record with nothing mounted failed: $(cat /tmp/err)"
grep -q 'tracefs was not mounted: mounted it at /sys/kernel/tracing until the end' /tmp/err ||
	fail "no word of the mount: $(cat /tmp/err)"
[ -z "$(tracing_mounts)" ] || fail "record left mounted: $(tracing_mounts)"
n=$(grep -c ' handler_exit: ' /tmp/o.txt)
[ "$n" -gt 0 ] || fail "no event recorded with tracefs mounted by the collector"
echo "recorded $n handler_exit events through a tracefs mounted for the run"

# The same for status: it looks, and leaves nothing mounted.
drvtrace status >/tmp/o.txt 2>/tmp/err || fail "status with nothing mounted failed: $(cat /tmp/err)"
grep -q '^tracing:   /sys/kernel/tracing$' /tmp/o.txt || fail "status: $(head -n 2 /tmp/o.txt)"
[ -z "$(tracing_mounts)" ] || fail "status left mounted: $(tracing_mounts)"

# Pointed at the unmounted directory: a clear error, nothing mounted.
DRVTRACE_TRACEFS=/sys/kernel/tracing drvtrace record -e drvtrace_irqsrc -d 1 >/dev/null 2>/tmp/err &&
	fail "record into an unmounted DRVTRACE_TRACEFS succeeded"
grep -q "error: DRVTRACE_TRACEFS=/sys/kernel/tracing has no 'trace' file" /tmp/err ||
	fail "unmounted DRVTRACE_TRACEFS: $(cat /tmp/err)"
[ -z "$(tracing_mounts)" ] || fail "a failed record mounted: $(tracing_mounts)"

remount_all
lasting_mounts >/tmp/mounts.after
sort /tmp/mounts.before >/tmp/a
sort /tmp/mounts.after >/tmp/b
cmp -s /tmp/a /tmp/b || fail "mounts differ: $(diff /tmp/a /tmp/b)"
settings_snapshot >/tmp/after
settings_compare /tmp/before /tmp/after "record with tracing unmounted"

# Buffer sizes the kernel refuses, or that are not numbers: clear errors,
# every setting as it was, no instance left.
for kb in 0 -1 1x 99999999999; do
	drvtrace record -b "$kb" -e drvtrace_irqsrc -d 1 >/dev/null 2>/tmp/err &&
		fail "record -b $kb succeeded"
	grep -q "error: .*$kb" /tmp/err || fail "record -b $kb: no clear error: $(cat /tmp/err)"
	echo "-b $kb: $(grep error: /tmp/err | head -n 1)"
	ls -d "$TRACEFS"/instances/drvtrace-* 2>/dev/null && fail "record -b $kb left an instance"
	settings_snapshot >/tmp/after
	settings_compare /tmp/before /tmp/after "record -b $kb"
done
