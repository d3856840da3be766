#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a driver written by scripts/new-tracepoints (mydrv) loads and records its events, as the README shows
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# scripts/build-modules ran `scripts/new-tracepoints mydrv DIR` and built
# DIR with its own Makefile; these are the README's guest steps.
insmod "$KO/mydrv.ko" || fail "insmod mydrv.ko (from scripts/new-tracepoints)"
trap 'trace_reset; rmmod mydrv' EXIT
trace_reset
echo 1 >"$TRACEFS/events/mydrv/enable"
echo 'write 2' >/sys/kernel/debug/mydrv/request || fail "'write 2' failed"
echo 0 >"$TRACEFS/events/mydrv/enable"
echo 0 >"$TRACEFS/tracing_on"
trace_lines | sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //' >/tmp/got

cat >/tmp/want <<'LINES'
mydrv_io_entry: id=1 cmd=write
mydrv_xfer: dev=mydrv0 id=1 cmd=write flags=DATA|WRITE cdb=2a 02 01 00 data={0x100,0x101} lanes=00000000,00000003
mydrv_io_exit: id=1 cmd=write ret=0
LINES
# The stats event was enabled too (events/mydrv/enable): its worker may
# have reported before the request, which is not what this case checks.
grep -v '^mydrv_stats: ' /tmp/got | diff /tmp/want - ||
	fail "mydrv's events differ from the README's (- expected, + got)"
for e in xfer io_entry io_exit error stats; do
	[ -f "$TRACEFS/events/mydrv/mydrv_$e/format" ] || fail "no event mydrv_$e"
done
if grep -rl 'drvtrace_sample' "$TRACEFS"/events/mydrv/*/format; then
	fail "the generator left the template's name in an event"
fi
