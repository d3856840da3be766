# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/guest-run: perf for an arm64 guest. The host's perf is amd64, so
# an arm64 guest gets Debian's arm64 linux-perf, which scripts/setup-deps
# unpacks into the cache, in /opt/perf (not on PATH, as /opt/trace-cmd),
# with every library of its NEEDED closure (readelf -d) in
# /lib/aarch64-linux-gnu. About 28 MB, so only for the runs that may use
# it: all cases, or a case whose name says perf.
#
# guest_perf_arm64 ROOT CASE...: copy perf into the initramfs tree ROOT.

guest_perf_arm64() {
	gp_root=$1
	shift
	gp_src=$DRVTRACE_CACHE/$(kernel_abi)/arm64/perf
	[ -x "$gp_src/usr/bin/perf" ] || return 0
	if [ $# -gt 0 ]; then
		case " $* " in *perf*) ;; *) return 0 ;; esac
	fi
	mkdir -p "$gp_root/opt/perf" "$gp_root/lib/aarch64-linux-gnu"
	cp "$gp_src/usr/bin/perf" "$gp_root/opt/perf/perf"
	gp_dirs="$gp_src/usr/lib/aarch64-linux-gnu $gp_src/lib/aarch64-linux-gnu /usr/aarch64-linux-gnu/lib"
	gp_todo="$gp_src/usr/bin/perf" gp_seen=' '
	while [ -n "$gp_todo" ]; do
		gp_f=${gp_todo%% *}
		gp_todo=${gp_todo#"$gp_f"}
		gp_todo=${gp_todo# }
		for gp_n in $(readelf -d "$gp_f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			case $gp_seen in *" $gp_n "*) continue ;; esac
			gp_seen="$gp_seen$gp_n "
			for gp_d in $gp_dirs; do
				[ -e "$gp_d/$gp_n" ] || continue
				cp -L "$gp_d/$gp_n" "$gp_root/lib/aarch64-linux-gnu/"
				gp_todo="$gp_todo $gp_d/$gp_n"
				break
			done
		done
	done
	cp -L /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 "$gp_root/lib/"
}
