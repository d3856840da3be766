#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: entry and return probes on timekeeping, printk, ring buffer, scheduler and IRQ entry functions either record with the kernel alive or are refused with a clear errno
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

EV=$TRACEFS/events/drvtrace_probes
trap 'trace_reset; unload_all' EXIT
load_irqsrc nr_irqs=2 rate_hz=200
trace_reset

# Functions where a careless handler hangs or recurses: the timekeeping
# seqcount writer and its readers, printk and the console, the ring buffer
# our own events go through, the scheduler's hot path, the IRQ entry path.
funcs="timekeeping_update timekeeping_advance ktime_get ktime_get_mono_fast_ns
	ktime_get_real_ts64 vprintk_emit console_unlock
	ring_buffer_lock_reserve rb_commit trace_event_buffer_commit
	schedule try_to_wake_up update_curr pick_next_task_fair
	handle_irq_event generic_handle_irq irq_enter_rcu handle_edge_irq
	exc_nmi default_do_nmi"
# Each outcome goes to the kernel log too, so a run's console shows them.
say() { echo "$*"; echo "drvtrace-test: hazard: $*" >/dev/kmsg; }
armed=0 recorded=0
for f in $funcs; do
	grep -q " $f\$" /proc/kallsyms || { say "$f: not in this kernel"; continue; }
	for mode in entry return; do
		out=$(write_to "$CONTROL" "probe h=$f $mode")
		if [ "$out" != ok ]; then
			say "$f $mode: refused: $out"
			case $out in
			"Invalid argument"|"No such file or directory"|"Operation not permitted") ;;
			*) fail "$f $mode: unexpected error '$out'" ;;
			esac
			continue
		fi
		echo 1 >"$EV/enable"
		# Work that reaches each of them: a timer tick, a printk,
		# interrupts, a wakeup, events into the ring buffer.
		echo "drvtrace-test: hazard: $f $mode armed" >/dev/kmsg
		irqsrc_cmd fire 20
		sleep 1
		echo 0 >"$EV/enable"
		hits=$(probe_col "$f" 4)
		n=$(trace_lines | grep -c " h_\(entry\|exit\):")
		say "$f $mode: armed, $hits hits, $n events"
		[ "$n" -eq 0 ] || recorded=$((recorded + 1))
		control_cmd "unprobe h"
		echo >"$TRACEFS/trace"
		armed=$((armed + 1))
	done
done
# Alive: a clock that moves and a shell that answers.
t1=$(cut -d' ' -f1 /proc/uptime)
sleep 1
t2=$(cut -d' ' -f1 /proc/uptime)
[ "$(echo "$t1 $t2" | awk '{ print ($2 > $1) }')" = 1 ] || fail "the clock stands still"
[ "$armed" -ge 10 ] || fail "only $armed of the hazardous probes could be armed"
[ "$recorded" -ge 5 ] || fail "only $recorded of the armed probes recorded events"
