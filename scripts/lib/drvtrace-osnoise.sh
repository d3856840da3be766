# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# shellcheck disable=SC2154,SC2034 # me, st, raw (read by lat_wait): scripts/drvtrace's
#
# scripts/drvtrace osnoise: the osnoise tracer, summed per CPU as
# 'rtla osnoise top' prints it, and (-S) the noise by source counted in
# the kernel by hist triggers on the osnoise:*_noise events. Nothing but
# busybox is needed on the board.
#
# Needs T, B and the helpers of scripts/drvtrace and drvtrace-state.sh;
# LAT_SOFTIRQ_NAMES from drvtrace-latency.sh.

usage_osnoise() {
	cat <<EOF2
usage: $me osnoise [-d SECONDS] [-p USECS] [-r USECS] [-c CPUS] [-S] [-G] [-- COMMAND [ARG...]]

The osnoise tracer (Linux 5.14+, CONFIG_OSNOISE_TRACER; Debian's
PREEMPT_RT kernels have it): a kernel thread per CPU spins for RUNTIME
out of every PERIOD and adds up what took the CPU from it: hardware (a
hypervisor, SMIs), NMIs, IRQs, softirqs and other threads. Per CPU, as
'rtla osnoise top' prints it: periods, runtime, noise, % of the CPU
available, the worst period's noise, the longest single noise, and how
often each kind interfered. The threads keep their CPUs busy for RUNTIME
each PERIOD: give a short -r on a board that must keep working.

  -d SECONDS  measure this long (default: while COMMAND runs, else Ctrl-C)
  -p USECS    the period (osnoise/period_us; the kernel's default 1000000)
  -r USECS    the runtime in each period, at most the period
              (osnoise/runtime_us; the kernel's default 1000000)
  -c CPUS     only these CPUs (osnoise/cpus, e.g. 0,2-3)
  -S          also the noise by source: each IRQ by its handler's name,
              softirq by vector, thread by name, NMIs; count and total,
              counted in the kernel by hist triggers on osnoise:*_noise
  -G          use the global buffer even where an instance would do
  -h          this help
EOF2
}

cmd_osnoise() {
	secs='' period='' runtime='' cpus='' sources='' global=''
	while getopts d:p:r:c:SGh opt; do
		case $opt in
		d) secs=$OPTARG ;;
		p) period=$OPTARG ;;
		r) runtime=$OPTARG ;;
		c) cpus=$OPTARG ;;
		S) sources=1 ;;
		G) global=1 ;;
		h) usage_osnoise; exit 0 ;;
		*) usage_osnoise >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	case $secs in *[!0-9.]*) die "-d '$secs' is not a number of seconds" ;; esac
	for n in "$period" "$runtime"; do
		case $n in *[!0-9]*) die "'$n' is not a number of microseconds: see $me osnoise -h" ;; esac
	done
	case $cpus in *[!0-9,-]*) die "-c '$cpus': give CPUs as 0,2-3" ;; esac
	if [ "${period:-1}" -eq 0 ] || [ "${runtime:-1}" -eq 0 ]; then
		die "-p and -r are at least 1 us"
	fi
	find_tracefs
	grep -qw osnoise "$T/available_tracers" ||
		die "this kernel has no osnoise tracer (available: $(cat "$T/available_tracers")): it needs CONFIG_OSNOISE_TRACER (Linux 5.14 or later), which Debian enables only in its PREEMPT_RT (-rt) kernels"
	# The kernel refuses a runtime longer than the period (EINVAL), so
	# the pair is checked against what stays as it is.
	cur_period=$(cat "$T/osnoise/period_us")
	cur_runtime=$(cat "$T/osnoise/runtime_us")
	[ "${runtime:-$cur_runtime}" -le "${period:-$cur_period}" ] ||
		die "a runtime of ${runtime:-$cur_runtime} us is longer than the period of ${period:-$cur_period} us: give -r at most -p"

	trap on_exit EXIT
	trap 'on_signal INT 130' INT
	trap 'on_signal TERM 143' TERM
	trap 'on_signal HUP 129' HUP
	lock_take
	setup_buffer osnoise "$global"
	save_setting tracer "$B/current_tracer"
	[ "$B" != "$T" ] || [ "$(cat "$T/current_tracer")" = nop ] || echo nop >"$T/current_tracer"
	# Shrinking, the runtime goes first; growing, the period. restore_all
	# undoes them newest first, which keeps the pair valid both ways.
	if [ -n "$period" ] && [ "$period" -lt "$cur_runtime" ]; then
		set_opt "$T/osnoise/runtime_us" "$runtime" "osnoise/runtime_us $runtime" value
		set_opt "$T/osnoise/period_us" "$period" "osnoise/period_us $period" value
	else
		[ -z "$period" ] || set_opt "$T/osnoise/period_us" "$period" "osnoise/period_us $period" value
		[ -z "$runtime" ] || set_opt "$T/osnoise/runtime_us" "$runtime" "osnoise/runtime_us $runtime" value
	fi
	[ -z "$cpus" ] || set_opt "$T/osnoise/cpus" "$cpus" "osnoise/cpus $cpus" value
	if [ -n "$sources" ]; then
		E=$B/events/osnoise
		[ -d "$E/irq_noise" ] || die "no osnoise:irq_noise event in $B/events: $me osnoise -S needs the osnoise events (Linux 5.14 or later)"
		grep -q 'hist trigger' "$T/README" ||
			die "this kernel has no hist triggers (CONFIG_HIST_TRIGGERS): $me osnoise -S counts sources with them"
		# No single noise outlasts a runtime: a longer one is a clock
		# that went backwards (a u64 wrapped), as QEMU/TCG's
		# unsynchronized vCPU clocks make them. Counted apart, not summed.
		maxns=$(($(cat "$T/osnoise/runtime_us") * 1000))
		for ev in irq_noise:desc softirq_noise:vector thread_noise:comm nmi_noise:common_cpu; do
			add_trigger "$E/${ev%%:*}/trigger" \
				"hist:keys=${ev#*:}:vals=hitcount,duration:sort=duration.descending if duration <= $maxns" \
				"the hist trigger on osnoise:${ev%%:*}"
			add_trigger "$E/${ev%%:*}/trigger" \
				"hist:keys=common_cpu:vals=hitcount if duration > $maxns" \
				"the hist trigger counting osnoise:${ev%%:*}'s impossible durations"
		done
	fi
	echo >"$B/trace"
	base=$(lost_events "$B" | head -n 1)
	tf_write "$B/current_tracer" osnoise "the osnoise tracer"
	cmd_rc=0
	raw=	# lat_wait's: no raw recording here
	started=$(cut -d' ' -f1 /proc/uptime)
	warn "measuring OS noise; $(
		if [ -n "$secs" ]; then echo "for ${secs}s"; elif [ $# -gt 0 ]; then echo "while '$*' runs"; else echo "Ctrl-C to stop"; fi)"
	lat_wait "$secs" "$@"
	# Read, then stop the tracer and its threads (a new tracer, nop
	# too, starts with an empty buffer).
	grep -v '^#' "$B/trace" >"$st/trace"
	echo nop >"$B/current_tracer"
	took=$(awk -v s="$started" '{ printf "%.1f", $1 - s }' /proc/uptime)
	say "osnoise: noise per CPU over ${took}s, period $(cat "$T/osnoise/period_us") us, runtime $(cat "$T/osnoise/runtime_us") us; in microseconds, as rtla osnoise top"
	osnoise_top <"$st/trace"
	if [ -n "$sources" ]; then
		say ""
		say "Noise by source, counted in the kernel by hist triggers on osnoise:*_noise (count, total and average in ns):"
		{
			osnoise_hist irq "$E/irq_noise/hist" desc
			osnoise_hist softirq "$E/softirq_noise/hist" vector
			osnoise_hist thread "$E/thread_noise/hist" comm
			osnoise_hist nmi "$E/nmi_noise/hist" common_cpu
		} | osnoise_sources
		bad=$(cat "$E"/*_noise/hist | awk '/^# trigger info: .*if duration >/ { on = 1; next }
			/^# trigger info:/ { on = 0 } on && /^\{/ { for (i = 1; i < NF; i++) if ($i == "hitcount:") n += $(i + 1) }
			END { printf "%.0f\n", n }')
		[ "$bad" -eq 0 ] ||
			say "($bad noise samples longer than a runtime not counted: a CPU clock went backwards, as under QEMU/TCG)"
	fi
	# shellcheck disable=SC2086 # two numbers
	lost_report "$B" $base
	[ -z "$interrupted" ] || exit "$interrupted"
	exit "$cmd_rc"
}

# osnoise_top: rtla osnoise top's table from the tracer's lines, one per
# CPU and period:
#   <...>-161 [000] ....1  6.998638: 56190  47743  15.03292  8708  22  0  11  0  8
#   (runtime noise %avail max-single hw nmi irq sirq thread)
osnoise_top() {
	awk '
	{
		cpu = ""
		for (i = 1; i <= NF; i++) if ($i ~ /^\[[0-9]+\]$/) { cpu = $i; gsub(/[][]/, "", cpu); break }
		for (; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) break
		if (cpu == "" || NF - i != 9) next
		c = cpu + 0; cpus[c] = 1
		per[c]++; rt[c] += $(i + 1); no[c] += $(i + 2)
		if ($(i + 2) > mxn[c]) mxn[c] = $(i + 2)
		if ($(i + 4) > mxs[c]) mxs[c] = $(i + 4)
		hw[c] += $(i + 5); nmi[c] += $(i + 6); irq[c] += $(i + 7)
		sirq[c] += $(i + 8); thr[c] += $(i + 9)
	}
	END {
		printf "%3s %7s %12s %10s %10s %10s %10s %8s %8s %8s %8s %8s\n",
			"CPU", "Period", "Runtime", "Noise", "% CPU Aval", "Max Noise",
			"Max Single", "HW", "NMI", "IRQ", "Softirq", "Thread"
		n = 0
		for (c = 0; c <= 4096; c++) {
			if (!(c in cpus)) continue
			n++
			printf "%3d %7s %12.0f %10.0f %10.5f %10.0f %10.0f %8.0f %8.0f %8.0f %8.0f %8.0f\n",
				c, "#" per[c], rt[c], no[c],
				rt[c] ? 100 * (rt[c] - no[c]) / rt[c] : 0, mxn[c], mxs[c],
				hw[c], nmi[c], irq[c], sirq[c], thr[c]
		}
		if (n == 0) print "(no period ended: measure longer than the period)"
	}'
}

# osnoise_hist KIND FILE KEY: "KIND NAME COUNT TOTAL_NS" per entry of the
# hist trigger that sums the possible durations:
#   # trigger info: hist:keys=desc:vals=hitcount,duration:... if duration <= ...
#   { desc: local_timer   } hitcount:  767  duration:  812345
osnoise_hist() {
	awk -v kind="$1" -v key="$3" -v names="$LAT_SOFTIRQ_NAMES" '
	BEGIN { n = split(names, vec, " ") }
	/^# trigger info:/ { on = /if duration <=/; next }
	on && /^\{/ {
		k = $0
		sub(/^\{ *[a-z_]*: */, "", k); sub(/ *\}.*$/, "", k)
		gsub(/ +/, "_", k)
		if (key == "vector" && k ~ /^[0-9]+$/ && k + 1 <= n) k = vec[k + 1]
		if (key == "common_cpu") k = "cpu" k
		c = 0; d = 0
		for (i = 1; i < NF; i++) {
			if ($i == "hitcount:") c = $(i + 1)
			if ($i == "duration:") d = $(i + 1)
		}
		print kind, k, c, d
	}' "$2"
}

# osnoise_sources: the sources, most noise first.
osnoise_sources() {
	sort -k4,4nr | awk '
	BEGIN { printf "%-8s %-32s %10s %14s %12s\n", "kind", "source", "count", "total ns", "avg ns" }
	{ printf "%-8s %-32s %10.0f %14.0f %12.0f\n", $1, $2, $3, $4, $3 ? int($4 / $3) : 0; n++ }
	END { if (!n) print "(no noise event)" }'
}
