#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: drvtrace probe -n names fields and arguments from BTF, as drvtrace btf struct/func lay them out; list functions/events
# requires: btf
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh
# shellcheck source=tests/lib-btf.sh
. /drvtrace/tests/lib-btf.sh
need_btf

# The issue's example, one word or several; irqaction is laid out alike
# on x86_64 and arm64 (flags at 60, name at 80).
want='probe __setup_irq irq=arg1:u32 name=+0(+80(arg3)):string flags=+60(arg3):x32'
assert_eq "resolved words" "$want" \
	"$(resolve __setup_irq irq 'new->name' 'new->flags:x32')"
assert_eq "resolved single word" "$want" \
	"$(resolve '__setup_irq irq new->name new->flags:x32')"
# ...and agrees with the layout the board's own kernel reports.
"$DRVTRACE" btf struct irqaction >/tmp/irqaction || fail "drvtrace btf struct irqaction"
grep -qxF '    80     8  string  const char *name;' /tmp/irqaction ||
	fail "no name at 80 in: $(cat /tmp/irqaction)"
grep -qxF '    60     4  u32     unsigned int flags;' /tmp/irqaction ||
	fail "no flags at 60 in: $(cat /tmp/irqaction)"
head -n 1 /tmp/irqaction | grep -qF 'struct irqaction {	/* 128 bytes */' ||
	fail "struct header: $(head -n 1 /tmp/irqaction)"
assert_eq "prototype" \
	'int __setup_irq(unsigned int irq, struct irq_desc *desc, struct irqaction *new);' \
	"$("$DRVTRACE" btf func __setup_irq | head -n 1)"
assert_eq "argN of new" '  arg3  new              x64     struct irqaction *' \
	"$("$DRVTRACE" btf func __setup_irq | grep ' new ')"

# net_device: name is a char[16] (a string at the struct itself: no load
# of its own), at 0 on 6.1, elsewhere on 6.12; state where this kernel's
# layout puts it.
"$DRVTRACE" btf struct net_device >/tmp/net_device || fail "drvtrace btf struct net_device"
name=$(awk '$NF == "name[16];" && $4 == "char" { print $1 }' /tmp/net_device)
off=$(awk '$NF == "state;" && $4 == "long" { print $1 }' /tmp/net_device)
{ [ -n "$off" ] && [ -n "$name" ]; } ||
	fail "no name or state member in: $(cat /tmp/net_device)"
assert_eq "net device fetches" \
	"probe dev_change_flags name=+$name(arg1):string state=+$off(arg1):x64 flags=arg2:u32" \
	"$(resolve dev_change_flags 'dev->name' 'dev->state:x64' flags)"
a=$("$DRVTRACE" btf struct irq_desc | awk '$NF == "irq_data;" { print $1 }')
b=$("$DRVTRACE" btf struct irq_data | awk '$NF == "*chip;" { print $1 }')
{ [ -n "$a" ] && [ -n "$b" ]; } || fail "no irq_desc.irq_data or irq_data.chip in BTF"
assert_eq "embedded and chained, FIELD= renames, plain words unchanged" \
	"probe s=__setup_irq both stack chip=+0(+0(+$((a + b))(arg2))):string arg1 +0(arg1):x8" \
	"$(resolve s=__setup_irq both stack 'chip=desc->irq_data.chip->name' arg1 '+0(arg1):x8')"

# list functions: a blacklisted function the function tracer lists (this
# kernel's own pick), and __setup_irq, which can be probed.
find_black() {
	awk 'NR == FNR { n = split($0, f, /[ \t]+/); b[f[n]] = 1; next }
	     ($1 in b) && NF == 1 { print $1; exit }' \
		/sys/kernel/debug/kprobes/blacklist "$TRACEFS/available_filter_functions"
}
black=$(find_black)
[ -n "$black" ] || fail "no blacklisted function in available_filter_functions"
"$DRVTRACE" list functions "^($black|__setup_irq)\$" >/tmp/list ||
	fail "drvtrace list functions: $(cat /tmp/list)"
grep -qE "^$black +no \(kprobes blacklist\)\$" /tmp/list ||
	fail "$black not listed as blacklisted: $(cat /tmp/list)"
grep -qE '^__setup_irq +yes$' /tmp/list || fail "__setup_irq not probeable: $(cat /tmp/list)"
assert_eq "list summary" "2 functions match '^($black|__setup_irq)\$'; 1 can be probed, 1 are blacklisted" \
	"$(tail -n 1 /tmp/list)"
"$DRVTRACE" list events '^irq:irq_handler_' >/tmp/list || fail "drvtrace list events"
assert_eq "events" "2 events match '^irq:irq_handler_' irq:irq_handler_entry irq:irq_handler_exit" \
	"$(sort /tmp/list | tr '\n' ' ' | sed 's/ $//')"
for c in probe btf list; do
	"$DRVTRACE" "$c" -h | grep -q "^usage: drvtrace $c" || fail "drvtrace $c -h"
done
