# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# st, me and phase belong to scripts/drvtrace; event names hold no space.
# shellcheck disable=SC2154,SC2034,SC2013
#
# scripts/drvtrace: folded stacks for flame graphs (`drvtrace report -s`),
# aggregated in the kernel by a hist trigger keyed on the stack trace
# (hist:keys=stacktrace), weighted by hits or by a numeric field of the
# event (vals=FIELD), and turned into "root;...;leaf COUNT" lines, the
# format flamegraph.pl, speedscope, inferno and scripts/flamegraph read.
#
# Needs the helpers of drvtrace-tracefs.sh and drvtrace-state.sh, and the
# recording loop of scripts/drvtrace (wait_recording).

# hist_folded FILE [FIELD]: the hist file's stacktrace entries as folded
# stacks, root first, offsets and module names dropped, equal stacks
# merged; weighted by FIELD's sum, else by hitcount. The kernel prints a
# stack leaf first:
#   { stacktrace:
#            irqsrc_handler+0x4d/0xb0 [drvtrace_irqsrc]
#            __handle_irq_event_percpu+0x4b/0x190
#   } hitcount:         34  duration_ns:     123456
hist_folded() {
	awk -v field="${2:-hitcount}" '
	/^\{ (common_)?stacktrace:/ { n = 0; in_stack = 1; next }
	in_stack && /^\}/ {
		in_stack = 0
		v = ""
		for (i = 1; i < NF; i++)
			if ($i == field ":") v = $(i + 1)
		if (v == "" || n == 0) next
		s = frame[n]
		for (i = n - 1; i >= 1; i--) s = s ";" frame[i]
		sum[s] += v
		if (!(s in seen)) { seen[s] = 1; order[++m] = s }
		next
	}
	in_stack {
		f = $1
		sub(/\+0x[0-9a-f]+\/0x[0-9a-f]+$/, "", f)
		if (f != "") frame[++n] = f
	}
	END { for (i = 1; i <= m; i++) if (sum[order[i]] > 0) print order[i], sum[order[i]] }
	' "$1"
}

# report_stacks SPECS KSPEC FIELD SECS GLOBAL [COMMAND...]: hist triggers
# keyed on stacktrace on each event of SPECS (newline-separated -s
# arguments; plus the kprobe event KSPEC adds, if any) in our buffer, for
# SECS, while COMMAND runs, or until a signal; then the folded stacks on
# stdout, sorted by weight.
report_stacks() {
	specs=$1 kspec=$2 field=$3 secs=$4 global=$5
	shift 5
	find_tracefs
	have_hist || die "folded stacks are built with hist triggers, which this kernel lacks: it needs CONFIG_HIST_TRIGGERS"
	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	setup_buffer nop "$global"
	: >"$st/sev"
	for s in $specs; do
		resolve_events "$B" "$s" >>"$st/sev" || exit 1
	done
	[ -z "$kspec" ] || add_kprobe "$kspec" >>"$st/sev" || exit 1
	vals=hitcount
	[ "$field" = hitcount ] || vals="hitcount,$field"
	trig="hist:keys=stacktrace:vals=$vals:sort=$field.descending:size=8192"
	for e in $(sort -u "$st/sev"); do
		need_file "$B/events/$e/trigger" "hist triggers need event triggers"
		if [ "$field" != hitcount ] &&
			! grep -q "field:[^;]*[ *]$field\(\[[0-9]*\]\)*;" "$B/events/$e/format"; then
			die "${e%/*}:${e#*/} has no field '$field' to weigh the stacks by: see its format ($B/events/$e/format)"
		fi
		add_trigger "$B/events/$e/trigger" "$trig" "a stacktrace hist trigger on ${e%/*}:${e#*/}"
		save_setting enable "$B/events/$e/enable"
		tf_write "$B/events/$e/enable" 1 "enabling ${e%/*}:${e#*/}"
	done
	phase=recording
	echo 1 >"$B/tracing_on"
	warn "aggregating stacks of $(sort -u "$st/sev" | tr / : | tr '\n' ' ')in the kernel, weighted by $field; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop (or '$me stop')"; fi)"
	run_window "$secs" "$@"
	echo 0 >"$B/tracing_on"
	phase=finishing
	: >"$st/hist"
	for e in $(sort -u "$st/sev"); do
		cat "$B/events/$e/hist" >>"$st/hist"
	done
	hist_folded "$st/hist" "$field" >"$st/folded"
	# Sort by the count, the last field (frames may hold spaces).
	awk '{ print $NF "\t" $0 }' "$st/folded" | sort -k 1,1nr | cut -f 2-
	dropped=$(awk '/^ *Dropped:/ { d += $2 } END { print d + 0 }' "$st/hist")
	[ "$dropped" -eq 0 ] || warn "*** the hist tables were full and dropped $dropped entries: the stacks above are short"
	warn "$(wc -l <"$st/folded") distinct stacks; draw them with: scripts/flamegraph FILE >flame.svg (or flamegraph.pl, speedscope, inferno)"
	[ -z "$interrupted" ] || exit "$interrupted"
	exit 0
}
