#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: random, mutated and boundary writes (FUZZ_WRITES, 10000) to control and irqsrc get documented errnos and change nothing when they fail
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

writes=${FUZZ_WRITES:-10000}
trap unload_all EXIT
load_irqsrc nr_irqs=4 rate_hz=0
# The seed changes with the boot, and is printed to reproduce a failure.
seed=$(cut -d' ' -f1 /proc/uptime | tr -d .)
echo "seed $seed"
/drvtrace/bin/drvtrace_fuzz -n "$writes" -s "$seed" "$CONTROL" "$IRQSRC" >/tmp/fuzz.out
rc=$?
cat /tmp/fuzz.out
[ $rc -eq 0 ] || fail "the fuzzer found problems (seed $seed)"
total=$(awk '/ writes, / { n += $2 } END { print n + 0 }' /tmp/fuzz.out)
assert_eq "writes made" "$writes" "$total"
# Both files saw failures and successes of each documented kind.
for f in "$CONTROL" "$IRQSRC"; do
	line=$(grep "^$f: " /tmp/fuzz.out)
	echo "$line" | grep -q ' [1-9][0-9]* succeeded, [1-9][0-9]* failed (EINVAL [1-9]' ||
		fail "too little coverage: $line"
done
grep "^$CONTROL: " /tmp/fuzz.out | grep -q 'ENOENT [1-9].*EEXIST [1-9][0-9]*, E2BIG [1-9]' ||
	fail "control: no ENOENT, EEXIST or E2BIG seen"
