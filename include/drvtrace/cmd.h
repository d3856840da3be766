/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Commands of /sys/kernel/debug/drvtrace/control, one per line:
 *
 *   probe [EVENT=]SYMBOL [entry|return|both] [args=N] [stack] [maxactive=N]
 *         [FIELD=FETCH[:TYPE]]... [FETCH[:TYPE]]...
 *   unprobe EVENT|SYMBOL
 *   clear
 *   reset
 *
 * SYMBOL is sym, sym+OFFSET (entry only) or module:sym. FETCH and TYPE are
 * those of include/drvtrace/fetch.h; a FETCH given without FIELD= is named
 * after itself (arg2, comm, retval, di, a symbol) or, for a dereference,
 * after its innermost base and outermost offset (+16(arg3) is arg3_16).
 *
 * Parsing has no side effects, so KUnit can feed it anything. A command is
 * large (its fields are in it): allocate it, do not put it on the stack.
 */
#ifndef _DRVTRACE_CMD_H
#define _DRVTRACE_CMD_H

#include <linux/types.h>

#include <drvtrace/fetch.h>

enum drvtrace_verb {
	DRVTRACE_CMD_NONE,	/* an empty line or a # comment */
	DRVTRACE_CMD_PROBE,
	DRVTRACE_CMD_UNPROBE,
	DRVTRACE_CMD_CLEAR,
	DRVTRACE_CMD_RESET,
};

/* What a probe reports: bits, so that both is entry | return. */
#define DRVTRACE_MODE_ENTRY	BIT(0)
#define DRVTRACE_MODE_RETURN	BIT(1)
#define DRVTRACE_MODE_BOTH	(DRVTRACE_MODE_ENTRY | DRVTRACE_MODE_RETURN)

#define DRVTRACE_CMD_MAX_ARGS		6
#define DRVTRACE_CMD_MAX_MAXACTIVE	4096
#define DRVTRACE_CMD_MAX_FIELDS		16
#define DRVTRACE_FIELD_NAME_MAX		32
/* Event names are <name>_entry and <name>_exit, within the kernel's 64. */
#define DRVTRACE_EVENT_NAME_MAX		(64 - sizeof("_entry"))

struct drvtrace_cmd_field {
	char			name[DRVTRACE_FIELD_NAME_MAX];
	struct drvtrace_fetch	fetch;
};

struct drvtrace_cmd {
	enum drvtrace_verb	verb;
	/* probe: the symbol as given, module:sym included, +OFFSET not */
	const char		*symbol;	/* points into the parsed line */
	unsigned long		offset;
	char			event[DRVTRACE_EVENT_NAME_MAX];
	unsigned int		mode;
	unsigned int		nr_args;
	bool			stack;
	int			maxactive;	/* 0: the kernel's default */
	unsigned int		nr_fields;	/* args=N first, then the rest */
	struct drvtrace_cmd_field fields[DRVTRACE_CMD_MAX_FIELDS];
	char			why[160];	/* why a line was rejected */
};

int drvtrace_cmd_parse(char *line, struct drvtrace_cmd *cmd, const char **why);
const char *drvtrace_mode_name(unsigned int mode);

#endif /* _DRVTRACE_CMD_H */
