#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: 4 writers arming and disarming while probes fire and a reader reads end in a consistent state
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all' EXIT
load_irqsrc nr_irqs=2 rate_hz=2000
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/enable"

# Writers 1 and 2 fight over the same symbols, 3 and 4 have their own.
writer() {
	i=0
	while [ $i -lt 20 ]; do
		for s in "$@"; do
			echo "probe $s args=2" >"$CONTROL" 2>/dev/null
			cat /proc/version >/dev/null
			echo "unprobe $s" >"$CONTROL" 2>/dev/null
		done
		i=$((i + 1))
	done
}
writer vfs_read irqsrc_handler &
writer irqsrc_handler vfs_read &
writer do_sys_openat2 &
writer ksys_write &
i=0
while [ $i -lt 100 ]; do
	cat "$CONTROL" >/dev/null || fail "reading the control file failed"
	i=$((i + 1))
done
wait

# Every writer ends with unprobe, so only the load-time probe is left.
assert_eq "probes left" "__setup_irq" "$(grep -v '^#' "$CONTROL" | cut -d' ' -f1)"
assert_eq "kprobes left" "" "$(kprobes_of 'vfs_read|irqsrc_handler|do_sys_openat2|ksys_write')"
control_cmd "probe vfs_read"
assert_eq "a probe after the storm" "vfs_read both armed" \
	"$(probe_col vfs_read 1) $(probe_col vfs_read 2) $(probe_col vfs_read 3)"
