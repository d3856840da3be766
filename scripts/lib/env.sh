# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# Shared by the host-side scripts: messages, the cache directory, and where
# the stock Debian kernel, its headers and busybox live for each arch.
# Arch names are the user's: x86_64 or arm64.

DRVTRACE_CACHE=${DRVTRACE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/drvtrace}

info() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# The ABI of the stock kernel, e.g. 6.1.0-56, from the installed
# linux-headers-amd64 metapackage.
kernel_abi() {
	dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null |
		sed -n 's/.*linux-headers-\([0-9][^ ]*\)-amd64.*/\1/p'
}

debian_arch() {
	case $1 in
	x86_64|amd64) echo amd64 ;;
	arm64|aarch64) echo arm64 ;;
	*) die "unknown arch '$1' (use x86_64 or arm64)" ;;
	esac
}

# Kbuild's ARCH for one of our arch names.
kbuild_arch() {
	case $(debian_arch "$1") in
	amd64) echo x86 ;;
	arm64) echo arm64 ;;
	esac
}

stock_kdir() { echo "/usr/src/linux-headers-$(kernel_abi)-$(debian_arch "$1")"; }

stock_kernel() {
	a=$(debian_arch "$1")
	abi=$(kernel_abi)
	echo "$DRVTRACE_CACHE/$abi/$a/boot/vmlinuz-$abi-$a"
}

stock_busybox() {
	case $(debian_arch "$1") in
	amd64) echo /bin/busybox ;;
	arm64) echo "$DRVTRACE_CACHE/$(kernel_abi)/arm64/bin/busybox" ;;
	esac
}
