#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: malformed irqsrc commands fail with EINVAL, log the reason at most once and change nothing
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

load_irqsrc nr_irqs=2 rate_hz=0
trap unload_all EXIT
irqsrc_cmd fire 4
before=$(cat "$IRQSRC")

# The reason is logged once, ratelimited: the first bad command's line names
# it, and no command logs more than one line.
first=1
for c in "" "bogus" "fire" "fire 0" "fire -1" "fire x" "fire 100000001" \
	 "fire 1 2" "fire 1 0 extra" "spurious" "spurious 1001" "rate" "rate 1000001" \
	 "rate 5 5" "reset now" "FIRE 1" \
	 "fire 1 $(printf '%070d' 0)"; do
	kmsg_mark
	# dd, unlike the shell, says why a write failed.
	if printf '%s\n' "$c" | dd of="$IRQSRC" conv=notrunc 2>/tmp/err; then
		fail "'$c' was accepted"
	fi
	grep -q 'Invalid argument' /tmp/err || fail "'$c': $(cat /tmp/err)"
	n=$(kmsg_since | grep -c 'drvtrace_irqsrc: ')
	[ "$n" -le 1 ] || fail "'$c' logged $n lines"
	if [ -n "$first" ]; then
		kmsg_since | grep -q 'drvtrace_irqsrc: bad command: unknown command' ||
			fail "no reason logged for an empty command"
		first=
	fi
	assert_eq "state after '$c'" "$before" "$(cat "$IRQSRC")"
done
