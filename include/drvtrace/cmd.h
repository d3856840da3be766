/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Commands of /sys/kernel/debug/drvtrace/control, one per line:
 *
 *   probe <symbol> [entry|return|both] [args=<0-6>] [stack] [maxactive=<n>]
 *   unprobe <symbol>
 *   clear
 *   reset
 *
 * Parsing has no side effects, so KUnit can feed it anything.
 */
#ifndef _DRVTRACE_CMD_H
#define _DRVTRACE_CMD_H

#include <linux/types.h>

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

struct drvtrace_cmd {
	enum drvtrace_verb	verb;
	const char		*symbol;	/* points into the parsed line */
	unsigned int		mode;
	unsigned int		nr_args;
	bool			stack;
	int			maxactive;	/* 0: the kernel's default */
};

int drvtrace_cmd_parse(char *line, struct drvtrace_cmd *cmd, const char **why);
const char *drvtrace_mode_name(unsigned int mode);

#endif /* _DRVTRACE_CMD_H */
