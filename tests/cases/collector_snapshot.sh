#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the settings snapshot the collector cases compare sees every kind of setting drvtrace touches
#
# Sourced with SNAPSHOT_ONLY=1 by the other collector cases, for
# settings_snapshot(); run as a case, it proves the snapshot notices a
# change to each kind of setting, so that "no difference" means something.
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

# settings_snapshot FILE: every setting of the tracing directory, the top
# buffer's and each instance's: top-level files, options, per-CPU buffer
# sizes, each event's enable, filter and trigger, kprobe events. Left out:
# the buffer and its readers, counters and logs (error_log keeps the
# kernel's message about a refused filter, which is the point of it), and
# static lists.
settings_snapshot() {
	for b in "$TRACEFS" "$TRACEFS"/instances/*; do
		[ -d "$b" ] || continue
		echo "=== buffer $b"
		# One grep for all: a fork costs much under TCG.
		files=
		for f in "$b"/*; do
			case ${f##*/} in
			trace|trace_pipe|trace_marker|trace_marker_raw|snapshot|free_buffer|\
			saved_cmdlines|saved_tgids|printk_formats|error_log|README|\
			available_filter_functions|available_events|kprobe_profile|\
			uprobe_profile|stack_trace|stack_trace_filter|stack_max_size|\
			per_cpu|function_profile_enabled|\
			touched_functions|available_filter_functions_addrs|\
			dyn_ftrace_total_info)
				# The last three (6.12): every function ftrace ever
				# touched, which only grows, a static list and a
				# counter: no setting a tool could put back.
				continue ;;
			esac
			[ ! -f "$f" ] || files="$files $f"
		done
		# shellcheck disable=SC2086 # a list of files
		grep -H '' $files "$b"/options/* "$b"/per_cpu/cpu*/buffer_size_kb \
			"$b"/events/*/*/enable "$b"/events/*/*/filter "$b"/events/*/enable
		grep -H -v '^#' "$b"/events/*/*/trigger
	done
	return 0
}

# settings_compare BEFORE AFTER WHAT: fail with the difference.
settings_compare() {
	if ! cmp -s "$1" "$2"; then
		diff "$1" "$2" | head -n 20
		fail "$3: the tracing settings differ (above: < before, > after)"
	fi
}

# The boot-time ring buffer is minimal until first used, and expanding it
# is for good: do it before a snapshot, so that it is not a difference.
expand_buffer() {
	echo 1 >"$TRACEFS/events/irq/irq_handler_entry/enable"
	echo 0 >"$TRACEFS/events/irq/irq_handler_entry/enable"
}

[ -z "${SNAPSHOT_ONLY:-}" ] || return 0

load_irqsrc rate_hz=0
trap 'trace_reset; unload_all' EXIT
expand_buffer
settings_snapshot >/tmp/s0
settings_snapshot >/tmp/s1
settings_compare /tmp/s0 /tmp/s1 "two snapshots in a row"

E=$TRACEFS/events/drvtrace_irqsrc/handler_exit
# changed: a check that makes the change, then undoes it
changed() {	# changed WHAT DO UNDO
	sh -c "$2" || fail "$1: could not make the change"
	settings_snapshot >/tmp/s1
	sh -c "$3"
	cmp -s /tmp/s0 /tmp/s1 && fail "the snapshot misses a change of $1"
	settings_snapshot >/tmp/s1
	settings_compare /tmp/s0 /tmp/s1 "after undoing $1"
}
# A filter first: tracing every function is slow under TCG.
changed tracer "echo irqsrc_handler >$TRACEFS/set_ftrace_filter; echo function >$TRACEFS/current_tracer" \
	"echo nop >$TRACEFS/current_tracer; : >$TRACEFS/set_ftrace_filter"
changed tracing_on "echo 0 >$TRACEFS/tracing_on" "echo 1 >$TRACEFS/tracing_on"
changed event "echo 1 >$E/enable" "echo 0 >$E/enable"
changed filter "echo 'irq == 3' >$E/filter" "echo 0 >$E/filter"
changed trigger "echo stacktrace >$E/trigger" "echo '!stacktrace' >$E/trigger"
changed option "echo 1 >$TRACEFS/options/sym-offset" "echo 0 >$TRACEFS/options/sym-offset"
old=$(cat "$TRACEFS/buffer_size_kb")
changed buffer_size_kb "echo 64 >$TRACEFS/buffer_size_kb" "echo $old >$TRACEFS/buffer_size_kb"
changed set_event_pid "echo 1 >$TRACEFS/set_event_pid" ": >$TRACEFS/set_event_pid"
changed set_ftrace_filter "echo irqsrc_handler >$TRACEFS/set_ftrace_filter" ": >$TRACEFS/set_ftrace_filter"
changed set_graph_function "echo irqsrc_handler >$TRACEFS/set_graph_function" ": >$TRACEFS/set_graph_function"
changed max_graph_depth "echo 3 >$TRACEFS/max_graph_depth" "echo 0 >$TRACEFS/max_graph_depth"
changed kprobe_events "echo 'p:snap_test __setup_irq' >>$TRACEFS/kprobe_events" "echo '-:snap_test' >>$TRACEFS/kprobe_events"
changed instance "mkdir $TRACEFS/instances/snap_test" "rmdir $TRACEFS/instances/snap_test"
