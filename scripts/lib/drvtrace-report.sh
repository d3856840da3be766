# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# scripts/drvtrace report: turning events into counts and a histogram.
# Two sources give the same intermediate lines, one per fact:
#
#   E <event> <count>                          events of one name
#   I <irq> <name> <event> <handled> <unhandled>
#   H <log2> <count>                           handler durations
#   C <ctx> <count>                            handler runs by context
#                                              (hardirq, or thread under
#                                              PREEMPT_RT / threadirqs)
#   W <log2> <count>                           IRQ thread wake-up delays
#
# tally_text reads ring-buffer text (the trace file, trace_pipe, or
# trace-cmd report), tally_hist reads the kernel's hist files;
# print_tally draws both the same way. The log2 buckets are the kernel's
# (.log2 is ilog2(roundup_pow_of_two(v))), so bucket 2^k holds
# 2^(k-1) < v <= 2^k, whichever side computed it.

tally_text() {	# tally_text [FILE...]
	awk '
	function log2up(v,   k, p) {
		k = 0; p = 1
		while (p < v) { p *= 2; k++ }
		return k
	}
	{
		ev = ""
		for (i = 1; i < NF; i++)
			if ($i ~ /^[0-9]+\.[0-9]+:$/) { ev = $(i + 1); break }
		if (ev == "") next
		ts = substr($i, 1, length($i) - 1) + 0
		if (ev == "<stack") ev = "stack_trace"
		else if (ev ~ /:$/) sub(/:$/, "", ev)
		else ev = "function"
		cnt[ev]++
		irq = ""; name = ""; ret = ""; dur = ""; ctx = ""
		for (j = i + 2; j <= NF; j++) {
			eq = index($j, "=")
			if (!eq) continue
			k = substr($j, 1, eq - 1); v = substr($j, eq + 1)
			if (k == "irq") irq = v
			else if (k == "name") name = v
			else if (k == "ret") ret = v
			else if (k == "duration_ns") dur = v
			else if (k == "ctx") ctx = v
		}
		if (irq != "" && name != "") names[irq] = name
		# A threaded handler: from the hard interrupt (the kernel'"'"'s
		# irq_handler_entry, of the primary handler) to the thread'"'"'s
		# handler_entry. Several interrupts may wait for one run of
		# the thread: the oldest one counts.
		if (ev == "irq_handler_entry" && irq != "" && !(irq in pend))
			pend[irq] = ts
		if (ev == "handler_entry" && irq in pend) {
			if (ctx == "thread")
				w[log2up(int((ts - pend[irq]) * 1e9 + 0.5))]++
			delete pend[irq]
		}
		if (ev == "handler_exit") c[ctx == "" ? "unknown" : ctx]++
		if (ev != "handler_exit" && ev != "irq_handler_exit") next
		if (irq == "") next
		key = irq " " ev
		seen[key] = 1
		if (ret == "unhandled") unh[key]++; else hnd[key]++
		if (ev == "handler_exit" && dur != "") h[log2up(dur + 0)]++
	}
	END {
		for (e in cnt) print "E", e, cnt[e]
		for (key in seen) {
			split(key, a, " ")
			n = (a[1] in names) ? names[a[1]] : "-"
			print "I", a[1], n, a[2], hnd[key] + 0, unh[key] + 0
		}
		for (k in h) print "H", k, h[k]
		for (k in c) print "C", k, c[k]
		for (k in w) print "W", k, w[k]
	}' "$@"
}

# tally_hist DURATION_HIST IRQ_HIST ENTRY_HIST: the kernel's histograms of
# handler_exit (duration_ns.log2; irq,name,ret) and handler_entry
# (irq,thread: the context of each run, hist keys being at most 3).
tally_hist() {
	awk -v f1="$1" -v f2="$2" -v f3="$3" '
	function field(s, k,   r) {
		r = s
		if (!sub(".*" k ": *", "", r)) return ""
		sub(/[ ,}].*/, "", r)
		return r
	}
	/^\{/ {
		n = $0; sub(/.*hitcount: */, "", n); n += 0
		if (FILENAME == f1) {
			k = $0; sub(/.*2\^/, "", k); sub(/[^0-9].*/, "", k)
			h[k] += n
		} else if (FILENAME == f2) {
			irq = field($0, "irq"); name = field($0, "name")
			key = irq " " name
			seen[key] = 1
			if (field($0, "ret") == "0") unh[key] += n; else hnd[key] += n
			exits += n
		} else {
			t = field($0, "thread")
			c[t == "" ? "unknown" : t == "0" ? "hardirq" : "thread"] += n
			entries += n
		}
	}
	END {
		print "E", "handler_entry", entries + 0
		print "E", "handler_exit", exits + 0
		for (key in seen) {
			split(key, a, " ")
			print "I", a[1], a[2], "handler_exit", hnd[key] + 0, unh[key] + 0
		}
		for (k in h) print "H", k, h[k]
		for (k in c) print "C", k, c[k]
	}' "$1" "$2" "$3"
}

# The dropped counts of hist files ("Dropped: N" when a table was full).
hist_dropped() {
	awk '/^ *Dropped:/ { d += $2 } END { print d + 0 }' "$@"
}

# print_tally: the report body, from the intermediate lines on stdin.
print_tally() {
	sort -k1,1 -k2,2n | awk '
	# A log2 histogram, the kernel'"'"'s buckets (see the top of this file).
	function draw(hc, lo, hi, mx, tot,   k, c, p, s, b, stars, w) {
		printf "%24s : %-8s %s\n", "nsecs", "count", "distribution"
		for (k = lo; k <= hi; k++) {
			c = hc[k] + 0
			p = 1
			for (s = 0; s < k; s++) p *= 2
			b = (k == 0) ? 0 : p / 2 + 1
			stars = ""
			w = (mx > 0) ? int(c * 40 / mx) : 0
			if (c > 0 && w == 0) w = 1
			for (s = 0; s < w; s++) stars = stars "*"
			printf "%11d -> %-10d : %-8d |%-40s|\n", b, p, c, stars
		}
		printf "total: %d\n", tot
	}
	$1 == "E" { ev[++ne] = $2; ec[ne] = $3 }
	$1 == "I" { iq[++ni] = $0 }
	$1 == "H" { if (nh == 0 || $2 < lo) lo = $2; if (nh == 0 || $2 > hi) hi = $2
		    hc[$2] = $3; nh++; tot += $3; if ($3 > mx) mx = $3 }
	$1 == "C" { ctx[$2] = $3 }
	$1 == "W" { if (nw == 0 || $2 < wlo) wlo = $2; if (nw == 0 || $2 > whi) whi = $2
		    wc[$2] = $3; nw++; wtot += $3; if ($3 > wmx) wmx = $3 }
	END {
		printf "Events:\n  %-40s %10s\n", "EVENT", "COUNT"
		for (i = 1; i <= ne; i++) printf "  %-40s %10d\n", ev[i], ec[i]
		if (ne == 0) print "  (none)"
		printf "\nIRQs:\n  %5s  %-24s %-18s %9s %9s\n", "IRQ", "NAME", "EVENT", "HANDLED", "UNHANDLED"
		for (i = 1; i <= ni; i++) {
			split(iq[i], a, " ")
			printf "  %5s  %-24s %-18s %9d %9d\n", a[2], a[3], a[4], a[5], a[6]
		}
		if (ni == 0) print "  (none)"
		if (ctx["thread"] > 0) {
			printf "\nHandler context: %d runs in hard-IRQ context, %d in IRQ threads.\n",
				ctx["hardirq"], ctx["thread"]
			print "In a thread (PREEMPT_RT forces it), duration_ns is the handler body,"
			print "preemption included; the wake-up delay from the interrupt to the"
			print "thread is not in it: see the wake-up histogram below."
		}
		printf "\nIRQ handler duration (handler_exit duration_ns), log2 buckets:\n"
		if (nh == 0) print "  (no handler_exit events)"
		else draw(hc, lo, hi, mx, tot)
		if (ctx["thread"] == 0) exit
		printf "\nIRQ thread wake-up delay (irq:irq_handler_entry to handler_entry), log2 buckets:\n"
		if (nw == 0) print "  (record irq:irq_handler_entry with drvtrace_irqsrc and use report -i to see it)"
		else draw(wc, wlo, whi, wmx, wtot)
	}'
}
