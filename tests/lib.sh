# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# Helpers for the guest test cases in tests/cases/. A case sources this file,
# does its work and exits 0 (pass), through fail() or through skip().

KO=/drvtrace/modules
DEBUGFS=/sys/kernel/debug/drvtrace
IRQSRC=$DEBUGFS/irqsrc
CONTROL=$DEBUGFS/control

if [ -d /sys/kernel/tracing/events ]; then
	TRACEFS=/sys/kernel/tracing
else
	TRACEFS=/sys/kernel/debug/tracing
fi

fail() { echo "FAIL: $*"; exit 1; }

# kmsg_mark puts a unique line in the kernel log; kmsg_since prints what
# was logged after the last mark. Never clear the log (dmesg -c): the
# harness reads it after each case to find splats.
kmsg_seq=0
kmsg_mark() {
	kmsg_seq=$((kmsg_seq + 1))
	kmsg_last="drvtrace-test: mark $$.$kmsg_seq"
	echo "$kmsg_last" >/dev/kmsg
}
kmsg_since() {
	dmesg | sed -n "/ $kmsg_last\$/,\$p" | sed 1d
}
skip() { echo "$*"; exit 77; }

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

load_core() { insmod "$KO/drvtrace.ko" || fail "insmod drvtrace.ko"; }

# load_irqsrc [PARAM=VALUE...]: the core, then the IRQ source.
load_irqsrc() {
	load_core
	insmod "$KO/drvtrace_irqsrc.ko" "$@" || fail "insmod drvtrace_irqsrc.ko $*"
}

# Every drvtrace module, newest first as /proc/modules lists them.
unload_all() {
	awk '$1 ~ /^drvtrace/ { print $1 }' /proc/modules |
		while read -r m; do rmmod "$m"; done
	return 0
}

# Tracing back to the boot state: off, empty, no events, filters or tracer.
trace_reset() {
	echo 0 >"$TRACEFS/tracing_on"
	echo nop >"$TRACEFS/current_tracer"
	echo >"$TRACEFS/set_event"
	for f in "$TRACEFS"/events/*/*/filter; do
		[ -s "$f" ] && ! grep -qx none "$f" && echo 0 >"$f"
	done
	echo >"$TRACEFS/trace"
	echo 1 >"$TRACEFS/tracing_on"
}

# Lines of the ring buffer, comments left out.
trace_lines() { grep -v '^#' "$TRACEFS/trace"; }

# irqsrc_col HWIRQ COLUMN: one column of the IRQ source's status line
# (1 hwirq, 2 irq, 3 name, 4 raised, 5 handled, 6 unhandled).
irqsrc_col() {
	awk -v h="$1" -v c="$2" '!/^#/ && $1 == h { print $c }' "$IRQSRC"
}

# Sum of one column over all lines.
irqsrc_sum() {
	awk -v c="$1" '!/^#/ { s += $c } END { print s + 0 }' "$IRQSRC"
}

# Whether the guest kernel is PREEMPT_RT (6.12 has /sys/kernel/realtime).
# kernel_at_least MAJOR MINOR: whether the running kernel is that or newer.
kernel_at_least() {
	uname -r | awk -F. -v M="$1" -v m="$2" '{ exit !($1 * 256 + $2 >= M * 256 + m) }'
}

is_preempt_rt() {
	[ "$(cat /sys/kernel/realtime 2>/dev/null)" = 1 ] ||
		uname -v | grep -q PREEMPT_RT
}

# irqsrc_ctx [PARAM=VALUE...]: the context the IRQ source's handler runs
# in when loaded with those parameters, as its events print it: "thread"
# where the kernel forces IRQ threading (PREEMPT_RT) unless no_thread=1,
# else "hardirq".
irqsrc_ctx() {
	case " $* " in
	*" no_thread=1 "*|*" no_thread=y "*|*" no_thread=Y "*) echo hardirq ;;
	*) if is_preempt_rt; then echo thread; else echo hardirq; fi ;;
	esac
}

irqsrc_cmd() { echo "$*" >"$IRQSRC" || fail "irqsrc command '$*' failed"; }

# write_to FILE TEXT: write TEXT (printf %b escapes) in one write(2) and
# print "ok" or the error, e.g. "Invalid argument": dd, unlike the shell,
# says why a write failed. dd reads a file, not a pipe, which could hand
# it the text in pieces and so split the write.
write_to() {
	printf '%b' "$2" >/tmp/write_to.in
	if dd if=/tmp/write_to.in of="$1" bs=65536 conv=notrunc 2>/tmp/write_to.err; then
		echo ok
	else
		sed -n 's/.*: \([A-Z][^:]*\)$/\1/p' /tmp/write_to.err | tail -n 1
	fi
}

control_cmd() { echo "$*" >"$CONTROL" || fail "control command '$*' failed"; }

# probe_col SYMBOL COLUMN: one column of a probe's control file line
# (1 symbol, 2 mode, 3 state, 4 hits, 5 returns, 6 missed, 7 args,
# 8 stack, 9 maxactive); empty when the symbol is not armed.
probe_col() {
	awk -v s="$1" -v c="$2" '!/^#/ && $1 == s { print $c }' "$CONTROL"
}

# Our probes the kernel lists as registered.
kprobes_of() {
	grep -E "[[:space:]]($1)\+0x" /sys/kernel/debug/kprobes/list || :
}
