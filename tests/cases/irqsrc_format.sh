#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: events/drvtrace_irqsrc/*/format lists every typed field and the print format
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc rate_hz=0
trap unload_all EXIT
ev=$TRACEFS/events/drvtrace_irqsrc

has() {
	grep -q "$2" "$ev/$1/format" || fail "$1/format lacks '$2'"
}
for e in handler_entry handler_exit; do
	has $e "field:int irq;"
	has $e "field:unsigned long hwirq;"
	has $e "field:__data_loc char\[\] name;"
done
has handler_exit "field:int ret;"
has handler_exit "field:u64 duration_ns;"
has handler_exit '__print_symbolic(REC->ret, { 0, "unhandled" }, { 1, "handled" }, { 2, "wake_thread" })'
has handler_exit "field:u8 thread;"
has handler_entry "field:u8 thread;"
has handler_entry 'print fmt: "irq=%d hwirq=%lu name=%s ctx=%s"'
has handler_entry '__print_symbolic(REC->thread, { 0, "hardirq" }, { 1, "thread" })'
