# SPDX-License-Identifier: GPL-2.0
#
# drvtrace: out-of-tree kernel modules and the scripts around them.
#
#   make                 build the modules against KDIR
#   make ARCH=arm64 [CROSS_COMPILE=aarch64-linux-gnu-] [KDIR=...]
#                        cross-build for an arm64 board
#   make install         modules_install into .../extra/ (INSTALL_MOD_PATH)
#   make demo            boot the stock Debian kernel in QEMU and trace IRQs
#   make check           static checks and guest tests on x86_64 and arm64
#   make bench           the cost of each tracing mechanism, side by side
#   make stress          long fuzzing and load/unload storms on the debug kernel
#   make kunit           the KUnit suites on the debug test kernel in QEMU
#   make setup           install the Debian packages the above need
#   make clean
#
# KDIR defaults to the running kernel's build tree when there is one for the
# arch, else to the stock Debian headers that `make setup` installs.

ARCH ?= $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x86)
ifeq ($(ARCH),arm64)
ifneq ($(shell uname -m),aarch64)
CROSS_COMPILE ?= aarch64-linux-gnu-
export CROSS_COMPILE
endif
our_arch := arm64
else
our_arch := x86_64
endif
export ARCH

running_kdir := /lib/modules/$(shell uname -r)/build
ifeq ($(our_arch),$(subst aarch64,arm64,$(shell uname -m)))
KDIR ?= $(wildcard $(running_kdir))
endif

# Empty when neither given nor running: found (and installed) at build time.
stock_kdir = $$(. scripts/lib/env.sh && stock_kdir $(our_arch))

.PHONY: all modules install clean setup demo check kunit bench stress

all: modules

modules install: $(if $(KDIR),,setup)
	$(MAKE) -C "$(or $(KDIR),$(stock_kdir))" M="$(CURDIR)" \
		$(if $(filter install,$@),modules_install,modules)

setup:
	scripts/setup-deps

demo:
	scripts/demo

check:
	scripts/check

bench:
	scripts/bench

stress:
	scripts/stress

kunit:
	scripts/kunit

clean:
	rm -rf build
	find . \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
		-o -name '.*.cmd' -o -name '*.a' -o -name '.*.d' -o -name 'modules.order' \
		-o -name 'Module.symvers' \) -not -path './.git/*' -delete
