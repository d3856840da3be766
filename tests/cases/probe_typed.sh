#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the ftrace how-to's kprobe lines as drvtrace probes: typed fields, strings through dereferences, user strings, returns with their entry's fields, filters and hist triggers on them
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

EV=$TRACEFS/events/drvtrace_probes
cleanup() {
	trace_reset
	for t in "$EV"/*/trigger; do
		[ -f "$t" ] || continue
		grep -v '^#' "$t" | while read -r trig; do
			echo "!${trig%% \[*}" >"$t"
		done
	done
	unload_all
}
trap cleanup EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
trace_reset

# __setup_irq(irq, desc, new): irq, and new's flags and name, counted by
# hand as the how-to does: struct irqaction on 64-bit has flags at 60 and
# name (a char *) at 80 (drvtrace probe with BTF names them instead).
control_cmd "probe __setup_irq irq=arg1:u32 flags=+60(arg3):x32 name=+0(+80(arg3)):string"
# A syscall path: the file name is a user string.
control_cmd "probe do_sys_openat2 fn=+0(arg2):ustring"
# vfs_read(file, buf, count, pos): count as a u32, filtered.
control_cmd "probe vfs_read count=arg3:u32 comm"
# A global: the kernel's banner. Data symbols are in kallsyms only with
# KALLSYMS_ALL (Debian's arm64 kernel has not): there @SYM is ENOENT, as
# for kprobe_events, whose lookup is the same.
if grep -q ' linux_banner$' /proc/kallsyms; then
	control_cmd "probe banner=vfs_read entry ver=@linux_banner:string"
else
	assert_eq "@linux_banner without it in kallsyms" "No such file or directory" \
		"$(write_to "$CONTROL" "probe banner=vfs_read entry ver=@linux_banner:string")"
fi

for e in __setup_irq_entry __setup_irq_exit do_sys_openat2_entry \
	do_sys_openat2_exit vfs_read_entry vfs_read_exit; do
	[ -d "$EV/$e" ] || fail "no event drvtrace_probes/$e"
done
[ ! -e "$EV/banner_exit" ] || fail "an entry-only probe has an exit event"
grep -q 'field:u32 count;' "$EV/vfs_read_entry/format" || fail "count is not a u32"
grep -q 'field:__data_loc char\[\] fn;' "$EV/do_sys_openat2_exit/format" ||
	fail "the exit event lacks the entry's fn"
grep -q 'field:s64 ret;' "$EV/vfs_read_exit/format" || fail "no ret in the exit event"

echo 'count == 123' >"$EV/vfs_read_entry/filter"
echo 'count == 123' >"$EV/vfs_read_exit/filter"
echo 'fn == "/drvtrace-no-such-file"' >"$EV/do_sys_openat2_exit/filter"
echo 'hist:keys=fn:vals=hitcount' >"$EV/do_sys_openat2_entry/trigger"
echo 1 >"$EV/enable"

insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=2 rate_hz=0 irqflags=0x80 ||
	fail "insmod drvtrace_irqsrc.ko"
cat /proc/version >/dev/null
cat /proc/version >/dev/null
cat /drvtrace-no-such-file 2>/dev/null
dd if=/proc/version of=/dev/null bs=123 count=1 2>/dev/null
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

# The IRQ source's two lines, named and flagged as requested (SHARED;
# since 6.9 request_irq() adds IRQF_COND_ONESHOT, 0x200000).
f=0x80
kernel_at_least 6 9 && f=0x200080
for h in 0 1; do
	irq=$(irqsrc_col $h 2)
	grep -q " __setup_irq_entry: irq=$irq flags=$f name=\"drvtrace-irqsrc.$h\"\$" /tmp/trace ||
		fail "no __setup_irq_entry for line $h: $(grep __setup_irq_entry /tmp/trace)"
	grep -q " __setup_irq_exit: ret=0 duration_ns=[1-9][0-9]* irq=$irq flags=$f name=\"drvtrace-irqsrc.$h\"\$" /tmp/trace ||
		fail "no __setup_irq_exit for line $h"
done

grep -q '^ *cat-[0-9]* .* do_sys_openat2_entry: fn="/proc/version"$' /tmp/trace ||
	fail "no open of /proc/version: $(grep do_sys_openat2 /tmp/trace | head -n 3)"
# The exit event, filtered on the file name fetched at entry.
assert_eq "exits of the missing file" 1 "$(grep -c ' do_sys_openat2_exit: ' /tmp/trace)"
grep -q ' do_sys_openat2_exit: ret=-2 duration_ns=[1-9][0-9]* fn="/drvtrace-no-such-file"$' /tmp/trace ||
	fail "the failed open's exit: $(grep do_sys_openat2_exit /tmp/trace)"

assert_eq "filtered vfs_read entries" 1 "$(grep -c ' vfs_read_entry: ' /tmp/trace)"
grep -q '^ *dd-[0-9]* .* vfs_read_entry: count=123 comm="dd"$' /tmp/trace ||
	fail "vfs_read_entry: $(grep vfs_read_entry /tmp/trace)"
grep -q '^ *dd-[0-9]* .* vfs_read_exit: ret=123 duration_ns=[1-9][0-9]* count=123 comm="dd"$' /tmp/trace ||
	fail "vfs_read_exit: $(grep vfs_read_exit /tmp/trace)"

if grep -q ' linux_banner$' /proc/kallsyms; then
	grep -q ' banner_entry: ver="Linux version ' /tmp/trace ||
		fail "@linux_banner: $(grep banner_entry /tmp/trace | head -n 1)"
fi

# Two cats and a dd opened it.
grep -Eq '^\{ fn: /proc/version +\} hitcount: +3$' "$EV/do_sys_openat2_entry/hist" ||
	fail "hist on fn: $(grep 'fn:' "$EV/do_sys_openat2_entry/hist")"

# Every field is listed in the status, with its type.
assert_eq "vfs_read's status fields" "vfs_read count:u32,comm:string" \
	"$(awk '$1 == "vfs_read" && $10 == "vfs_read" { print $10, $11 }' "$CONTROL")"

# Who enables every drvtrace event enables drvtrace:event_registrar too,
# the event whose ->reg() adds and removes the per-probe events: probes
# still come and go, with their events, and it stays enabled.
echo 1 >"$TRACEFS/events/drvtrace/enable"
control_cmd "probe reg_check=vfs_read count=arg3:u32"
for e in reg_check_entry reg_check_exit; do
	[ -d "$EV/$e" ] || fail "with drvtrace:* enabled, no $e for a new probe: $(ls "$EV")"
done
control_cmd "unprobe reg_check"
[ ! -d "$EV/reg_check_entry" ] || fail "with drvtrace:* enabled, a removed probe's events stay"
assert_eq "drvtrace:event_registrar still enabled" 1 \
	"$(cut -c1 "$TRACEFS/events/drvtrace/event_registrar/enable")"
echo 0 >"$TRACEFS/events/drvtrace/enable"
