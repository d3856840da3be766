#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: each name drvtrace probe and drvtrace btf cannot resolve is refused with a message that says why, and the control file is left alone
# requires: btf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

trap unload_all EXIT
load_core
before=$(cat "$CONTROL")

# refused EXPECTED_MESSAGE ARGS...: drvtrace exits 1 with that message.
refused() {
	want=$1
	shift
	got=$("$DRVTRACE" "$@" 2>&1) && fail "drvtrace $* succeeded: $got"
	assert_eq "drvtrace $*" "drvtrace-btf: $want" "$got"
}

refused "struct irqaction (the type of *new) has no field 'nmae' ('drvtrace btf struct irqaction' lists them). Did you mean 'name'?" \
	probe __setup_irq 'new->nmae'
refused "'irq' is 'unsigned int' (u32), not a pointer: '->' needs a pointer to a struct or union" \
	probe __setup_irq 'irq->name'
refused "'desc->irq_data' is struct irq_data, not a pointer: use '.chip', not '->chip'" \
	probe __setup_irq 'desc->irq_data->chip'
refused "'new' is 'struct irqaction *', not a struct or union: use '->'" \
	probe __setup_irq 'new.name'
refused "__setup_irq has no argument 'nwe' (its arguments: irq desc new). Did you mean 'new'?" \
	probe __setup_irq 'nwe->name'
refused "no function '__setup_irg' in the BTF of vmlinux or a loaded module (a function the compiler inlined or renamed has none): write its arguments as arg1, arg2 and so on. Did you mean '__setup_irq'?" \
	probe __setup_irg 'new->name'
refused "no struct or union 'irqactoin' in the BTF of vmlinux or a loaded module. Did you mean 'irqaction'?" \
	btf struct irqactoin
refused "module 'drvtrace_irqsrc' is not loaded, so its BTF (/sys/kernel/btf/drvtrace_irqsrc) is not there yet: load it first, or use offsets, e.g. '+16(arg1):x64'" \
	probe drvtrace_irqsrc:irqsrc_handler 'dev_id->x'
assert_eq "control file after the refusals" "$before" "$(cat "$CONTROL")"
insmod "$KO/drvtrace_irqsrc.ko" rate_hz=0 || fail "insmod drvtrace_irqsrc.ko"
before=$(cat "$CONTROL")
if [ -e /sys/kernel/btf/drvtrace_irqsrc ]; then
	# Built against headers that ship vmlinux (Debian's 6.12): split BTF.
	assert_eq "a module's function" \
		'irqreturn_t irqsrc_handler(int irq, void *dev_id);' \
		"$("$DRVTRACE" btf func drvtrace_irqsrc:irqsrc_handler | head -n 1)"
	refused "'dev_id' points to 'void', not to a struct or union: no '->x'" \
		probe drvtrace_irqsrc:irqsrc_handler 'dev_id->x'
else
	# Debian's 6.1 headers have no vmlinux, so Kbuild skips module BTF.
	refused "module 'drvtrace_irqsrc' is loaded but has no BTF (/sys/kernel/btf/drvtrace_irqsrc): it was built without it (an out-of-tree module gets BTF only when built against a tree with vmlinux and CONFIG_DEBUG_INFO_BTF_MODULES); only offsets work, e.g. '+16(arg1):x64'" \
		probe drvtrace_irqsrc:irqsrc_handler 'dev_id->x'
fi
# A kernel without BTF, as drvtrace sees one.
(
export DRVTRACE_BTF=/nonexistent
refused "this kernel has no BTF (/nonexistent is absent: it needs CONFIG_DEBUG_INFO_BTF=y), so field and argument names cannot be resolved; offsets still work, e.g. '+16(arg3):x64' or '+0(+16(arg3)):string' instead of 'arg3->field'" \
	probe __setup_irq 'new->name'
# ...which plain fetches do not need.
assert_eq "no BTF, offsets" 'probe __setup_irq name=+0(+80(arg3)):string' \
	"$("$DRVTRACE" probe -n __setup_irq 'name=+0(+80(arg3)):string')"
) || exit 1

assert_eq "control file after the refusals" "$before" "$(cat "$CONTROL")"
