#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: perf records a per-probe event and perf script decodes its typed fields
# requires: perf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

PERF=$(command -v perf) || PERF=/opt/perf/perf
[ -x "$PERF" ] || skip "no perf in this guest"

trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
control_cmd "probe vfs_read count=arg3:u32 comm"
"$PERF" record -q -e drvtrace_probes:vfs_read_entry -e drvtrace_probes:vfs_read_exit \
	--filter 'count == 77' -a -o /tmp/perf.data -- \
	dd if=/proc/version of=/dev/null bs=77 count=1 >/tmp/perf.log 2>&1 ||
	fail "perf record: $(cat /tmp/perf.log)"
"$PERF" script -i /tmp/perf.data >/tmp/script 2>/tmp/script.err ||
	fail "perf script: $(cat /tmp/script.err)"
grep -q 'FAILED TO PARSE' /tmp/script && fail "perf could not parse: $(head -n 3 /tmp/script)"
grep -q 'drvtrace_probes:vfs_read_entry: count=77 comm="dd"$' /tmp/script ||
	fail "perf script: $(head -n 5 /tmp/script)"
grep -q 'drvtrace_probes:vfs_read_exit: ret=77 duration_ns=[1-9][0-9]* count=77 comm="dd"$' /tmp/script ||
	fail "perf script: $(head -n 5 /tmp/script)"
# While perf had it open, the event pinned the module; now it is free.
control_cmd "unprobe vfs_read"
