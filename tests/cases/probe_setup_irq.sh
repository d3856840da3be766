#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: the default __setup_irq probe decodes each request_irq of the IRQ source, and a failing one
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

trap 'trace_reset; unload_all' EXIT
load_core
assert_eq "probes armed at load" "__setup_irq both armed" \
	"$(probe_col __setup_irq 1) $(probe_col __setup_irq 2) $(probe_col __setup_irq 3)"
trace_reset
echo 1 >"$TRACEFS/events/drvtrace/enable"

# IRQF_SHARED | IRQF_NO_THREAD
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 irqflags=0x10080 ||
	fail "insmod drvtrace_irqsrc.ko"
# A second request on the shared line 1 succeeds, but on PREEMPT_RT: there
# forced threading makes it ONESHOT and the NO_THREAD first one is not, and
# sharers must agree, so -EBUSY.
if is_preempt_rt; then
	shared_second="Device or resource busy" rt=1
else
	shared_second=ok rt=0
fi
assert_eq "second request on a shared line" "$shared_second" "$(write_to "$IRQSRC" 'request 1')"
rmmod drvtrace_irqsrc
insmod "$KO/drvtrace_irqsrc.ko" nr_irqs=3 rate_hz=0 ||
	fail "insmod drvtrace_irqsrc.ko"
assert_eq "second request on a private line" "Device or resource busy" \
	"$(write_to "$IRQSRC" 'request 1')"
echo 0 >"$TRACEFS/tracing_on"
trace_lines >/tmp/trace

# Since 6.9 request_irq() adds IRQF_COND_ONESHOT to every request.
if kernel_at_least 6 9; then
	cond='|COND_ONESHOT' alone=COND_ONESHOT
else
	cond='' alone=''
fi
for h in 0 1 2; do
	irq=$(irqsrc_col "$h" 2)
	n=$(grep -c " setup_irq_entry: irq=$irq name=drvtrace-irqsrc.$h flags=SHARED|NO_THREAD$cond handler=irqsrc_handler \[drvtrace_irqsrc\] thread_fn=0x0\$" /tmp/trace)
	assert_eq "shared entry events for hwirq $h" 1 "$n"
	n=$(grep -c " setup_irq_entry: irq=$irq name=drvtrace-irqsrc.$h flags=$alone handler=irqsrc_handler \[drvtrace_irqsrc\] thread_fn=0x0\$" /tmp/trace)
	assert_eq "private entry events for hwirq $h" 1 "$n"
done
assert_eq "successful returns" $((7 - rt)) "$(grep -c ' setup_irq_exit: irq=[0-9]* ret=0 duration_ns=[1-9][0-9]*$' /tmp/trace)"

irq=$(irqsrc_col 1 2)
grep -q " setup_irq_entry: irq=$irq name=drvtrace-irqsrc.extra flags=SHARED|PROBE_SHARED$cond handler=irqsrc_extra_handler \[drvtrace_irqsrc\]" /tmp/trace ||
	fail "no entry event for the shared second request"
grep -q " setup_irq_entry: irq=$irq name=drvtrace-irqsrc.extra flags=PROBE_SHARED$cond handler=irqsrc_extra_handler \[drvtrace_irqsrc\]" /tmp/trace ||
	fail "no entry event for the conflicting request"
assert_eq "failed returns" $((1 + rt)) "$(grep -c " setup_irq_exit: irq=$irq ret=-16 duration_ns=[1-9]" /tmp/trace)"

# Each entry is followed by its own return: one call at a time here.
awk '/ setup_irq_entry: / { if (open) bad++; open = 1 }
     / setup_irq_exit: / { if (!open) bad++; open = 0 }
     END { exit bad || open }' /tmp/trace || fail "entry and exit events do not alternate"
assert_eq "hits" 8 "$(probe_col __setup_irq 4)"
assert_eq "returns" 8 "$(probe_col __setup_irq 5)"
assert_eq "missed" 0 "$(probe_col __setup_irq 6)"
