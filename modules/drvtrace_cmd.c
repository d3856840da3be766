// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of the control file's commands (see include/drvtrace/cmd.h).
 *
 * Only syntax is checked here: whether a symbol exists or is armed is the
 * registry's business. A line is modified in place and the parsed command
 * points into it. A rejected line leaves its reason, naming the token, in
 * cmd->why.
 */
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <drvtrace/cmd.h>

static __printf(2, 3) int reject(struct drvtrace_cmd *cmd, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(cmd->why, sizeof(cmd->why), fmt, args);
	va_end(args);
	return -EINVAL;
}

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

static bool valid_identifier(const char *s, size_t max)
{
	const char *p;

	if (!*s || isdigit(*s) || strlen(s) >= max)
		return false;
	for (p = s; *p; p++)
		if (!isalnum(*p) && *p != '_')
			return false;
	return true;
}

/* Names the exit event uses itself, or the kernel reserves. */
static bool reserved_field(const char *name)
{
	return !strcmp(name, "ret") || !strcmp(name, "duration_ns") ||
	       !strcmp(name, "stack") || str_has_prefix(name, "common_");
}

/*
 * The name of a fetch given without FIELD=: the fetch itself when it is
 * simple (arg2, retval, comm, di, jiffies), else its innermost base and
 * outermost offset (+16(+0(arg3)) is arg3_16).
 */
static void default_field_name(const char *spec, char *name, size_t size)
{
	const char *base = spec, *end, *open;
	char off[24] = "";
	size_t len;
	char *p;

	/* Without a '(', the fetch is malformed and its parser says why. */
	open = strchr(base, '(');
	if ((*base == '+' || *base == '-') && open) {
		len = min_t(size_t, open - base - 1, sizeof(off) - 2);
		if (*base == '-')
			strscpy(off, "_m", sizeof(off));
		else
			strscpy(off, "_", sizeof(off));
		strncat(off, base + 1, len);
		base = strrchr(spec, '(') + 1;
	}
	if (*base == '$' || *base == '%' || *base == '@')
		base++;
	end = base + strcspn(base, "+-):");
	snprintf(name, size, "%.*s%s", (int)(end - base), base, off);
	for (p = name; *p; p++)
		if (!isalnum(*p) && *p != '_')
			*p = '_';
}

static int parse_field(char *tok, struct drvtrace_cmd *cmd)
{
	struct drvtrace_cmd_field *field;
	char *eq = strchr(tok, '=');
	char *spec = tok;
	unsigned int i;

	if (cmd->nr_fields == DRVTRACE_CMD_MAX_FIELDS)
		return reject(cmd, "%s: at most %d fields", tok,
			      DRVTRACE_CMD_MAX_FIELDS);
	field = &cmd->fields[cmd->nr_fields];

	if (eq) {
		*eq = '\0';
		spec = eq + 1;
		if (!valid_identifier(tok, sizeof(field->name)))
			return reject(cmd, "%s=: a field name is an identifier, < %zu chars",
				      tok, sizeof(field->name));
		strscpy(field->name, tok, sizeof(field->name));
	} else {
		default_field_name(spec, field->name, sizeof(field->name));
	}
	if (reserved_field(field->name))
		return reject(cmd, "%s: name taken (ret, duration_ns, stack, common_*)",
			      field->name);
	for (i = 0; i < cmd->nr_fields; i++)
		if (!strcmp(cmd->fields[i].name, field->name))
			return reject(cmd, "%s: field name given twice", field->name);
	if (drvtrace_fetch_parse(spec, &field->fetch, cmd->why, sizeof(cmd->why)))
		return -EINVAL;
	cmd->nr_fields++;
	return 0;
}

/* [EVENT=]SYMBOL, SYMBOL being sym, sym+OFFSET or module:sym. */
static int parse_target(char *tok, struct drvtrace_cmd *cmd)
{
	char *eq = strchr(tok, '=');
	char *sym = tok, *plus;
	char *p;

	if (eq) {
		*eq = '\0';
		sym = eq + 1;
		if (!valid_identifier(tok, sizeof(cmd->event)))
			return reject(cmd, "%s=: an event name is an identifier, < %zu chars",
				      tok, sizeof(cmd->event));
		strscpy(cmd->event, tok, sizeof(cmd->event));
	}
	plus = strchr(sym, '+');
	if (plus) {
		*plus = '\0';
		if (kstrtoul(plus + 1, 0, &cmd->offset))
			return reject(cmd, "%s+%s: malformed offset", sym, plus + 1);
	}
	if (!valid_symbol(sym))
		return reject(cmd, "%s: missing or malformed symbol name", sym);
	cmd->symbol = sym;

	if (!eq) {
		/* The event is named after the symbol, offset included. */
		if (plus)
			snprintf(cmd->event, sizeof(cmd->event), "%s_%s", sym, plus + 1);
		else
			strscpy(cmd->event, sym, sizeof(cmd->event));
		for (p = cmd->event; *p; p++)
			if (!isalnum(*p) && *p != '_')
				*p = '_';
		if (strlen(sym) + (plus ? strlen(plus + 1) + 1 : 0) >= sizeof(cmd->event))
			return reject(cmd, "%s: name too long for an event: give one with EVENT=%s",
				      sym, sym);
	}
	return 0;
}

/* args=N: arg1..argN, as x64, ahead of the fields given by name. */
static int expand_args(struct drvtrace_cmd *cmd)
{
	unsigned int i, n = cmd->nr_args;
	char spec[8];

	if (cmd->nr_fields + n > DRVTRACE_CMD_MAX_FIELDS)
		return reject(cmd, "args=%u: at most %d fields in all", n,
			      DRVTRACE_CMD_MAX_FIELDS);
	memmove(&cmd->fields[n], &cmd->fields[0],
		cmd->nr_fields * sizeof(cmd->fields[0]));
	for (i = 0; i < n; i++) {
		struct drvtrace_cmd_field *f = &cmd->fields[i];
		unsigned int j;

		snprintf(f->name, sizeof(f->name), "arg%u", i + 1);
		for (j = n; j < n + cmd->nr_fields; j++)
			if (!strcmp(cmd->fields[j].name, f->name))
				return reject(cmd, "%s: field given twice (args= is arg1..argN)",
					      f->name);
		strscpy(spec, f->name, sizeof(spec));
		drvtrace_fetch_parse(spec, &f->fetch, cmd->why, sizeof(cmd->why));
	}
	cmd->nr_fields += n;
	return 0;
}

static int parse_probe_options(char *line, struct drvtrace_cmd *cmd)
{
	bool mode_set = false, args_set = false;
	unsigned int val, i;
	char *tok;
	int ret;

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
			if (mode_set)
				return reject(cmd, "%s: mode given twice", tok);
			cmd->mode = mode;
			mode_set = true;
		} else if (str_has_prefix(tok, "args=")) {
			if (args_set || kstrtouint(tok + 5, 10, &val) ||
			    val > DRVTRACE_CMD_MAX_ARGS)
				return reject(cmd, "%s: args= must be 0 to %d, given once",
					      tok, DRVTRACE_CMD_MAX_ARGS);
			cmd->nr_args = val;
			args_set = true;
		} else if (str_has_prefix(tok, "maxactive=")) {
			if (cmd->maxactive || kstrtouint(tok + 10, 10, &val) ||
			    !val || val > DRVTRACE_CMD_MAX_MAXACTIVE)
				return reject(cmd, "%s: maxactive= must be 1 to %d, given once",
					      tok, DRVTRACE_CMD_MAX_MAXACTIVE);
			cmd->maxactive = val;
		} else if (!strcmp(tok, "stack")) {
			if (cmd->stack)
				return reject(cmd, "stack given twice");
			cmd->stack = true;
		} else {
			ret = parse_field(tok, cmd);
			if (ret)
				return ret;
		}
	}

	if (cmd->offset && (cmd->mode & DRVTRACE_MODE_RETURN)) {
		if (mode_set)
			return reject(cmd, "%s+0x%lx: a probe inside a function is entry only",
				      cmd->symbol, cmd->offset);
		cmd->mode = DRVTRACE_MODE_ENTRY;
	}
	if (!(cmd->mode & DRVTRACE_MODE_ENTRY) && cmd->stack)
		return reject(cmd, "stack needs the entry event");
	if (!(cmd->mode & DRVTRACE_MODE_RETURN) && cmd->maxactive)
		return reject(cmd, "maxactive= needs the return event");
	for (i = 0; i < cmd->nr_fields; i++)
		if (drvtrace_fetch_at_return(&cmd->fields[i].fetch) &&
		    !(cmd->mode & DRVTRACE_MODE_RETURN))
			return reject(cmd, "%s: retval needs the return event",
				      cmd->fields[i].name);
	return cmd->nr_args ? expand_args(cmd) : 0;
}

/**
 * drvtrace_cmd_parse() - parse one control command
 * @line: the line, without its newline; modified in place
 * @cmd: filled in on success; its strings point into @line
 * @why: set to the reason when the line is rejected
 *
 * Return: 0, or -EINVAL for a malformed line.
 */
int drvtrace_cmd_parse(char *line, struct drvtrace_cmd *cmd, const char **why)
{
	char *verb, *target;
	const char *p;

	memset(cmd, 0, sizeof(*cmd));
	*why = cmd->why;
	verb = next_token(&line);
	if (!verb || verb[0] == '#') {
		cmd->verb = DRVTRACE_CMD_NONE;
		return 0;
	}

	if (!strcmp(verb, "clear") || !strcmp(verb, "reset")) {
		cmd->verb = verb[0] == 'c' ? DRVTRACE_CMD_CLEAR : DRVTRACE_CMD_RESET;
		return next_token(&line) ?
			reject(cmd, "%s takes no argument", verb) : 0;
	}

	if (strcmp(verb, "probe") && strcmp(verb, "unprobe"))
		return reject(cmd, "%s: unknown command (probe, unprobe, clear, reset)",
			      verb);
	cmd->verb = verb[0] == 'p' ? DRVTRACE_CMD_PROBE : DRVTRACE_CMD_UNPROBE;

	target = next_token(&line);
	if (!target)
		return reject(cmd, "%s: missing symbol name", verb);

	if (cmd->verb == DRVTRACE_CMD_UNPROBE) {
		/* An event name or a symbol as probed: checked against the list. */
		if (strlen(target) >= KSYM_NAME_LEN)
			return reject(cmd, "unprobe: name too long");
		for (p = target; *p; p++)
			if (!isalnum(*p) && !strchr("_.:+", *p))
				return reject(cmd, "%s: malformed symbol or event name",
					      target);
		cmd->symbol = target;
		return next_token(&line) ?
			reject(cmd, "unprobe takes only a symbol or an event name") : 0;
	}
	if (parse_target(target, cmd))
		return -EINVAL;
	return parse_probe_options(line, cmd);
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
