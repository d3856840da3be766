# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/drvtrace: finding the tracing directory, checking that the kernel
# has what a subcommand needs, and writing to tracing files so that a
# refusal is reported with the kernel's own words (error_log).
#
# Sets T (the top tracing directory). Needs say(), warn() and die().

# The tracing directory: $DRVTRACE_TRACEFS, else where /proc/mounts says
# tracefs (or debugfs + /tracing) is mounted, else mount it ourselves for
# the command's run: release_tracefs, from the EXIT trap (the command's own
# EXIT trap, when it sets one, must call it), unmounts it.
tracefs_mounted=
find_tracefs() {
	T=${DRVTRACE_TRACEFS:-}
	if [ -n "$T" ]; then
		[ -f "$T/trace" ] || die "DRVTRACE_TRACEFS=$T has no 'trace' file: point it at the tracing directory or unset it"
		return 0
	fi
	T=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts 2>/dev/null)
	if [ -z "$T" ]; then
		T=$(awk '$3 == "debugfs" { print $2 "/tracing"; exit }' /proc/mounts 2>/dev/null)
	fi
	[ -n "$T" ] && [ -f "$T/trace" ] && return 0

	[ -r /proc/mounts ] || die "no /proc/mounts: mount proc first (mount -t proc proc /proc)"
	if [ -d /sys/kernel/tracing ] && mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null; then
		T=/sys/kernel/tracing
		tracefs_mounted=$T
		trap release_tracefs EXIT
		warn "tracefs was not mounted: mounted it at $T until the end"
	elif mount -t debugfs nodev /sys/kernel/debug 2>/dev/null; then
		T=/sys/kernel/debug/tracing
		tracefs_mounted=/sys/kernel/debug
		trap release_tracefs EXIT
		warn "debugfs was not mounted: mounted it at $tracefs_mounted until the end"
	fi
	[ -f "${T:-/nonexistent}/trace" ] ||
		die "no tracing directory: the kernel needs CONFIG_FTRACE and tracefs or debugfs; as root: mount -t tracefs nodev /sys/kernel/tracing"
	[ -w "$T/tracing_on" ] || die "$T is not writable: run as root"
}

# Unmount what find_tracefs mounted, leaving the mounts as they were found.
release_tracefs() {
	[ -n "$tracefs_mounted" ] || return 0
	# A reader just killed may hold trace_pipe open for a moment.
	for try in 1 2 3 4 5 6 7 8 9 10; do
		umount "$tracefs_mounted" 2>/dev/null && break
		[ "$try" -lt 10 ] || warn "could not unmount $tracefs_mounted, which this command mounted: umount it by hand"
		sleep 0.2
	done
	tracefs_mounted=
}

# need_file FILE WHAT: die saying what the kernel lacks when FILE is absent.
need_file() {
	[ -e "$1" ] || die "this kernel has no ${1#"$T"/}: $2"
}

# Whether the kernel has hist triggers (CONFIG_HIST_TRIGGERS).
have_hist() {
	grep -q 'hist trigger' "$T/README" 2>/dev/null
}

# The last NR lines of an error_log, indented; the kernel's explanation of
# why a write was refused.
error_log_since() {	# error_log_since LOG LINES_BEFORE
	[ -r "$1" ] || return 0
	n=$(wc -l <"$1")
	if [ "$n" -gt "$2" ]; then
		tail -n "$((n - $2))" "$1"
	else
		tail -n 3 "$1"
	fi | sed 's/^/    /'
}

# tf_write FILE VALUE WHAT: write VALUE to FILE (truncating), or die with
# the kernel's error_log text and what to do next. Cleanup runs from the
# EXIT trap, so a refused write leaves nothing behind.
tf_write() {
	tf_put '>' "$@"
}

# tf_append FILE VALUE WHAT: the same, appending (kprobe_events, triggers).
tf_append() {
	tf_put '>>' "$@"
}

tf_put() {
	elog=$T/error_log
	case $2 in "$T"/instances/*)
		rest=${2#"$T"/instances/}
		elog=$T/instances/${rest%%/*}/error_log ;;
	esac
	case $2 in */kprobe_events) elog=$T/error_log ;; esac
	before=0
	[ -r "$elog" ] && before=$(wc -l <"$elog")
	if [ "$1" = '>' ]; then
		(printf '%s\n' "$3" >"$2") 2>"${st:?}/werr" && return 0
	else
		(printf '%s\n' "$3" >>"$2") 2>"${st:?}/werr" && return 0
	fi
	err=$(sed 's/^.*write error: //' "${st:?}/werr" | head -n 1)
	{
		echo "drvtrace: error: the kernel refused $4${err:+ ($err)}"
		echo "    echo '$3' $1 ${2#"$T"/}"
		why=$(error_log_since "$elog" "$before")
		if [ -n "$why" ]; then
			echo "  the kernel's error_log says:"
			echo "$why"
		else
			echo "  (the kernel logged nothing in error_log; see dmesg)"
		fi
		echo "  fix it and run the command again; every setting was put back"
	} >&2
	exit 1
}

# Resolve an event spec to "system/event" lines under $1/events:
# system:event, system/event, system, system:* and shell globs.
resolve_events() {	# resolve_events BUFDIR SPEC
	spec=$(echo "$2" | tr : /)
	case $spec in
	*/*) sys=${spec%%/*} ev=${spec#*/} ;;
	*) sys=$spec ev='*' ;;
	esac
	found=
	for d in "$1"/events/$sys/$ev; do
		[ -f "$d/enable" ] || continue
		echo "${d#"$1"/events/}"
		found=1
	done
	[ -n "$found" ] || {
		hint="list them with: grep '${sys}:' $T/available_events"
		case $sys in drvtrace*) hint="load our modules first (drvtrace load), or $hint" ;; esac
		die "no event matches '$2': $hint"
	}
}
