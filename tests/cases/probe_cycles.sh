#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: 10 cycles of load, arm, fire, unload are clean and leave nothing behind
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all' EXIT
trace_reset
for i in 1 2 3 4 5 6 7 8 9 10; do
	load_core
	echo 1 >"$TRACEFS/events/drvtrace/enable"
	echo 1 >"$TRACEFS/events/drvtrace_irqsrc/enable"
	control_cmd "probe vfs_read args=3"
	insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=2 rate_hz=1000 || fail "cycle $i: insmod irqsrc"
	irqsrc_cmd fire 100
	cat /proc/version >/dev/null
	assert_eq "cycle $i: __setup_irq hits" 2 "$(probe_col __setup_irq 4)"
	[ "$(probe_col vfs_read 5)" -gt 0 ] || fail "cycle $i: no vfs_read returns"
	unload_all
	[ ! -e "$DEBUGFS" ] || fail "cycle $i: $DEBUGFS left behind"
	[ ! -e "$TRACEFS/events/drvtrace" ] || fail "cycle $i: events left behind"
	assert_eq "cycle $i: kprobes left" "" "$(kprobes_of '__setup_irq|vfs_read')"
done
