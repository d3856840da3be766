#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: trace-cmd report decodes every drvtrace event, the decoded __setup_irq ones, func_entry/exit and per-probe events of every type, with no parse failure
# requires: trace-cmd
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

TRACE_CMD=$(command -v trace-cmd) || TRACE_CMD=/opt/trace-cmd/trace-cmd
[ -x "$TRACE_CMD" ] ||
	skip "no trace-cmd in this guest (scripts/setup-deps fetches the arm64 one; guest-run copies it)"

EV=$TRACEFS/events/drvtrace_probes
# Lines without the task, CPU, flags and time columns (kernel, trace-cmd).
strip() { sed -E 's/^[^]]*\] [^ ]+ +[0-9]+\.[0-9]+: //'; }
strip_report() { sed -E 's/^[^]]*\] +[0-9]+\.[0-9]+: +//; s/^([a-z_0-9]+:) +/\1 /'; }

trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" || fail "insmod drvtrace.ko"
trace_reset
# Every type on one event, from AT_FDCWD (-100, an int: the upper half of
# its register is zero) and the user's file name.
control_cmd "probe t=do_sys_openat2 a=arg1:u8 b=arg1:u16 c=arg1:u32 d=arg1:u64 e=arg1:s8 f=arg1:s16 g=arg1:s32 h=arg1:s64 i=arg1:x8 j=arg1:x16 k=arg1:x32 l=arg1:x64 fn=+0(arg2):ustring cm=comm r=retval:s32"
# A symbol (the handler being installed) and a stack.
control_cmd "probe s=__setup_irq entry handler=+0(arg3):symbol name=+0(+80(arg3)):string"
control_cmd "probe st=vfs_read entry stack"
control_cmd "probe do_sys_openat2 args=2"
echo 1 >"$TRACEFS/events/drvtrace/enable"
echo 1 >"$EV/enable"
echo 'comm == "cat"' >"$EV/t_entry/filter"
echo 'comm == "cat"' >"$EV/t_exit/filter"
echo 'comm == "dd"' >"$EV/st_entry/filter"

insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=1 rate_hz=0 || fail "insmod drvtrace_irqsrc.ko"
cat /proc/version >/dev/null
dd if=/proc/version of=/dev/null bs=64 count=1 2>/dev/null
echo 0 >"$TRACEFS/tracing_on"

trace_lines >/tmp/kernel
"$TRACE_CMD" extract -o /tmp/trace.dat >/tmp/extract.log 2>&1 ||
	fail "trace-cmd extract: $(cat /tmp/extract.log)"
"$TRACE_CMD" report -i /tmp/trace.dat >/tmp/report 2>/tmp/report.err ||
	fail "trace-cmd report: $(cat /tmp/report.err)"
grep -q 'FAILED TO PARSE' /tmp/report &&
	fail "trace-cmd could not parse: $(grep 'FAILED TO PARSE' /tmp/report | head -n 1)"

strip_report </tmp/report >/tmp/report.s
for e in setup_irq_entry setup_irq_exit func_entry func_exit t_entry t_exit s_entry st_entry; do
	grep -q "^$e: " /tmp/report.s || fail "trace-cmd report has no $e"
done

# The upper half of an int argument's register: zero on x86_64, the sign
# on arm64.
case $(uname -m) in
aarch64) wide='d=18446744073709551516 e=-100 f=-100 g=-100 h=-100 i=0x9c j=0xff9c k=0xffffff9c l=0xffffffffffffff9c' ;;
*) wide='d=4294967196 e=-100 f=-100 g=-100 h=4294967196 i=0x9c j=0xff9c k=0xffffff9c l=0xffffff9c' ;;
esac
want="t_entry: a=156 b=65436 c=4294967196 $wide fn=\"/proc/version\" cm=\"cat\""
strip </tmp/kernel | grep -qxF "$want" || fail "the kernel's t_entry: $(grep t_entry /tmp/kernel)"
strip_report </tmp/report | grep -qxF "$want" ||
	fail "trace-cmd's t_entry: $(grep t_entry /tmp/report)"
# Typed exit lines read the same in both.
strip </tmp/kernel | grep '^t_exit: ' >/tmp/k_exit
strip_report </tmp/report | grep '^t_exit: ' >/tmp/r_exit
[ -s /tmp/k_exit ] || fail "no t_exit in the kernel's trace"
diff /tmp/k_exit /tmp/r_exit || fail "t_exit decoded differently (- kernel, + trace-cmd)"
grep -q '^t_exit: ret=3 duration_ns=[1-9][0-9]* a=156 .* fn="/proc/version" cm="cat" r=3$' /tmp/k_exit ||
	fail "t_exit: $(cat /tmp/k_exit)"
# A symbol: the kernel says irqsrc_handler+0x0/..., trace-cmd the name.
grep -q '^s_entry: handler=irqsrc_handler' /tmp/report.s ||
	fail "trace-cmd's s_entry: $(grep s_entry /tmp/report)"
grep -q 's_entry: handler=irqsrc_handler+0x0/0x[0-9a-f]* \[drvtrace_irqsrc\] name="drvtrace-irqsrc.0"$' /tmp/kernel ||
	fail "the kernel's s_entry: $(grep s_entry /tmp/kernel)"
# A stack: frames by name in the kernel's text, addresses in trace-cmd's.
grep -A32 ' st_entry:' /tmp/kernel | grep -q '=> .*sys_read' ||
	fail "the kernel's st_entry has no sys_read frame: $(grep -A4 st_entry /tmp/kernel | head -n 6)"
grep -q '^st_entry: stack=.\?[0-9]' /tmp/report.s ||
	fail "trace-cmd's st_entry: $(grep st_entry /tmp/report)"
# The old shared events decode too (func_entry used sizeof in its format).
grep -q '^func_entry: func=do_sys_openat2 args=' /tmp/report.s ||
	fail "trace-cmd's func_entry: $(grep func_entry /tmp/report | head -n 1)"
