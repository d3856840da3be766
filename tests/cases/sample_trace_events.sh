#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the tracepoint template records every TRACE_EVENT form with exact fields, and its format files are complete
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

EV=$TRACEFS/events/drvtrace_sample
REQ=/sys/kernel/debug/drvtrace_sample/request

# The ring buffer's lines without the task, CPU, flags and time columns.
messages() { trace_lines | sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //'; }

request() { echo "$1" >"$REQ"; }

insmod "$KO/drvtrace_sample.ko" || fail "insmod drvtrace_sample.ko"
trap 'trace_reset; rmmod drvtrace_sample' EXIT
trace_reset
for e in io_entry io_exit xfer error; do
	echo 1 >"$EV/drvtrace_sample_$e/enable"
done

request 'write 2' || fail "'write 2' failed"
request 'read 0' || fail "'read 0' failed"
request 'flush 0' || fail "'flush 0' failed"
# The device refuses more than 4 words: EMSGSIZE, ret=-90.
request 'write 5' 2>/dev/null && fail "'write 5' was accepted"
# Malformed requests never reach the device: no events.
request 'bogus 1' 2>/dev/null && fail "'bogus 1' was accepted"
request 'read 9' 2>/dev/null && fail "'read 9' was accepted"
echo 0 >"$TRACEFS/tracing_on"
messages >/tmp/got

cat >/tmp/want <<'LINES'
drvtrace_sample_io_entry: id=1 cmd=write
drvtrace_sample_xfer: dev=drvtrace_sample0 id=1 cmd=write flags=DATA|WRITE cdb=2a 02 01 00 data={0x100,0x101} lanes=00000000,00000003
drvtrace_sample_io_exit: id=1 cmd=write ret=0
drvtrace_sample_io_entry: id=2 cmd=read
drvtrace_sample_xfer: dev=drvtrace_sample0 id=2 cmd=read flags= cdb=28 00 02 00 data={} lanes=00000000,00000000
drvtrace_sample_io_exit: id=2 cmd=read ret=0
drvtrace_sample_io_entry: id=3 cmd=flush
drvtrace_sample_xfer: dev=drvtrace_sample0 id=3 cmd=flush flags=SYNC cdb=35 00 03 00 data={} lanes=00000000,00000000
drvtrace_sample_io_exit: id=3 cmd=flush ret=0
drvtrace_sample_io_entry: id=4 cmd=write
drvtrace_sample_xfer: dev=drvtrace_sample0 id=4 cmd=write flags=DATA|WRITE cdb=2a 05 04 00 data={0x400,0x401,0x402,0x403,0x404} lanes=00000000,0000001f
drvtrace_sample_io_exit: id=4 cmd=write ret=-90
drvtrace_sample_error: id=4 ret=-90
LINES
diff /tmp/want /tmp/got || fail "the ring buffer differs from the expected lines (- expected, + got)"

# TRACE_EVENT_FN: enabling the stats event starts the driver's worker
# (the reg function), disabling it stops the worker (unreg).
trace_reset
echo 1 >"$EV/drvtrace_sample_stats/enable"
sleep 1
echo 0 >"$EV/drvtrace_sample_stats/enable"
n=$(messages | grep -c '^drvtrace_sample_stats: requests=4 errors=1$')
[ "$n" -ge 3 ] || fail "$n stats events in 1 s at 10 Hz"
other=$(messages | grep -vc '^drvtrace_sample_stats: requests=4 errors=1$')
assert_eq "other lines while only stats was enabled" 0 "$other"
sleep 0.3
assert_eq "stats events after disabling (the worker did not stop)" "$n" \
	"$(messages | grep -c '^drvtrace_sample_stats: ')"

# The format files: every field, enums resolved to numbers (so user space
# can decode __print_symbolic), macros expanded in __print_flags.
f=$EV/drvtrace_sample_xfer/format
for want in 'name: drvtrace_sample_xfer' 'ID: [0-9][0-9]*' \
	'field:__data_loc char\[\] dev;.*size:4;' \
	'field:unsigned int id;.*size:4;' 'field:int cmd;.*size:4;' \
	'field:unsigned long flags;.*size:8;' 'field:u8 cdb\[4\];.*size:4;' \
	'field:__data_loc u32\[\] data;' \
	'field:__data_loc unsigned long\[\] lanes;' \
	'__print_symbolic(REC->cmd, { 0, "read" }, { 1, "write" }, { 2, "flush" })' \
	'__print_flags(REC->flags, "|", { 0x1, "DATA" }, { 0x2, "WRITE" }, { 0x4, "SYNC" })' \
	'__print_hex(REC->cdb, 4)' '__print_array(__get_dynamic_array(data)' \
	'__get_bitmask(lanes)$'; do
	grep -q "$want" "$f" || fail "$f lacks '$want'"
done
for e in io_entry io_exit; do
	f=$EV/drvtrace_sample_$e/format
	for want in 'field:unsigned int id;' 'field:int cmd;' 'field:int ret;' \
		'{ 0, "read" }, { 1, "write" }, { 2, "flush" }'; do
		grep -q "$want" "$f" || fail "$f lacks '$want'"
	done
done
for want in 'error:field:unsigned int id;' 'error:field:int ret;' \
	'stats:field:unsigned int requests;' 'stats:field:unsigned int errors;'; do
	f=$EV/drvtrace_sample_${want%%:*}/format
	grep -q "${want#*:}" "$f" || fail "$f lacks '${want#*:}'"
done
grep -q 'print fmt: "id=%u cmd=%s", ' "$EV/drvtrace_sample_io_entry/format" ||
	fail "io_entry does not print with its own format"
grep -q 'print fmt: "id=%u ret=%d", REC->id, REC->ret$' \
	"$EV/drvtrace_sample_error/format" || fail "error event format"
grep -q 'print fmt: "requests=%u errors=%u", REC->requests, REC->errors$' \
	"$EV/drvtrace_sample_stats/format" || fail "stats event format"
if grep -l 'DRVTRACE_SAMPLE_' "$EV"/*/format; then
	fail "a format file names an enum user space cannot resolve"
fi
