#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the how-to's net device probe with names (dev->name, dev->state:x64, flags) records loopback going up, down and up
# requires: btf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

# The how-to wrote name=+0(%x0):string state=+64(%x0):x64 by hand.
# Needs typed probes in drvtrace.ko (issue 11): skips until then.
trap 'trace_reset; unload_all; ip link set lo down' EXIT
load_core
drvtrace_probe nic=dev_change_flags entry 'dev->name' 'dev->state:x64' flags
ev=$TRACEFS/events/drvtrace_probes/nic_entry
[ -d "$ev" ] || fail "no $ev after the probe: $(ls "$TRACEFS/events/drvtrace_probes" 2>&1)"
trace_reset
echo 1 >"$ev/enable"
for s in up down up; do
	ip link set lo "$s" || fail "ip link set lo $s"
done
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace
# name "lo"; state: __LINK_STATE_START (bit 0) only while up, PRESENT
# (bit 1) always; flags: IFF_UP (bit 0) asked for by up, not by down.
got=$(sed -n 's/.* nic_entry: .*name="\{0,1\}\([^" ]*\)"\{0,1\} state=\(0x[0-9a-f]*\) flags=\([0-9]*\).*/\1 \2 \3/p' /tmp/trace |
	while read -r name state flags; do
		echo "$name start=$((state & 1)) present=$(((state >> 1) & 1)) up=$((flags & 1))"
	done | tr '\n' ',')
assert_eq "loopback up, down, up (trace: $(cat /tmp/trace))" \
	"lo start=0 present=1 up=1,lo start=1 present=1 up=0,lo start=0 present=1 up=1," "$got"
echo 0 >"$ev/enable"
control_cmd "unprobe nic"
