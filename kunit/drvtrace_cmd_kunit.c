// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the control-command parser, modules/drvtrace_cmd.c,
 * which is compiled in here: every command form, every rejection, and the
 * boundaries of symbol length, args= and maxactive=.
 */
#include "../modules/drvtrace_cmd.c"

#include <kunit/test.h>
#include <linux/slab.h>

#include "drvtrace_kunit.h"

struct cmd_case {
	const char		*line;
	int			err;
	enum drvtrace_verb	verb;
	const char		*symbol;
	unsigned int		mode;
	unsigned int		nr_args;
	bool			stack;
	int			maxactive;
};

#define BOTH	DRVTRACE_MODE_BOTH
#define ENTRY	DRVTRACE_MODE_ENTRY
#define RETURN	DRVTRACE_MODE_RETURN

static const struct cmd_case valid_cases[] = {
	{ "probe f", 0, DRVTRACE_CMD_PROBE, "f", BOTH },
	{ "probe f entry", 0, DRVTRACE_CMD_PROBE, "f", ENTRY },
	{ "probe f return", 0, DRVTRACE_CMD_PROBE, "f", RETURN },
	{ "probe f both", 0, DRVTRACE_CMD_PROBE, "f", BOTH },
	{ "probe f args=0", 0, DRVTRACE_CMD_PROBE, "f", BOTH, 0 },
	{ "probe f args=6", 0, DRVTRACE_CMD_PROBE, "f", BOTH, 6 },
	{ "probe f entry args=3 stack", 0, DRVTRACE_CMD_PROBE, "f", ENTRY, 3, true },
	{ "probe f stack args=2 entry", 0, DRVTRACE_CMD_PROBE, "f", ENTRY, 2, true },
	{ "probe f maxactive=1", 0, DRVTRACE_CMD_PROBE, "f", BOTH, 0, false, 1 },
	{ "probe f return maxactive=4096", 0, DRVTRACE_CMD_PROBE, "f", RETURN,
	  0, false, 4096 },
	{ "probe f both args=6 stack maxactive=20", 0, DRVTRACE_CMD_PROBE, "f",
	  BOTH, 6, true, 20 },
	{ "\t probe   do_sys_open\tentry  ", 0, DRVTRACE_CMD_PROBE,
	  "do_sys_open", ENTRY },
	{ "probe drvtrace_irqsrc:irqsrc_handler", 0, DRVTRACE_CMD_PROBE,
	  "drvtrace_irqsrc:irqsrc_handler", BOTH },
	{ "probe foo.cold_1", 0, DRVTRACE_CMD_PROBE, "foo.cold_1", BOTH },
	{ "probe __setup_irq", 0, DRVTRACE_CMD_PROBE, "__setup_irq", BOTH },
	{ "probe __setup_irq entry stack", 0, DRVTRACE_CMD_PROBE, "__setup_irq",
	  ENTRY, 0, true },
	{ "unprobe f", 0, DRVTRACE_CMD_UNPROBE, "f" },
	{ "  unprobe  m:f ", 0, DRVTRACE_CMD_UNPROBE, "m:f" },
	{ "clear", 0, DRVTRACE_CMD_CLEAR },
	{ " reset\t", 0, DRVTRACE_CMD_RESET },
	{ "", 0, DRVTRACE_CMD_NONE },
	{ " \t ", 0, DRVTRACE_CMD_NONE },
	{ "# probe f", 0, DRVTRACE_CMD_NONE },
	{ "#", 0, DRVTRACE_CMD_NONE },
};

static const struct cmd_case invalid_cases[] = {
	{ "bogus", -EINVAL },
	{ "PROBE f", -EINVAL },
	{ "probes f", -EINVAL },
	{ "probe", -EINVAL },
	{ "probe f bogus", -EINVAL },
	{ "probe f entry return", -EINVAL },
	{ "probe f both both", -EINVAL },
	{ "probe f args=7", -EINVAL },
	{ "probe f args=-1", -EINVAL },
	{ "probe f args=", -EINVAL },
	{ "probe f args=x", -EINVAL },
	{ "probe f args=1 args=1", -EINVAL },
	{ "probe f maxactive=0", -EINVAL },
	{ "probe f maxactive=4097", -EINVAL },
	{ "probe f maxactive=", -EINVAL },
	{ "probe f maxactive=1 maxactive=1", -EINVAL },
	{ "probe f stack stack", -EINVAL },
	{ "probe f return args=1", -EINVAL },
	{ "probe f return stack", -EINVAL },
	{ "probe f entry maxactive=8", -EINVAL },
	{ "probe __setup_irq args=2", -EINVAL },
	{ "probe __setup_irq args=0", -EINVAL },
	{ "probe :f", -EINVAL },
	{ "probe m:", -EINVAL },
	{ "probe a:b:c", -EINVAL },
	{ "probe f-g", -EINVAL },
	{ "probe f/g", -EINVAL },
	{ "probe f+0x10", -EINVAL },
	{ "probe #f", -EINVAL },
	{ "unprobe", -EINVAL },
	{ "unprobe f entry", -EINVAL },
	{ "unprobe f g", -EINVAL },
	{ "clear now", -EINVAL },
	{ "reset all", -EINVAL },
};

static void cmd_case_desc(const struct cmd_case *t, char *desc)
{
	drvtrace_kunit_desc(desc, t->line, t->err);
}

KUNIT_ARRAY_PARAM(valid, valid_cases, cmd_case_desc);
KUNIT_ARRAY_PARAM(invalid, invalid_cases, cmd_case_desc);

static int parse(struct kunit *test, const char *line, struct drvtrace_cmd *cmd,
		 const char **why)
{
	char *buf = kunit_kzalloc(test, strlen(line) + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	strcpy(buf, line);
	*why = NULL;
	/* Garbage in, so that a field the parser leaves unset shows. */
	memset(cmd, 0x5a, sizeof(*cmd));
	return drvtrace_cmd_parse(buf, cmd, why);
}

static void cmd_parses(struct kunit *test)
{
	const struct cmd_case *t = test->param_value;
	struct drvtrace_cmd cmd;
	const char *why;

	KUNIT_ASSERT_EQ_MSG(test, parse(test, t->line, &cmd, &why), 0,
			    "rejected: %s", why);
	KUNIT_EXPECT_EQ(test, cmd.verb, t->verb);
	if (t->symbol)
		KUNIT_EXPECT_STREQ(test, cmd.symbol, t->symbol);
	if (t->verb != DRVTRACE_CMD_PROBE)
		return;
	KUNIT_EXPECT_EQ(test, cmd.mode, t->mode);
	KUNIT_EXPECT_EQ(test, cmd.nr_args, t->nr_args);
	KUNIT_EXPECT_EQ(test, cmd.stack, t->stack);
	KUNIT_EXPECT_EQ(test, cmd.maxactive, t->maxactive);
}

/* Rejected with -EINVAL and a reason to log. */
static void cmd_rejects(struct kunit *test)
{
	const struct cmd_case *t = test->param_value;
	struct drvtrace_cmd cmd;
	const char *why;

	KUNIT_EXPECT_EQ(test, parse(test, t->line, &cmd, &why), t->err);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, why);
}

/* Symbols of KSYM_NAME_LEN - 1 characters are kallsyms names; longer are not. */
static void cmd_symbol_length(struct kunit *test)
{
	const size_t len = KSYM_NAME_LEN + 16;
	char *line = kunit_kzalloc(test, len, GFP_KERNEL);
	struct drvtrace_cmd cmd;
	const char *why;
	size_t n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, line);
	for (n = KSYM_NAME_LEN - 1; n <= KSYM_NAME_LEN; n++) {
		strcpy(line, "unprobe ");
		memset(line + 8, 's', n);
		line[8 + n] = '\0';
		KUNIT_EXPECT_EQ_MSG(test, parse(test, line, &cmd, &why),
				    n < KSYM_NAME_LEN ? 0 : -EINVAL,
				    "symbol of %zu characters", n);
		if (n < KSYM_NAME_LEN)
			KUNIT_EXPECT_EQ(test, strlen(cmd.symbol), n);
	}
}

static void cmd_mode_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(ENTRY), "entry");
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(RETURN), "return");
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(BOTH), "both");
}

static struct kunit_case cmd_cases[] = {
	KUNIT_CASE_PARAM(cmd_parses, valid_gen_params),
	KUNIT_CASE_PARAM(cmd_rejects, invalid_gen_params),
	KUNIT_CASE(cmd_symbol_length),
	KUNIT_CASE(cmd_mode_names),
	{}
};

static struct kunit_suite cmd_suite = {
	.name = "drvtrace_cmd",
	.test_cases = cmd_cases,
};

kunit_test_suite(cmd_suite);
