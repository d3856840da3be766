# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2154,SC2034,SC2012 # me, st, phase, raw, interrupted: scripts/drvtrace's
#
# scripts/drvtrace hardirqs and softirqs: latencies built in the kernel,
# like bcc's hardirqs -d and softirqs -d, from the kernel's own irq:
# tracepoints with a synthetic event and an onmatch hist trigger (the
# wakeup_latency pattern of Documentation/trace/histogram.rst):
#
#   START  hist:keys=common_cpu:ts0=common_timestamp
#   END    hist:keys=common_cpu:lat=common_timestamp-$ts0,c=common_cpu:
#              onmatch(irq.START).trace(SYNTH,$lat,FIELDS...,$c)
#   SYNTH  hist:keys=KEY,lat.log2      the log2 histogram
#          hist:keys=KEY,ret:vals=lat  count and sum (avg)
#          hist:keys=KEY:onmax(lat)    max
#          hist:keys=KEY:onmax(-(lat)) min (the largest negated value)
#
# The clock is local by default (hist triggers default to global, which
# under QEMU/TCG, whose vCPU clocks are not synchronized, holds a lagging
# CPU's time still: 0 ns handler times by the dozen). Keyed by CPU: on one CPU hard IRQ handlers do not nest, nor do softirqs,
# while one line (a per-CPU timer interrupt) or one vector can run on two
# CPUs at once. Everything lives in an instance of our own; the synthetic
# event is global, added through add_trigger so that restore_all (also a
# stale-lock takeover) deletes it after the triggers that use it.
#
# Needs scripts/drvtrace's T, B, st, setup_buffer, on_exit, on_signal,
# add_trigger, tf_write, save_setting, have_hist, say, warn, die.

# 2^40 ns, 18 minutes: anything longer is a negative difference.
LAT_SANE=1099511627776
LAT_SOFTIRQ_NAMES="HI TIMER NET_TX NET_RX BLOCK IRQ_POLL TASKLET SCHED HRTIMER RCU"

usage_hardirqs() {
	cat <<EOF
usage: $me hardirqs [-d SECONDS] [-I IRQ[,IRQ...]] [-C] [-c CLOCK] [-R FILE] [-G] [-- COMMAND [ARG...]]

How long each IRQ line's handlers run (irq:irq_handler_entry to
irq_handler_exit), per line: a log2 histogram in nanoseconds with count,
min, avg and max, like bcc's hardirqs -d. Built in the kernel (a synthetic
event and hist triggers): no event goes through the ring buffer. On a
shared line only the handler that returned IRQ_HANDLED (or
IRQ_WAKE_THREAD) is counted; the calls that returned IRQ_NONE are
counted apart as unhandled. Interrupts that do not go through
request_irq() handlers (x86's local APIC timer, IPIs) never reach these
tracepoints: see docs/latency.md.

  -d SECONDS  measure this long (default: while COMMAND runs, else Ctrl-C)
  -I IRQS     only these IRQ numbers (comma-separated)
  -C          one histogram per CPU as well as per line
  -c CLOCK    the trace clock of the time stamps (default local: both ends
              of a pair are on one CPU; global clamps a CPU whose clock lags)
  -R FILE     also record the entry/exit events themselves to FILE
              (text, as 'record -o' writes), each pair the kernel made
              followed by its synthetic event, to check the histograms
  -G          use the global buffer even where an instance would do
  -h          this help

Needs CONFIG_HIST_TRIGGERS and CONFIG_SYNTH_EVENTS.
EOF
}

usage_softirqs() {
	cat <<EOF
usage: $me softirqs [-d SECONDS] [-V VEC[,VEC...]] [-C] [-c CLOCK] [-R FILE] [-G] [-- COMMAND [ARG...]]

Softirqs by vector, in the kernel as for hardirqs: how long each ran
(irq:softirq_entry to softirq_exit) and how long it waited to run after
it was raised (softirq_raise to softirq_entry, on the same CPU; a vector
raised again before it ran counts from the last raise). Per vector: log2
histograms in nanoseconds with count, min, avg and max, like bcc's
softirqs -d.

  -d SECONDS  measure this long (default: while COMMAND runs, else Ctrl-C)
  -V VECS     only these vectors, by number or name (TIMER,NET_RX,...)
  -C          one histogram per CPU as well
  -c CLOCK    the trace clock of the time stamps (default local: both ends
              of a pair are on one CPU; global clamps a CPU whose clock lags)
  -R FILE     also record the raise/entry/exit events themselves to FILE
  -G          use the global buffer even where an instance would do
  -h          this help

Vectors: 0 HI, 1 TIMER, 2 NET_TX, 3 NET_RX, 4 BLOCK, 5 IRQ_POLL,
6 TASKLET, 7 SCHED, 8 HRTIMER, 9 RCU.
EOF
}

# lat_pair BUF START END SYNTH FIELDS FILTER VAR: one synthetic event SYNTH
# with lat, FIELDS (end-event fields, also its own field names) and cpu,
# made when END follows START on the same CPU.
lat_pair() {
	_b=$1 _s=$2 _e=$3 _syn=$4 _flds=$5 _flt=$6 _v=$7
	_args=
	for _f in $_flds; do _args="$_args,$_f"; done
	add_trigger "$_b/events/$_s/trigger" \
		"hist:keys=common_cpu:${_v}0=common_timestamp:clock=$clock${_flt:+ if $_flt}" \
		"the start trigger on ${_s%/*}:${_s#*/}"
	add_trigger "$_b/events/$_e/trigger" \
		"hist:keys=common_cpu:${_v}l=common_timestamp-\$${_v}0,${_v}c=common_cpu:onmatch(${_s%/*}.${_s#*/}).trace($_syn,\$${_v}l$_args,\$${_v}c):clock=$clock${_flt:+ if $_flt}" \
		"the onmatch trigger on ${_e%/*}:${_e#*/}"
}

# lat_hists BUF SYNTH KEY COND VAR: the four hist triggers on SYNTH. COND
# limits the histogram, min and max to the counted calls (handled ones).
lat_hists() {
	_f=$1/events/synthetic/$2/trigger _k=$3 _v=$5
	# A negative latency (an interrupt raising the vector between the
	# entry event's time stamp and its trigger) wraps to 2^64 - n: left out.
	_c="lat < $LAT_SANE${4:+ && $4}"
	add_trigger "$_f" "hist:keys=$_k,lat.log2:vals=hitcount:sort=$_k:size=8192${_c:+ if $_c}" "the log2 histogram"
	if [ -n "$4" ]; then
		add_trigger "$_f" "hist:keys=$_k,ret:vals=hitcount,lat:sort=$_k:size=2048 if lat < $LAT_SANE" "the count and sum table"
	else
		add_trigger "$_f" "hist:keys=$_k:vals=hitcount,lat:sort=$_k:size=2048 if lat < $LAT_SANE" "the count and sum table"
	fi
	add_trigger "$_f" "hist:keys=$_k:${_v}mx=lat:onmax(\$${_v}mx).save(lat):size=2048${_c:+ if $_c}" "the max table"
	add_trigger "$_f" "hist:keys=$_k:${_v}mn=-(lat):onmax(\$${_v}mn).save(lat):size=2048${_c:+ if $_c}" "the min table"
}

# lat_tables HISTFILE: the four tables as lines the printer reads:
#   B <key> <log2> <count>      a bucket
#   S <key> <ret> <count> <sum> count and sum
#   X <key> <max>   N <key> <min>
# <key> is "irq" or "irq/cpu" (vec for softirqs), whichever was asked.
lat_tables() {
	awk '
	function field(s, k,   r) {
		r = s
		if (!sub(".*[{ ,]" k ": *", "", r)) return ""
		sub(/[ ,}].*/, "", r)
		return r
	}
	/^# trigger info: hist:keys=/ {
		t = $0
		if (t ~ /lat\.log2/) kind = "B"
		else if (t ~ /mx\)\.save/) kind = "X"
		else if (t ~ /mn\)\.save/) kind = "N"
		else kind = "S"
		next
	}
	/^\{/ {
		k = field($0, "irq"); if (k == "") k = field($0, "vec")
		c = field($0, "cpu"); if (c != "") k = k "/" c
		n = $0; sub(/.*hitcount: */, "", n); n += 0
		if (kind == "B") {
			b = $0; sub(/.*lat: ~ 2\^/, "", b); sub(/[^0-9].*/, "", b)
			print "B", k, b, n
		} else if (kind == "S") {
			r = field($0, "ret"); if (r == "") r = 1
			s = $0; sub(/.*hitcount: *[0-9]+ */, "", s); sub(/.*lat: */, "", s); sub(/[^0-9].*/, "", s)
			print "S", k, r, n, s
		} else {
			pend = kind " " k
		}
		next
	}
	pend != "" && /max:/ {
		v = $0; sub(/.*lat: */, "", v); sub(/[^0-9].*/, "", v)
		print pend, v
		pend = ""
	}
	/^ *Dropped:/ { d += $2 }
	END { print "D", d + 0 }' "$1"
}

# lat_print TITLE UNITLABEL NAMEFILE: the report, from lat_tables lines on
# stdin. NAMEFILE maps a key's first part to a name ("24 virtio0").
lat_print() {
	sort -t ' ' -k1,1 -k2,2 -k3,3n | awk -v title="$1" -v names="$3" '
	BEGIN {
		while ((getline l <names) > 0) {
			i = index(l, " ")
			nm[substr(l, 1, i - 1)] = substr(l, i + 1)
		}
	}
	$1 == "B" { seen[$2] = 1; hb[$2, $3] += $4; if (!($2 in lo) || $3 < lo[$2]) lo[$2] = $3
		    if (!($2 in hi) || $3 > hi[$2]) hi[$2] = $3 }
	$1 == "S" { seen[$2] = 1; if ($3 == 0) un[$2] += $4; else { cnt[$2] += $4; sum[$2] += $5 } }
	$1 == "X" { mx[$2] = $3 }
	$1 == "N" { mn[$2] = $3 }
	$1 == "D" { dropped = $2 }
	END {
		n = 0
		for (k in seen) keys[++n] = k
		# numeric order of the line, then of the CPU
		for (i = 2; i <= n; i++) {
			v = keys[i]; split(v, a, "/")
			for (j = i - 1; j > 0; j--) {
				split(keys[j], b, "/")
				if (b[1] + 0 < a[1] + 0 || (b[1] + 0 == a[1] + 0 && b[2] + 0 <= a[2] + 0)) break
				keys[j + 1] = keys[j]
			}
			keys[j + 1] = v
		}
		if (n == 0) print "(nothing measured)"
		for (i = 1; i <= n; i++) {
			k = keys[i]; split(k, a, "/")
			name = (a[1] in nm) ? nm[a[1]] : "-"
			printf "%s %s (%s)%s: count %d", title, a[1], name, (a[2] != "") ? " cpu " a[2] : "", cnt[k]
			if (k in un || title == "irq") printf ", unhandled %d", un[k]
			# onmax(-(lat)) never saves a 0 (its initial value):
			# a bucket 0 (0 or 1 ns) with no 1 in it is a 0.
			if ((k in lo) && lo[k] == 0 && mn[k] > 1) mn[k] = 0
			if (cnt[k] > 0)
				printf ", min %.0f, avg %.0f, max %.0f ns", mn[k], int(sum[k] / cnt[k]), mx[k]
			printf "\n"
			if (!(k in lo)) { print ""; continue }
			m = 0
			for (b = lo[k]; b <= hi[k]; b++) if (hb[k, b] > m) m = hb[k, b]
			printf "%24s : %-8s %s\n", "nsecs", "count", "distribution"
			for (b = lo[k]; b <= hi[k]; b++) {
				c = hb[k, b] + 0
				p = 1
				for (s = 0; s < b; s++) p *= 2
				lowb = (b == 0) ? 0 : p / 2 + 1
				w = (m > 0) ? int(c * 40 / m) : 0
				if (c > 0 && w == 0) w = 1
				stars = ""
				for (s = 0; s < w; s++) stars = stars "*"
				printf "%11.0f -> %-10.0f : %-8d |%-40s|\n", lowb, p, c, stars
			}
			print ""
		}
		if (dropped > 0) printf "*** the hist tables were full and dropped %d entries: the counts above are short\n", dropped
	}'
}

# lat_filter FIELD LIST: "FIELD == a || FIELD == b" for a comma list.
lat_filter() {
	echo "$2" | tr ',' '\n' | awk -v f="$1" 'NF { s = s (s == "" ? "" : " || ") f " == " $1 } END { print s }'
}

# lat_vec NAME_OR_NUMBER: a softirq vector number.
lat_vec() {
	case $1 in
	[0-9]) echo "$1"; return 0 ;;
	esac
	i=0
	for n in $LAT_SOFTIRQ_NAMES; do
		[ "$n" != "$(echo "$1" | tr '[:lower:]' '[:upper:]')" ] || { echo "$i"; return 0; }
		i=$((i + 1))
	done
	die "unknown softirq vector '$1': give 0-9 or one of $LAT_SOFTIRQ_NAMES"
}

# lat_names KIND FILE: key-to-name map for the report.
lat_names() {
	if [ "$1" = hardirqs ]; then
		awk 'NR > 1 && $1 ~ /^[0-9]+:$/ {
			irq = $1; sub(/:$/, "", irq)
			n = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n++
			name = ""; for (j = i + 2; j <= NF; j++) name = name (name == "" ? "" : " ") $j
			if (name == "") name = "-"
			print irq, name
		}' /proc/interrupts >"$2" 2>/dev/null
	else
		i=0
		for n in $LAT_SOFTIRQ_NAMES; do
			echo "$i $n"
			i=$((i + 1))
		done >"$2"
	fi
}

# Save the buffer's trace_clock, which reads "[local] global ...": the
# name in brackets is what is written back.
lat_save_clock() {
	grep -q " $B/trace_clock\$" "$st/restore" && return 0
	n=$(($(wc -l <"$st/restore") + 1))
	sed 's/.*\[\(.*\)\].*/\1/' "$B/trace_clock" >"$st/f.$n"
	echo "$n value $B/trace_clock" >>"$st/restore"
}

# lat_synth NAME FIELDS: create a synthetic event, listed so restore_all
# deletes it. One of that name that exists already is not ours (a crashed
# drvtrace's was deleted when its lock was taken over): refuse before
# listing it, or restore_all would delete someone else's event.
lat_synth() {
	if grep -q "^$1[[:space:]]" "$T/synthetic_events"; then
		die "a synthetic event $1 exists already ($(grep "^$1[[:space:]]" "$T/synthetic_events")): not this drvtrace's; if it is left over, remove it with: echo '!$1' >> $T/synthetic_events"
	fi
	add_trigger "$T/synthetic_events" "$1 $2" "the synthetic event $1"
}

# lat_wait SECS COMMAND...: the measuring phase, as record's.
lat_wait() {
	phase=recording
	echo 1 >"$B/tracing_on"
	run_window "$@"
	if [ -n "$raw" ]; then
		# Stop the pairing (the END triggers, newest first) while the
		# recording still runs; restore_all removes the rest.
		grep -F 'onmatch(' "$st/triggers" |
		while IFS='	' read -r f trig; do
			printf '!%s\n' "$trig" >>"$f"
		done 2>/dev/null
	fi
	echo 0 >"$B/tracing_on"
	phase=finishing
}

# lat_record_synth SYNTH: with -R, record the synthetic event too: each
# pair the kernel made, next to the exit that made it. (Triggers run
# whether or not the buffer records, so no window of the recording can
# tell which exits the kernel paired; this does.) Listed with the
# triggers, so that it is disabled before the event is deleted.
lat_record_synth() {
	[ -n "$raw" ] || return 0
	add_trigger "$B/events/synthetic/$1/enable" 1 "recording the synthetic event $1"
}

# cmd_latency hardirqs|softirqs ARGS...
cmd_latency() {
	kind=$1
	shift
	secs='' only='' percpu='' clock='' raw='' global=''
	while getopts d:I:V:Cc:R:Gh opt; do
		case $opt in
		d) secs=$OPTARG ;;
		I) [ "$kind" = hardirqs ] || { usage_softirqs >&2; exit 2; }
		   only=$OPTARG ;;
		V) [ "$kind" = softirqs ] || { usage_hardirqs >&2; exit 2; }
		   only=$OPTARG ;;
		C) percpu=1 ;;
		c) clock=$OPTARG ;;
		R) raw=$OPTARG ;;
		G) global=1 ;;
		h) "usage_$kind"; exit 0 ;;
		*) "usage_$kind" >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	case $secs in *[!0-9.]*) die "-d '$secs' is not a number of seconds" ;; esac
	if [ "$kind" = hardirqs ]; then
		case $only in *[!0-9,]*) die "-I '$only': give IRQ numbers separated by commas" ;; esac
	elif [ -n "$only" ]; then
		v=
		for x in $(echo "$only" | tr ',' ' '); do
			v="$v${v:+,}$(lat_vec "$x")" || exit 1
		done
		only=$v
	fi
	if [ -n "$raw" ]; then
		: >"$raw" 2>/dev/null || die "cannot write $raw: give a writable path with -R"
	fi
	find_tracefs
	have_hist || die "this kernel has no hist triggers: $me $kind needs CONFIG_HIST_TRIGGERS (Linux 4.7 or later)"
	[ -f "$T/synthetic_events" ] ||
		die "this kernel has no synthetic events ($T/synthetic_events): $me $kind needs CONFIG_SYNTH_EVENTS (Linux 4.17 or later)"
	for e in irq_handler_entry irq_handler_exit softirq_raise softirq_entry softirq_exit; do
		[ -d "$T/events/irq/$e" ] || die "this kernel has no irq:$e event: it needs CONFIG_TRACEPOINTS"
	done
	clock=${clock:-local}
	grep -qw -- "$clock" "$T/trace_clock" || die "no trace clock '$clock': choose one of $(tr -d '[]' <"$T/trace_clock")"

	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	setup_buffer nop "$global"
	if [ "$B" = "$T" ]; then
		save_setting tracer "$T/current_tracer"
		[ "$(cat "$T/current_tracer")" = nop ] || echo nop >"$T/current_tracer"
	fi
	# A hist trigger using common_timestamp sets the buffer's trace_clock
	# to its clock= (by default global). Keep the one there was.
	lat_save_clock
	if [ "$kind" = hardirqs ]; then
		evs="irq/irq_handler_entry irq/irq_handler_exit"
	else
		evs="irq/softirq_raise irq/softirq_entry irq/softirq_exit"
	fi
	if [ -n "$raw" ]; then
		# -R: the events are recorded from before the kernel pairs
		# them until after it stops, with the synthetic event.
		for e in $evs; do
			save_setting enable "$B/events/$e/enable"
			tf_write "$B/events/$e/enable" 1 "enabling ${e%/*}:${e#*/}"
		done
		echo >"$B/trace"
		echo 1 >"$B/tracing_on"
	fi
	base=$(lost_events "$B" | head -n 1)
	# Synthetic events are global: listed as triggers, so restore_all
	# deletes them (after the triggers using them), also for the next
	# drvtrace when this one dies with SIGKILL.
	if [ "$kind" = hardirqs ]; then
		syn=drvtrace_hardirq_lat
		lat_synth "$syn" "u64 lat; int irq; int ret; unsigned int cpu"
		lat_record_synth "$syn"
		flt=
		[ -z "$only" ] || flt=$(lat_filter irq "$only")
		key=irq
		[ -z "$percpu" ] || key=irq,cpu
		# The tables before the pairs that feed them: all count alike.
		lat_hists "$B" "$syn" "$key" "ret != 0" hi
		lat_pair "$B" irq/irq_handler_entry irq/irq_handler_exit "$syn" "irq ret" "$flt" hi
	else
		flt=
		[ -z "$only" ] || flt=$(lat_filter vec "$only")
		key=vec
		[ -z "$percpu" ] || key=vec,cpu
		lat_synth drvtrace_softirq_run "u64 lat; unsigned int vec; unsigned int cpu"
		lat_synth drvtrace_softirq_delay "u64 lat; unsigned int vec; unsigned int cpu"
		lat_record_synth drvtrace_softirq_run
		lat_record_synth drvtrace_softirq_delay
		lat_hists "$B" drvtrace_softirq_run "$key" "" sr
		lat_hists "$B" drvtrace_softirq_delay "$key" "" sd
		# Each pair in its own instance-local variables: ts0 of
		# softirq_entry serves the run time, the raise's the delay.
		lat_pair "$B" irq/softirq_entry irq/softirq_exit drvtrace_softirq_run vec "$flt" sr
		add_trigger "$B/events/irq/softirq_raise/trigger" \
			"hist:keys=common_cpu,vec:sd0=common_timestamp:clock=$clock${flt:+ if $flt}" "the raise trigger"
		add_trigger "$B/events/irq/softirq_entry/trigger" \
			"hist:keys=common_cpu,vec:sdl=common_timestamp-\$sd0,sdc=common_cpu:onmatch(irq.softirq_raise).trace(drvtrace_softirq_delay,\$sdl,vec,\$sdc):clock=$clock${flt:+ if $flt}" \
			"the onmatch trigger on irq:softirq_entry"
	fi
	cmd_rc=0
	warn "measuring $kind in the kernel${only:+ (only $only)}; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop"; fi)"
	lat_wait "$secs" "$@"

	lat_names "$kind" "$st/names"
	# shellcheck disable=SC2086 # two numbers
	if [ -n "$raw" ]; then
		grep -v '^#' "$B/trace" >"$raw"
		lost_report "$B" $base
	fi
	clk=$(sed 's/.*\[\(.*\)\].*/\1/' "$B/trace_clock")
	if [ "$kind" = hardirqs ]; then
		say "Hard IRQ handler time per line (irq_handler_entry -> irq_handler_exit), built in the kernel by hist triggers on the synthetic event $syn; clock $clk; IRQ_NONE counted as unhandled, not in the histogram."
		lat_tables "$B/events/synthetic/$syn/hist" | lat_print irq ns "$st/names"
	else
		say "Softirq run time per vector (softirq_entry -> softirq_exit), built in the kernel by hist triggers on drvtrace_softirq_run; clock $clk."
		lat_tables "$B/events/synthetic/drvtrace_softirq_run/hist" | lat_print vec ns "$st/names"
		say "Softirq delay per vector (softirq_raise -> softirq_entry on the same CPU, from the last raise), built in the kernel on drvtrace_softirq_delay; clock $clk."
		lat_tables "$B/events/synthetic/drvtrace_softirq_delay/hist" | lat_print vec ns "$st/names"
	fi
	[ -z "$interrupted" ] || exit "$interrupted"
	exit "$cmd_rc"
}

# ---------------------------------------------------------------- irqsoff

usage_irqsoff() {
	cat <<EOF2
usage: $me irqsoff [-t TRACER] [-d SECONDS] [-T USECS] [-c CLOCK] [-f] [-I] [-- COMMAND [ARG...]]

Who keeps interrupts or preemption off, and for how long: the kernel's
latency tracers (the ftrace how-to's irqsoff). Reports tracing_max_latency,
the worst section's trace with the functions where it started and ended,
and the kernel stack where it ended.

  -t TRACER   irqsoff (default), preemptoff or preemptirqsoff
  -d SECONDS  measure this long (default: while COMMAND runs, else Ctrl-C)
  -T USECS    tracing_thresh: record every section longer than USECS, not
              only the new maximum (each overwrites the trace shown)
  -c CLOCK    trace_clock (default local: a section is on one CPU)
  -f          trace the functions called inside the section too
              (options/function-trace; slow on a slow board or emulator)
  -I          in an instance of its own instead of the global buffer (on
              6.1 an instance's trace shows every section, not the worst
              one's snapshot, and no start and end functions)
  -h          this help

The global buffer's settings are saved and put back, as record does. The tracers need CONFIG_IRQSOFF_TRACER / CONFIG_PREEMPT_TRACER (the latter
a preemptible kernel); Debian's stock kernels have neither.
EOF2
}

cmd_irqsoff() {
	tracer=irqsoff secs='' thresh='' ftrace='' global=1 clock=local
	while getopts t:d:T:c:fIh opt; do
		case $opt in
		c) clock=$OPTARG ;;
		t) tracer=$OPTARG ;;
		d) secs=$OPTARG ;;
		T) thresh=$OPTARG ;;
		f) ftrace=1 ;;
		I) global= ;;
		h) usage_irqsoff; exit 0 ;;
		*) usage_irqsoff >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	case $tracer in
	irqsoff) cfg=CONFIG_IRQSOFF_TRACER ;;
	preemptoff) cfg="CONFIG_PREEMPT_TRACER (and CONFIG_PREEMPTION)" ;;
	preemptirqsoff) cfg="CONFIG_IRQSOFF_TRACER and CONFIG_PREEMPT_TRACER" ;;
	*) die "unknown latency tracer '$tracer': use irqsoff, preemptoff or preemptirqsoff" ;;
	esac
	case $secs in *[!0-9.]*) die "-d '$secs' is not a number of seconds" ;; esac
	case $thresh in *[!0-9]*) die "-T '$thresh' is not a number of microseconds" ;; esac
	find_tracefs
	grep -qw -- "$clock" "$T/trace_clock" || die "no trace clock '$clock': choose one of $(tr -d '[]' <"$T/trace_clock")"
	grep -qw "$tracer" "$T/available_tracers" ||
		die "this kernel has no $tracer tracer (available: $(cat "$T/available_tracers")): it needs $cfg, which Debian's stock kernels do not enable; use a kernel built with it (the drvtrace debug test kernel has it)"

	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	setup_buffer "$tracer" "$global"
	save_setting tracer "$B/current_tracer"
	[ "$B" != "$T" ] || [ "$(cat "$T/current_tracer")" = nop ] || echo nop >"$T/current_tracer"
	[ -f "$B/tracing_max_latency" ] ||
		die "no tracing_max_latency in ${B#"$T"/}: the kernel needs CONFIG_TRACER_MAX_TRACE"
	set_opt "$B/tracing_max_latency" 0 "resetting tracing_max_latency" value
	if [ -f "$B/options/function-trace" ]; then
		set_opt "$B/options/function-trace" "${ftrace:-0}" "options/function-trace" value
	fi
	[ -z "$thresh" ] || set_opt "$T/tracing_thresh" "$thresh" "tracing_thresh $thresh" value
	# The section starts and ends on one CPU: the local clock, which the
	# kernel's default global (on unstable TSCs, and under QEMU/TCG) would
	# hold still on a CPU whose clock lags, shortening the section.
	lat_save_clock
	tf_write "$B/trace_clock" "$clock" "the trace clock $clock"
	echo >"$B/trace"
	tf_write "$B/current_tracer" "$tracer" "the $tracer tracer"
	cmd_rc=0
	raw=
	warn "measuring with the $tracer tracer; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop"; fi)"
	lat_wait "$secs" "$@"

	max=$(cat "$B/tracing_max_latency")
	cat "$B/trace" >"$st/trace"
	say "$tracer: tracing_max_latency $max us${thresh:+ (tracing_thresh $thresh us: the trace is the last section over it)}"
	if ! grep -q '=> started at:' "$st/trace"; then
		say "no section was recorded"
	else
		awk '/=> started at:|=> ended at:|^# latency:/ { sub(/^# */, ""); print }' "$st/trace"
		say ""
		say "The section's trace (ftrace's latency format; the kernel stack where it ended follows the '=>' lines):"
		grep -v '^#' "$st/trace" | grep -v '^ *$'
	fi
	[ -z "$interrupted" ] || exit "$interrupted"
	exit "$cmd_rc"
}

# ---------------------------------------------------------------- graph

usage_graph() {
	cat <<EOF2
usage: $me graph [-g FUNC] [-F FUNC] [-D DEPTH] [-T USECS] [-C CPU] [-d SECONDS] [-o FILE] [-- COMMAND [ARG...]]

The function_graph tracer the way the ftrace how-to uses it: who calls
what and how long each call takes, with trace_marker writes and
trace_printk() lines shown as /* comments */ where they happened, inside
the calls. The buffer is read at the end (a flight recorder). It records
in the global buffer, where trace_printk() and TRACEFS/trace_marker
write, and puts its settings back.

  -g FUNC     graph from these functions down (set_graph_function);
              repeatable, globs ok
  -F FUNC     trace only these functions (set_ftrace_filter); repeatable,
              globs ok, '*:mod:MODULE' for a module (also one loaded later)
  -D DEPTH    max_graph_depth
  -T USECS    tracing_thresh: only calls that took longer than USECS
  -C CPU      show that CPU's buffer only (per_cpu/cpuCPU/trace)
  -d SECONDS  record this long (default: while COMMAND runs, else Ctrl-C)
  -o FILE     write the graph to FILE instead of the terminal
  -h          this help

Without -F or -g every kernel function is patched: on a slow board or an
emulator that stalls for seconds. Mark your own sections from user space
with: echo "text" > TRACEFS/trace_marker.
EOF2
}

cmd_graph() {
	funcs='' graphs='' depth='' thresh='' cpu='' secs='' out=''
	while getopts g:F:D:T:C:d:o:h opt; do
		case $opt in
		g) graphs="$graphs $OPTARG" ;;
		F) funcs="$funcs $OPTARG" ;;
		D) depth=$OPTARG ;;
		T) thresh=$OPTARG ;;
		C) cpu=$OPTARG ;;
		d) secs=$OPTARG ;;
		o) out=$OPTARG ;;
		h) usage_graph; exit 0 ;;
		*) usage_graph >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	for n in "$depth" "$thresh" "$cpu"; do
		case $n in *[!0-9]*) die "'$n' is not a number: see $me graph -h" ;; esac
	done
	case $secs in *[!0-9.]*) die "-d '$secs' is not a number of seconds" ;; esac
	if [ -n "$out" ]; then
		: >"$out" 2>/dev/null || die "cannot write $out: give a writable path with -o"
	fi
	find_tracefs
	grep -qw function_graph "$T/available_tracers" ||
		die "this kernel has no function_graph tracer: it needs CONFIG_FUNCTION_GRAPH_TRACER"
	[ -z "$cpu" ] || [ -d "$T/per_cpu/cpu$cpu" ] ||
		die "no CPU $cpu here: the CPUs are $(ls "$T/per_cpu" | sed 's/cpu//' | tr '\n' ' ')"
	[ -n "$funcs$graphs" ] ||
		warn "graphing every function of the kernel: expect lost events and a slow start and stop; narrow it with -g or -F"

	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	# The global buffer, always: trace_printk() writes there, and so does
	# the trace_marker users know; an instance has a marker of its own.
	setup_buffer function_graph 1
	save_setting tracer "$B/current_tracer"
	[ "$(cat "$B/current_tracer")" = nop ] || echo nop >"$B/current_tracer"
	set_funcs "$B/set_ftrace_filter" "$funcs" "function filter"
	set_funcs "$T/set_graph_function" "$graphs" "graph function"
	[ -z "$depth" ] || set_opt "$T/max_graph_depth" "$depth" "max_graph_depth $depth" value
	[ -z "$thresh" ] || set_opt "$T/tracing_thresh" "$thresh" "tracing_thresh $thresh" value
	echo >"$B/trace"
	base=$(lost_events "$B" | head -n 1)
	tf_write "$B/current_tracer" function_graph "the function_graph tracer"
	cmd_rc=0
	raw=
	warn "graphing; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop"; fi)"
	lat_wait "$secs" "$@"

	src=$B/trace
	[ -z "$cpu" ] || src=$B/per_cpu/cpu$cpu/trace
	if [ -n "$out" ]; then
		cat "$src" >"$out"
		warn "wrote the graph${cpu:+ of CPU $cpu} to $out"
	else
		cat "$src"
	fi
	# shellcheck disable=SC2086 # two numbers
	lost_report "$B" $base
	[ -z "$interrupted" ] || exit "$interrupted"
	exit "$cmd_rc"
}

# ---------------------------------------------------------------- timerlat

usage_timerlat() {
	cat <<EOF2
usage: $me timerlat [-d SECONDS] [-p USECS] [-c CPUS] [-b USECS] [-G] [-- COMMAND [ARG...]]

The timerlat tracer (Linux 5.14+, CONFIG_TIMERLAT_TRACER; Debian's
PREEMPT_RT kernels have it): a timer per CPU wakes a kernel thread every
period; the IRQ latency is how late the timer's interrupt ran, the thread
latency how late the thread did. Per CPU: a histogram and count, min, avg
and max of both, as 'rtla timerlat hist' prints them (1 us buckets).
Computed here from the tracer's samples, so nothing but busybox is needed.

  -d SECONDS  measure this long (default: while COMMAND runs, else Ctrl-C)
  -p USECS    the timer period (osnoise/timerlat_period_us; default 1000)
  -c CPUS     only these CPUs (osnoise/cpus, e.g. 0,2-3)
  -b USECS    bucket size in microseconds (default 1)
  -G          use the global buffer even where an instance would do
  -h          this help
EOF2
}

cmd_timerlat() {
	secs='' period='' cpus='' bucket=1 global=''
	while getopts d:p:c:b:Gh opt; do
		case $opt in
		d) secs=$OPTARG ;;
		p) period=$OPTARG ;;
		c) cpus=$OPTARG ;;
		b) bucket=$OPTARG ;;
		G) global=1 ;;
		h) usage_timerlat; exit 0 ;;
		*) usage_timerlat >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	case $secs in *[!0-9.]*) die "-d '$secs' is not a number of seconds" ;; esac
	for n in "$period" "$bucket"; do
		case $n in *[!0-9]*) die "'$n' is not a number of microseconds: see $me timerlat -h" ;; esac
	done
	[ "$bucket" -ge 1 ] || die "-b 0: a bucket is at least 1 us"
	case $cpus in *[!0-9,-]*) die "-c '$cpus': give CPUs as 0,2-3" ;; esac
	find_tracefs
	grep -qw timerlat "$T/available_tracers" ||
		die "this kernel has no timerlat tracer (available: $(cat "$T/available_tracers")): it needs CONFIG_TIMERLAT_TRACER (Linux 5.14 or later), which Debian enables only in its PREEMPT_RT (-rt) kernels"

	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	setup_buffer timerlat "$global"
	save_setting tracer "$B/current_tracer"
	[ "$B" != "$T" ] || [ "$(cat "$T/current_tracer")" = nop ] || echo nop >"$T/current_tracer"
	[ -z "$period" ] || set_opt "$T/osnoise/timerlat_period_us" "$period" "timerlat_period_us $period" value
	[ -z "$cpus" ] || set_opt "$T/osnoise/cpus" "$cpus" "osnoise/cpus $cpus" value
	echo >"$B/trace"
	base=$(lost_events "$B" | head -n 1)
	tf_write "$B/current_tracer" timerlat "the timerlat tracer"
	cmd_rc=0
	raw=
	warn "measuring timer latency; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop"; fi)"
	lat_wait "$secs" "$@"
	# Read, then stop the tracer and its threads (a new tracer, nop
	# too, starts with an empty buffer).
	grep -v '^#' "$B/trace" >"$st/trace"
	echo nop >"$B/current_tracer"
	say "timerlat: timer IRQ and thread latency per CPU, period $(cat "$T/osnoise/timerlat_period_us") us, from $(grep -c ' timer_latency ' "$st/trace") samples; in microseconds, as rtla timerlat hist"
	timerlat_hist "$bucket" <"$st/trace"
	# shellcheck disable=SC2086 # two numbers
	lost_report "$B" $base
	[ -z "$interrupted" ] || exit "$interrupted"
	exit "$cmd_rc"
}

# timerlat_hist BUCKET_US: rtla's table from timerlat trace lines
#   ... [003] ... #12  context    irq timer_latency      3421 ns
timerlat_hist() {
	awk -v bs="$1" '
	{
		cpu = ""
		for (i = 1; i <= NF; i++) if ($i ~ /^\[[0-9]+\]$/) { cpu = $i; gsub(/[][]/, "", cpu); break }
		for (i = 1; i <= NF; i++) if ($i == "context") break
		if (cpu == "" || i > NF || $(i + 2) != "timer_latency") next
		ctx = ($(i + 1) == "irq") ? "IRQ" : "Thr"
		ns = $(i + 3) + 0
		us = int(ns / 1000)
		b = int(us / bs)
		key = ctx "-" sprintf("%03d", cpu + 0)
		cols[key] = 1; cpus[cpu + 0] = 1
		h[key, b]++; if (b > maxb) maxb = b; seen[b] = 1
		n[key]++; sum[key] += us
		if (!(key in mn) || us < mn[key]) mn[key] = us
		if (!(key in mx) || us > mx[key]) mx[key] = us
	}
	END {
		nc = 0
		for (c = 0; c <= 4096; c++) if (c in cpus) {
			for (t = 1; t <= 2; t++) {
				k = ((t == 1) ? "IRQ" : "Thr") "-" sprintf("%03d", c)
				if (k in cols) col[++nc] = k
			}
		}
		if (nc == 0) { print "(no timerlat samples)"; exit }
		printf "# RTLA-style histogram, bucket %d us\n", bs
		printf "%-6s", "Index"
		for (j = 1; j <= nc; j++) printf " %9s", col[j]
		printf "\n"
		for (b = 0; b <= maxb; b++) {
			if (!(b in seen)) continue
			printf "%-6d", b * bs
			for (j = 1; j <= nc; j++) printf " %9d", h[col[j], b]
			printf "\n"
		}
		printf "%-6s", "count:"; for (j = 1; j <= nc; j++) printf " %9d", n[col[j]]; printf "\n"
		printf "%-6s", "min:"; for (j = 1; j <= nc; j++) printf " %9d", mn[col[j]]; printf "\n"
		printf "%-6s", "avg:"; for (j = 1; j <= nc; j++) printf " %9d", int(sum[col[j]] / n[col[j]]); printf "\n"
		printf "%-6s", "max:"; for (j = 1; j <= nc; j++) printf " %9d", mx[col[j]]; printf "\n"
	}'
}
