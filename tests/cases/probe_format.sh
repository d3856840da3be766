#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace events have typed fields that filters and hist triggers use
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; echo "!hist:keys=ret:vals=hitcount if ret < 0" >"$ev/func_exit/trigger" 2>/dev/null; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
ev=$TRACEFS/events/drvtrace

has() {
	grep -q "$2" "$ev/$1/format" || fail "$1/format lacks '$2'"
}
has setup_irq_entry "field:int irq;"
has setup_irq_entry "field:__data_loc char\[\] name;"
has setup_irq_entry "field:unsigned long flags;"
has setup_irq_entry "field:void \* handler;"
has setup_irq_entry "field:void \* thread_fn;"
has setup_irq_entry '{ 0x00000080, "SHARED" }, { 0x00000100, "PROBE_SHARED" }'
has setup_irq_exit "field:int ret;"
has setup_irq_exit "field:u64 duration_ns;"
has func_entry "field:__data_loc char\[\] func;"
has func_entry "field:unsigned int nr_args;"
has func_entry "field:u64 args\[6\];"
has func_exit "field:long ret;"
has func_exit "field:u64 duration_ns;"

# A filter on a typed field, and a hist trigger keyed on the return value.
trace_reset
control_cmd "probe do_sys_openat2 return"
echo 'ret < 0' >"$ev/func_exit/filter"
echo 'hist:keys=ret:vals=hitcount if ret < 0' >"$ev/func_exit/trigger"
echo 1 >"$ev/func_exit/enable"
cat /nonexistent-a /nonexistent-b 2>/dev/null
cat /proc/version >/dev/null
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace
assert_eq "filtered events" 2 "$(grep -c ' func_exit: func=do_sys_openat2 ret=-2 ' /tmp/trace)"
assert_eq "events the filter let through" 0 "$(grep ' func_exit: ' /tmp/trace | grep -vc 'ret=-2 ')"
# (hist prints the key unsigned: -2 is 2^64 - 2)
grep -q '^{ ret: *18446744073709551614 } hitcount: *2$' "$ev/func_exit/hist" ||
	fail "hist: $(grep -v '^#' "$ev/func_exit/hist")"
grep -q 'Entries: 1$' "$ev/func_exit/hist" || fail "hist: more than one key"
