# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# Helpers for the btf_* guest cases (field names resolved from BTF by
# drvtrace-btf, issue 12). Source tests/lib.sh first.

DRVTRACE=/drvtrace/scripts/drvtrace

need_btf() {
	[ -r /sys/kernel/btf/vmlinux ] ||
		skip "this kernel has no /sys/kernel/btf/vmlinux (CONFIG_DEBUG_INFO_BTF)"
	[ -x /drvtrace/bin/drvtrace-btf ] ||
		fail "no /drvtrace/bin/drvtrace-btf: scripts/build-modules did not build it"
}

# resolve ARGS...: what 'drvtrace probe -n' prints, or fail.
resolve() {
	"$DRVTRACE" probe -n "$@" 2>/tmp/resolve.err ||
		fail "drvtrace probe -n $* failed: $(cat /tmp/resolve.err)"
}

# as_kprobe_event NAME LINE: a resolved drvtrace command as the kernel's
# own kprobe_events line (argN is \$argN, retval \$retval, comm \$comm).
as_kprobe_event() {
	printf '%s\n' "$2" | sed -e "s|^probe \([^ ]*\)|p:drvtrace_btf/$1 \1|" \
		-e 's/\([=(]\)\(arg[0-9]\)/\1$\2/g' \
		-e 's/\([=(]\)\(retval\|comm\)/\1$\2/g'
}

# kprobe_event_add LINE: append to kprobe_events, or fail with error_log.
kprobe_event_add() {
	echo "$1" >>"$TRACEFS/kprobe_events" ||
		fail "kprobe_events refused '$1': $(tail -n 3 "$TRACEFS/error_log")"
}

kprobe_events_clear() {
	[ -d "$TRACEFS/events/drvtrace_btf" ] || return 0
	echo 0 >"$TRACEFS/events/drvtrace_btf/enable"
	grep '^p:drvtrace_btf/' "$TRACEFS/kprobe_events" | cut -d' ' -f1 |
		sed 's/^p:/-:/' | while read -r e; do
			echo "$e" >>"$TRACEFS/kprobe_events"
		done
}

# drvtrace_probe ARGS...: 'drvtrace probe', which writes the control file.
drvtrace_probe() {
	out=$("$DRVTRACE" probe "$@" 2>&1) || fail "drvtrace probe $* failed: $out"
}
