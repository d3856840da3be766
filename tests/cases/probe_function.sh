#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: a probe armed from the control file pairs entry and return of a syscall path, with args and ret
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

fn=do_sys_openat2
grep -q " $fn\$" /proc/kallsyms || fail "$fn is not in kallsyms on this kernel"
trap 'trace_reset; unload_all' EXIT
insmod "$KO/drvtrace.ko" probes= || fail "insmod drvtrace.ko probes="
assert_eq "probes armed with probes=" "" "$(grep -v '^#' "$CONTROL")"
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/enable"
control_cmd "probe $fn args=2 maxactive=32"
# (hits are left out: opening the control file to read it is a hit)
assert_eq "status" "$fn both armed 0 2 0 32" \
	"$(awk -v f=$fn '$1 == f { print $1, $2, $3, $6, $7, $8, $9 }' "$CONTROL")"

# Two processes on two CPUs open files at the same time: every call must
# still be paired with its own return.
for _ in 1 2; do
	(i=0; while [ $i -lt 50 ]; do cat /proc/version >/dev/null; i=$((i + 1)); done) &
done
wait
cat /nonexistent-drvtrace-file 2>/dev/null
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

entries=$(grep -c " func_entry: func=$fn args={" /tmp/trace)
exits=$(grep -c " func_exit: func=$fn ret=" /tmp/trace)
[ "$entries" -ge 101 ] || fail "only $entries entry events for 101+ opens"
assert_eq "exit events" "$entries" "$exits"
# The counters also saw the opens made after tracing stopped.
[ "$(probe_col $fn 4)" -ge "$entries" ] || fail "hits < $entries"
[ "$(probe_col $fn 5)" -ge "$entries" ] || fail "returns < $entries"

# Per task, entry and exit alternate and durations are positive.
awk '{ task = $1 }
     / func_entry: / { if (open[task]) bad++; open[task] = 1 }
     / func_exit: / { if (!open[task]) bad++; open[task] = 0
		      d = $0; sub(/.*duration_ns=/, "", d); if (d + 0 <= 0) bad++ }
     END { for (t in open) if (open[t]) bad++; exit bad }' /tmp/trace ||
	fail "entry and exit events are not paired per task"

# The first argument is AT_FDCWD (-100 as an int: 0xffffff9c in the low
# 32 bits), the return value the fd or -ENOENT.
n=$(grep -c " func_entry: func=$fn args={0x\(ffffffff\)\?ffffff9c,0x[0-9a-f]*}\$" /tmp/trace)
assert_eq "entries with dfd=AT_FDCWD" "$entries" "$n"
cat_fails=$(grep -c "^ *cat-[0-9]* .* func_exit: func=$fn ret=-2 " /tmp/trace)
assert_eq "the failed open's return" 1 "$cat_fails"
grep -q "^ *cat-[0-9]* .* func_exit: func=$fn ret=3 duration_ns=[1-9]" /tmp/trace ||
	fail "no successful open returning fd 3"
