# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/drvtrace: probe with field and argument names, print struct
# layouts and prototypes (drvtrace-btf, a static helper that reads the
# kernel's BTF), and list the functions and events a probe can use.
#
# Needs say(), warn(), die(), $DBG and find_tracefs (drvtrace-tracefs.sh).

: "${me:=drvtrace}"

# The static helper: $DRVTRACE_BTF_HELPER, next to this script, in ../bin
# (the test guest's /drvtrace/bin), on PATH, or in a source tree's build/.
find_btf_helper() {
	here=$(dirname "$0")
	for h in ${DRVTRACE_BTF_HELPER:-} "$here/drvtrace-btf" \
		"$here/../bin/drvtrace-btf" /drvtrace/bin/drvtrace-btf \
		"$(command -v drvtrace-btf 2>/dev/null)" \
		"$here/../build/$(uname -m | sed 's/aarch64/arm64/')/bin/drvtrace-btf"; do
		[ -n "$h" ] && [ -x "$h" ] && { echo "$h"; return 0; }
	done
	return 1
}

# Run the helper with the BTF locations the environment gives.
btf_helper() {
	h=$(find_btf_helper) ||
		die "cannot find the drvtrace-btf helper: build it (scripts/build-modules puts it in build/ARCH/bin/), copy it next to this script or set DRVTRACE_BTF_HELPER"
	"$h" ${DRVTRACE_BTF:+-b "$DRVTRACE_BTF"} \
		${DRVTRACE_BTF_DIR:+-d "$DRVTRACE_BTF_DIR"} "$@"
}

usage_probe() {
	cat <<EOF
usage: $me probe [-n] [EVENT=]SYMBOL [entry|return|both] [args=N] [stack]
                [maxactive=N] [FIELD=]FETCH[:TYPE]...

Arm a probe through drvtrace's control file, naming struct fields and
arguments instead of counting offsets. Each FETCH written with names is
resolved against the running kernel's BTF (/sys/kernel/btf/vmlinux, and
/sys/kernel/btf/MODULE for MODULE:SYMBOL) into the control file's
+OFF(argN):TYPE form; every other word goes to the control file as it is.
The resolved command is printed, then written.

  ARG              an argument by its C name (irq, desc, new for __setup_irq)
                   or as argN; retval on the return side
  ARG->f, ARG->a.b->c
                   a field through a pointer, an embedded struct's field
  :TYPE            u8..u64 s8..s64 x8..x64 string ustring symbol; by default
                   the field's C type decides: integers and enums by size and
                   sign, char arrays and char pointers as string, other
                   pointers as x64
  FIELD=           the event field's name; by default the last name
                   (new->name gives name)
  -n               print the resolved command, do not write it

Quote the fetches: the shell reads '>' in new->name as a redirection.
  $me probe __setup_irq irq 'new->name' 'new->flags:x32'
  $me probe '__setup_irq irq new->name new->flags:x32'   (one word is split)
'$me btf struct NAME' and '$me btf func NAME' show what can be named.
Environment: DRVTRACE_BTF (vmlinux BTF file), DRVTRACE_BTF_DIR (module BTF).
EOF
}

cmd_probe() {
	dry=''
	while getopts nh opt; do
		case $opt in
		n) dry=1 ;;
		h) usage_probe; exit 0 ;;
		*) usage_probe >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	[ $# -gt 0 ] || { usage_probe >&2; exit 2; }
	# One quoted word holding the whole spec is split; no globbing.
	set -f
	# shellcheck disable=SC2048,SC2086 # splitting is the point
	set -- $*
	set +f
	cmd=$(btf_helper resolve "$@") || exit 1
	say "$cmd"
	[ -z "$dry" ] || return 0
	[ -w "$DBG/control" ] ||
		die "no writable $DBG/control: load drvtrace first ('$me load -n'), as root"
	if ! printf '%s\n' "$cmd" >"$DBG/control" 2>/dev/null; then
		why=$(dmesg 2>/dev/null | grep 'drvtrace' | tail -n 1)
		die "the control file refused it${why:+: $why}"
	fi
}

usage_btf() {
	cat <<EOF
usage: $me btf struct [MODULE:]NAME
       $me btf func [MODULE:]NAME

From the running kernel's BTF, on the board, with nothing installed:
  struct   each member of a struct or union: offset and size in bytes, the
           fetch type '$me probe' gives it by default, and its C declaration
           (pahole -C NAME, in short)
  func     a function's prototype, each argument's argN and default type
EOF
}

cmd_btf() {
	case ${1:-} in
	-h|--help) usage_btf; exit 0 ;;
	struct|func)
		[ $# -eq 2 ] || { usage_btf >&2; exit 2; }
		btf_helper "$1" "$2" || exit 1 ;;
	*) usage_btf >&2; exit 2 ;;
	esac
}

usage_list() {
	cat <<EOF
usage: $me list functions PATTERN
       $me list events PATTERN

PATTERN is an extended regular expression (grep -E) matched anywhere in
the name; '^name\$' for an exact one.
  functions  the kernel's traceable functions (available_filter_functions),
             each with its module and whether a probe can be armed on it:
             'no' for those in the kprobes blacklist
             (/sys/kernel/debug/kprobes/blacklist); a function missing here
             (notrace, inlined) may still be probed at its symbol, but not
             traced by the function tracer
  events     trace events (available_events), as SYSTEM:EVENT
EOF
}

cmd_list() {
	case ${1:-} in
	-h|--help) usage_list; exit 0 ;;
	functions|events) [ $# -eq 2 ] || { usage_list >&2; exit 2; } ;;
	*) usage_list >&2; exit 2 ;;
	esac
	find_tracefs
	if [ "$1" = events ]; then
		need_file "$T/available_events" "it needs CONFIG_TRACING"
		m=$(grep -E -- "$2" "$T/available_events") || :
		[ -z "$m" ] || say "$m"
		say "$(printf '%s' "$m" | grep -c .) events match '$2'"
		return 0
	fi
	need_file "$T/available_filter_functions" "it needs CONFIG_FUNCTION_TRACER with DYNAMIC_FTRACE"
	bl=/sys/kernel/debug/kprobes/blacklist
	[ -r "$bl" ] || {
		warn "cannot read $bl (mount debugfs, run as root): the probe column says 'unknown'"
		bl=/dev/null
	}
	# available_filter_functions: "name" or "name [module]"; the blacklist:
	# "0xSTART-0xEND<tab>name".
	grep -E -- "$2" "$T/available_filter_functions" |
	awk -v bl="$bl" -v pat="$2" '
	BEGIN {
		known = (bl != "/dev/null")
		while ((getline l < bl) > 0) { k = split(l, w, /[ \t]+/); black[w[k]] = 1 }
		printf "%-40s %-20s %s\n", "FUNCTION", "MODULE", "PROBE"
	}
	$1 ~ pat {
		mod = $2; gsub(/[][]/, "", mod)
		if (dup[$1, mod]++) next
		name[++n] = $1; modof[n] = mod
	}
	END {
		for (i = 1; i <= n; i++) {
			fn = name[i]
			if (!known) p = "unknown"
			else if (fn in black) { p = "no (kprobes blacklist)"; nb++ }
			else { p = "yes"; ny++ }
			# static functions of one name: a probe by name takes the first
			if (dup[fn, modof[i]] > 1) p = p " (" dup[fn, modof[i]] " functions of this name)"
			printf "%-40s %-20s %s\n", fn, modof[i], p
		}
		printf "%d functions match '\''%s'\''; %d can be probed, %d are blacklisted\n", n, pat, ny + 0, nb + 0
	}'
}
