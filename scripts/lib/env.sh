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

# The 6.12 LTS version Debian 12 carries, e.g. 6.12.117+deb12: the newest
# whose headers scripts/setup-deps unpacked (it picks the newest the apt
# lists offer).
linux612_version() {
	# shellcheck disable=SC2012 # names of our own making, no odd characters
	ls -d /usr/src/linux-headers-6.12.*+deb12-common 2>/dev/null |
		sed 's|.*/linux-headers-||; s|-common$||' | sort -V | tail -n 1
}

# Kernel ids name the stock kernels the guest tests run on:
#   6.1-x86_64 6.1-arm64 6.12-x86_64 6.12-arm64 6.12-rt-x86_64
# A bare arch (x86_64, arm64) is the 6.1 kernel of that arch, as always.
# The debug test kernel (x86_64-debug) is scripts/build-test-kernel's.
ALL_KERNELS="6.1-x86_64 6.1-arm64 6.12-x86_64 6.12-arm64 6.12-rt-x86_64"

kid_arch() {
	case $1 in
	*x86_64|*amd64) echo x86_64 ;;
	*arm64|*aarch64) echo arm64 ;;
	*) die "unknown kernel '$1' (e.g. x86_64, arm64, 6.12-rt-x86_64)" ;;
	esac
}

# The Debian flavour and version of a kernel id: "<version> <flavour>".
kid_debian() {
	a=$(debian_arch "$(kid_arch "$1")")
	case $1 in
	6.12-rt-*) echo "$(linux612_version) rt-$a" ;;
	6.12-*) echo "$(linux612_version) $a" ;;
	6.1-*|x86_64|amd64|arm64|aarch64) echo "$(kernel_abi) $a" ;;
	*) die "unknown kernel '$1' (known: $ALL_KERNELS)" ;;
	esac
}

# The kernel's release (uname -r), e.g. 6.12.117+deb12-rt-amd64.
kid_release() { kid_debian "$1" | tr ' ' -; }

kid_kdir() { echo "/usr/src/linux-headers-$(kid_release "$1")"; }

kid_kernel() {
	kid_debian "$1" | {
		read -r v f
		echo "$DRVTRACE_CACHE/$v/$f/boot/vmlinuz-$v-$f"
	}
}

stock_kdir() { kid_kdir "$1"; }
stock_kernel() { kid_kernel "$1"; }

stock_busybox() {
	case $(debian_arch "$(kid_arch "$1")") in
	amd64) echo /bin/busybox ;;
	arm64) echo "$DRVTRACE_CACHE/$(kernel_abi)/arm64/bin/busybox" ;;
	esac
}
