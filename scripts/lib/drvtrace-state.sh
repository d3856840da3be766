# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/drvtrace: leaving ftrace as it was found. Every tracing setting
# is saved (save_setting) before it is first changed, every trigger and
# kprobe event added is listed, and restore_all() puts all of it back and
# removes the instance. The state lives in a directory named after the pid,
# next to the lock file, so whoever takes over a stale lock can also undo
# what the dead recorder left.
#
# Needs T, say(), warn() and die().

LOCK=${DRVTRACE_LOCK:-/tmp/drvtrace.lock}
STATE_PREFIX=${DRVTRACE_STATE:-/tmp/drvtrace-state}
st=

# Whether pid $1 is a live drvtrace (a recycled pid running something else
# does not count).
drvtrace_alive() {
	[ -n "$1" ] && [ "$1" -gt 0 ] 2>/dev/null && kill -0 "$1" 2>/dev/null &&
		grep -q drvtrace "/proc/$1/cmdline" 2>/dev/null
}

# Whether pid $1 has a trace_pipe (or trace_pipe_raw) open, or is
# drvtrace-rec: a recorder's reader. (A dd's cmdline does not tell:
# busybox runs an applet such as dd in the forked shell, which keeps the
# shell's cmdline.)
holds_trace_pipe() {
	grep -q drvtrace-rec "/proc/$1/cmdline" 2>/dev/null && return 0
	for fd in "/proc/$1/fd/"*; do
		case $(readlink "$fd" 2>/dev/null) in */trace_pipe|*/trace_pipe_raw) return 0 ;; esac
	done
	return 1
}

# The lock: a file holding the recorder's pid, created with noclobber so
# that of two recorders exactly one wins.
lock_take() {
	tries=0
	while ! (set -C; echo $$ >"$LOCK") 2>/dev/null; do
		pid=$(cat "$LOCK" 2>/dev/null) || pid=
		if drvtrace_alive "$pid"; then
			die "another drvtrace (pid $pid) is recording or measuring: wait for it to end, stop it with 'drvtrace stop' (or kill -TERM $pid), or see 'drvtrace status'"
		fi
		tries=$((tries + 1))
		[ $tries -le 3 ] || die "cannot take the lock $LOCK: remove it by hand if no drvtrace runs"
		warn "stale lock $LOCK: pid ${pid:-?} is gone; taking it over"
		[ -z "$pid" ] || undo_dead "$pid"
		rm -f "$LOCK"
	done
	st=$STATE_PREFIX.$$
	rm -rf "$st"
	mkdir -p "$st" || die "cannot create $st: check that ${st%/*} is writable or set DRVTRACE_STATE"
	: >"$st/restore"
}

lock_release() {
	[ "$(cat "$LOCK" 2>/dev/null)" = $$ ] && rm -f "$LOCK"
	return 0
}

# A recorder killed with SIGKILL (or a crash) left its state directory:
# put back what it changed.
undo_dead() {
	dead=$STATE_PREFIX.$1
	[ -d "$dead" ] || return 0
	warn "putting back the tracing settings pid $1 left behind"
	mine=$st
	st=$dead
	restore_all
	st=$mine
	rm -rf "$dead"
	dead=
}

# save_setting KIND FILE: keep FILE's content before the first change.
# KIND says how to write it back (see restore_one).
save_setting() {
	grep -q " $2\$" "$st/restore" && return 0
	n=$(($(wc -l <"$st/restore") + 1))
	cat "$2" >"$st/f.$n" 2>/dev/null || die "cannot read $2: run as root"
	echo "$n $1 $2" >>"$st/restore"
}

# add_trigger FILE TRIGGER WHAT: add a trigger and remember to remove it;
# undone newest first. An event's enable file in the list (FILE .../enable,
# TRIGGER 1) is written 0 in its turn: a synthetic event is deleted only
# once no instance records it.
add_trigger() {
	printf '%s\t%s\n' "$1" "$2" >>"$st/triggers"
	tf_append "$1" "$2" "$3"
}

# add_kprobe SPEC: add a kprobe event, print its system/event. An event
# given without a group goes to the group drvtrace_kp (which reset clears);
# one without a name is named after its symbol.
add_kprobe() {
	need_file "$T/kprobe_events" "it needs CONFIG_KPROBE_EVENTS"
	[ -f "$st/kprobes" ] || cat "$T/kprobe_events" >"$st/kprobes"
	cat "$T/kprobe_events" >"$st/kp.before"
	set -- "$1" "${1%% *}" "${1#* }"
	[ "$2" != "$1" ] || die "kprobe event '$1' has no probe point: e.g. 'p:myprobe do_sys_openat2'"
	case $2 in
	*:*/*) spec=$1 ;;
	*:*) spec="${2%%:*}:drvtrace_kp/${2#*:} $3" ;;
	*) sym=$(echo "${3%% *}" | sed 's/[^A-Za-z0-9_]/_/g')
	   spec="$2:drvtrace_kp/${2%%[0-9]*}_$sym $3" ;;
	esac
	tf_append "$T/kprobe_events" "$spec" "the kprobe event '$spec'" >&2
	new_lines "$st/kp.before" "$T/kprobe_events" |
		awk '{ sub(/^[^:]*:/, "", $1); print $1 }'
}

# new_lines OLD NEW: the lines of file NEW that file OLD does not have.
new_lines() {
	awk -v old="$1" 'BEGIN { while ((getline l <old) > 0) seen[l] = 1 }
		!($0 in seen)' "$2"
}

restore_one() {	# restore_one KIND FILE SAVED
	[ -e "$2" ] || return 0
	want=$(cat "$3")
	cur=$(cat "$2" 2>/dev/null)
	[ "$cur" = "$want" ] && return 0
	case $1 in
	value|tracer)
		echo "$want" >"$2" ;;
	enable)
		[ "${cur%"${cur#?}"}" = "${want%"${want#?}"}" ] ||
			echo "${want%"${want#?}"}" >"$2" ;;
	filter)
		if [ "$want" = none ]; then echo 0 >"$2"; else echo "$want" >"$2"; fi ;;
	bufsize)
		case $want in
		*expanded:*) want=${want##*expanded: } want=${want%)} ;;
		*) want=${want%% *} ;;
		esac
		[ "${cur%% *}" = "$want" ] || echo "$want" >"$2" ;;
	pids)
		if [ "$want" = "no pid" ] || [ -z "$want" ]; then
			: >"$2"
		else
			echo "$want" | tr '\n' ' ' >"$2"
		fi ;;
	funcs)
		case $want in
		'#### all functions enabled ####'|'') : >"$2" ;;
		*) grep -v '^#' "$3" >"$2" ;;
		esac ;;
	esac 2>/dev/null || warn "could not put back ${2#"$T"/} (it was: $want)"
}

# Put everything back, newest change first; safe to run twice.
restore_all() {
	[ -n "$st" ] && [ -d "$st" ] || return 0
	[ ! -f "$st/instance" ] || inst=$(cat "$st/instance")
	if [ -f "$st/pids" ]; then
		killed=
		while read -r p; do
			# A dead recorder's pids may be reused: only its reader.
			[ -z "${dead:-}" ] || holds_trace_pipe "$p" || continue
			kill -TERM "$p" 2>/dev/null && killed="$killed $p"
		done <"$st/pids"
		# While a reader holds trace_pipe open, the kernel refuses to
		# change the tracer (EBUSY): wait for them to be gone.
		for p in $killed; do
			tries=0
			while kill -0 "$p" 2>/dev/null && [ $tries -lt 50 ]; do
				tries=$((tries + 1))
				sleep 0.1
			done
		done
		rm -f "$st/pids"
	fi
	if [ -f "$st/triggers" ]; then
		awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' "$st/triggers" |
		while IFS='	' read -r f trig; do
			case $f:$trig in
			*/enable:*) echo 0 >"$f" ;;
			*:hist*) printf '!%s\n' "$trig" >>"$f" ;;
			*) printf '!%s\n' "${trig%%:*}" >>"$f" ;;
			esac 2>/dev/null
		done
		rm -f "$st/triggers"
	fi
	# The tracers first: a function filter emptied while the function
	# tracer still runs would have it trace, and patch, every function.
	awk '$2 == "tracer"' "$st/restore" |
	while read -r n kind file; do
		restore_one "$kind" "$file" "$st/f.$n"
	done
	awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' "$st/restore" |
	while read -r n kind file; do
		restore_one "$kind" "$file" "$st/f.$n"
	done
	: >"$st/restore"
	if [ -n "${inst:-}" ] && [ -d "$inst" ]; then
		tries=0
		until rmdir "$inst" 2>/dev/null; do
			tries=$((tries + 1))
			if [ $tries -gt 20 ]; then
				warn "could not remove the instance $inst: a reader may still hold it; remove it with 'rmdir $inst'"
				break
			fi
			sleep 0.1
		done
	fi
	rm -f "$st/instance"
	if [ -f "$st/kprobes" ]; then
		new_lines "$st/kprobes" "$T/kprobe_events" |
		awk '{ sub(/^[^:]*:/, "", $1); print "-:" $1 }' |
		while read -r del; do
			echo "$del" >>"$T/kprobe_events" 2>/dev/null ||
				warn "could not remove the kprobe event ${del#-:}: it may still be enabled somewhere; see 'drvtrace status'"
		done
		rm -f "$st/kprobes"
	fi
}
