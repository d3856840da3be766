// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of the control file's commands (see include/drvtrace/cmd.h).
 *
 * Only syntax is checked here: whether a symbol exists or is armed is the
 * registry's business. A line is modified in place and the parsed command
 * points into it.
 */
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <drvtrace/cmd.h>

/* Split off the next blank-separated token of *@s, or return NULL. */
static char *next_token(char **s)
{
	char *tok = skip_spaces(*s);
	char *end;

	if (!*tok)
		return NULL;
	end = tok;
	while (*end && !isspace(*end))
		end++;
	if (*end)
		*end++ = '\0';
	*s = end;
	return tok;
}

/* A kallsyms name, optionally module:name as kprobes accept it. */
static bool valid_symbol(const char *s)
{
	size_t len = strlen(s);
	const char *p;
	int colons = 0;

	if (!len || len >= KSYM_NAME_LEN)
		return false;
	for (p = s; *p; p++) {
		if (*p == ':') {
			if (++colons > 1 || p == s || !p[1])
				return false;
		} else if (!isalnum(*p) && *p != '_' && *p != '.') {
			return false;
		}
	}
	return true;
}

static int parse_probe_options(char *line, struct drvtrace_cmd *cmd,
			       const char **why)
{
	bool mode_set = false, args_set = false;
	unsigned int val;
	char *tok;

	cmd->mode = DRVTRACE_MODE_BOTH;
	while ((tok = next_token(&line))) {
		unsigned int mode = 0;

		if (!strcmp(tok, "entry"))
			mode = DRVTRACE_MODE_ENTRY;
		else if (!strcmp(tok, "return"))
			mode = DRVTRACE_MODE_RETURN;
		else if (!strcmp(tok, "both"))
			mode = DRVTRACE_MODE_BOTH;

		if (mode) {
			*why = "mode given twice";
			if (mode_set)
				return -EINVAL;
			cmd->mode = mode;
			mode_set = true;
		} else if (str_has_prefix(tok, "args=")) {
			*why = "args= must be 0 to 6, given once";
			if (args_set || kstrtouint(tok + 5, 10, &val) ||
			    val > DRVTRACE_CMD_MAX_ARGS)
				return -EINVAL;
			cmd->nr_args = val;
			args_set = true;
		} else if (str_has_prefix(tok, "maxactive=")) {
			*why = "maxactive= must be 1 to 4096, given once";
			if (cmd->maxactive || kstrtouint(tok + 10, 10, &val) ||
			    !val || val > DRVTRACE_CMD_MAX_MAXACTIVE)
				return -EINVAL;
			cmd->maxactive = val;
		} else if (!strcmp(tok, "stack")) {
			*why = "stack given twice";
			if (cmd->stack)
				return -EINVAL;
			cmd->stack = true;
		} else {
			*why = "unknown option (entry, return, both, args=, stack, maxactive=)";
			return -EINVAL;
		}
	}

	*why = "args= and stack need the entry event";
	if (!(cmd->mode & DRVTRACE_MODE_ENTRY) && (cmd->nr_args || cmd->stack))
		return -EINVAL;
	*why = "maxactive= needs the return event";
	if (!(cmd->mode & DRVTRACE_MODE_RETURN) && cmd->maxactive)
		return -EINVAL;
	*why = "__setup_irq is decoded: args= does not apply";
	if (args_set && !strcmp(cmd->symbol, "__setup_irq"))
		return -EINVAL;
	return 0;
}

/**
 * drvtrace_cmd_parse() - parse one control command
 * @line: the line, without its newline; modified in place
 * @cmd: filled in on success; its symbol points into @line
 * @why: set to the reason when the line is rejected
 *
 * Return: 0, or -EINVAL for a malformed line.
 */
int drvtrace_cmd_parse(char *line, struct drvtrace_cmd *cmd, const char **why)
{
	char *verb, *sym;

	memset(cmd, 0, sizeof(*cmd));
	verb = next_token(&line);
	if (!verb || verb[0] == '#') {
		cmd->verb = DRVTRACE_CMD_NONE;
		return 0;
	}

	if (!strcmp(verb, "clear") || !strcmp(verb, "reset")) {
		cmd->verb = verb[0] == 'c' ? DRVTRACE_CMD_CLEAR : DRVTRACE_CMD_RESET;
		*why = "clear and reset take no argument";
		return next_token(&line) ? -EINVAL : 0;
	}

	if (strcmp(verb, "probe") && strcmp(verb, "unprobe")) {
		*why = "unknown command (probe, unprobe, clear, reset)";
		return -EINVAL;
	}
	cmd->verb = verb[0] == 'p' ? DRVTRACE_CMD_PROBE : DRVTRACE_CMD_UNPROBE;

	sym = next_token(&line);
	*why = "missing or malformed symbol name";
	if (!sym || !valid_symbol(sym))
		return -EINVAL;
	cmd->symbol = sym;

	if (cmd->verb == DRVTRACE_CMD_UNPROBE) {
		*why = "unprobe takes only a symbol";
		return next_token(&line) ? -EINVAL : 0;
	}
	return parse_probe_options(line, cmd, why);
}

const char *drvtrace_mode_name(unsigned int mode)
{
	switch (mode) {
	case DRVTRACE_MODE_ENTRY:
		return "entry";
	case DRVTRACE_MODE_RETURN:
		return "return";
	default:
		return "both";
	}
}
