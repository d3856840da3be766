#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace report -s: folded stacks from a stacktrace hist trigger, on our event (by hits and by duration_ns) and on a kprobe; their counts equal the interrupts raised; scripts/flamegraph draws them
# requires: hist_triggers
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

grep -q 'hist trigger' "$TRACEFS/README" 2>/dev/null || skip "no hist triggers (CONFIG_HIST_TRIGGERS)"
load_irqsrc nr_irqs=2 rate_hz=0
trap 'drvtrace reset -f >/dev/null 2>&1; unload_all' EXIT

fire="echo 'fire 400' >$IRQSRC"

# By hits: every stack ends in irqsrc_handler, the sum is the interrupts.
drvtrace report -s drvtrace_irqsrc:handler_exit -- sh -c "$fire" >/tmp/hits 2>/tmp/err ||
	fail "report -s failed: $(cat /tmp/err)"
cat /tmp/hits
[ -s /tmp/hits ] || fail "no folded stacks: $(cat /tmp/err)"
awk 'NF < 2 || $NF !~ /^[0-9]+$/ || $1 ~ /\+0x/ { bad = 1 } END { exit bad }' /tmp/hits ||
	fail "not folded 'a;b;c COUNT' lines without offsets"
# The leaf is where the tracepoint fired: irqsrc_handler, or on 6.1
# (both arches) its caller, the stacktrace key skipping one frame more.
# The kernel keeps 16 frames of a stack (HIST_STACKTRACE_DEPTH), so the
# root is not always a syscall or an interrupt entry.
# Where PREEMPT_RT forces the handler into the line's thread, the stack
# is that thread's, from irq_thread() through irq_forced_thread_fn().
ctx=$(irqsrc_ctx nr_irqs=2 rate_hz=0)
if [ "$ctx" = thread ]; then
	path='(^|;)kthread;irq_thread;irq_forced_thread_fn(;irqsrc_handler)?$'
	leaves='irqsrc_handler irq_forced_thread_fn'
else
	path='(^|;)irqsrc_burst_fn;(.*;)?handle_irq_event;__handle_irq_event_percpu(;irqsrc_handler)?$'
	leaves='irqsrc_handler __handle_irq_event_percpu'
fi
awk -v path="$path" -v leaves=" $leaves " '{ n = split($1, f, ";")
	if (index(leaves, " " f[n] " ") == 0) bad = 1
	if ($1 !~ path) bad = 1
	} END { exit bad }' /tmp/hits ||
	fail "a stack of handler_exit is not one of the $ctx handler's: $path"
leaf=$(head -n 1 /tmp/hits | awk '{ n = split($1, f, ";"); print f[n] }')
assert_eq "hits summed over the stacks" 400 "$(awk '{ n += $NF } END { print n }' /tmp/hits)"
grep -q 'distinct stacks' /tmp/err || fail "no closing line: $(cat /tmp/err)"

# By duration: the same stacks, each weighted by its handlers' time.
drvtrace report -s drvtrace_irqsrc:handler_exit -w duration_ns -- sh -c "$fire" >/tmp/dur 2>/tmp/err ||
	fail "report -s -w duration_ns failed: $(cat /tmp/err)"
ns=$(awk '{ n += $NF } END { print n + 0 }' /tmp/dur)
echo "duration_ns summed: $ns"
# ndelay() is no clock under TCG (see irqsrc_events): only a sum > 0.
[ "$ns" -gt 0 ] || fail "400 handlers summed to $ns ns"
rc=0
drvtrace report -s drvtrace_irqsrc:handler_exit -w no_such_field -d 1 >/dev/null 2>/tmp/err || rc=$?
assert_eq "exit status for a field the event lacks" 1 "$rc"
grep -q "has no field 'no_such_field'" /tmp/err || fail "no clear error: $(cat /tmp/err)"

# A probe: a kprobe event added for the run, its stacks, then removed.
drvtrace report -k 'p:flame_kp irqsrc_handler' -- sh -c "$fire" >/tmp/kp 2>/tmp/err ||
	fail "report -k failed: $(cat /tmp/err)"
assert_eq "kprobe hits summed over the stacks" 400 "$(awk '{ n += $NF } END { print n }' /tmp/kp)"
! grep -q flame_kp "$TRACEFS/kprobe_events" || fail "the kprobe event was left behind"
grep -q . "$TRACEFS/events/drvtrace_irqsrc/handler_exit/trigger" &&
	grep -v '^#' "$TRACEFS/events/drvtrace_irqsrc/handler_exit/trigger" | grep -q . &&
	fail "a trigger was left behind"

# The renderer, here under busybox as on the host: a frame per prefix.
sh /drvtrace/scripts/flamegraph -t "handler_exit by duration_ns" -u ns /tmp/dur >/tmp/flame.svg ||
	fail "flamegraph failed"
assert_eq "frames named $leaf drawn" "$(grep -c ";$leaf " /tmp/dur)" \
	"$(grep -c "<title>$leaf " /tmp/flame.svg)"
echo "==== folded stacks (handler_exit, duration_ns)"
cat /tmp/dur
echo "==== end of folded stacks"
exit 0
