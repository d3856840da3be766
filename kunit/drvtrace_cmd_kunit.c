// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the control-command parser, modules/drvtrace_cmd.c, and
 * the fetch-argument parser and evaluator, modules/drvtrace_fetch.c, both
 * compiled in here: every command form, every rejection, the boundaries of
 * symbol length, args= and maxactive=, the fields of typed probes, and
 * fetches through bad pointers, which must give a marked value, not an oops.
 */
#include "../modules/drvtrace_cmd.c"
#include "../modules/drvtrace_fetch.c"

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

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
	{ "probe __setup_irq args=2", 0, DRVTRACE_CMD_PROBE, "__setup_irq",
	  BOTH, 2 },
	{ "probe f return args=1", 0, DRVTRACE_CMD_PROBE, "f", RETURN, 1 },
	{ "probe f+0x10", 0, DRVTRACE_CMD_PROBE, "f", ENTRY },
	{ "probe f+16 entry", 0, DRVTRACE_CMD_PROBE, "f", ENTRY },
	{ "probe nic_open=hns3_nic_net_up name=+0(arg1):string", 0,
	  DRVTRACE_CMD_PROBE, "hns3_nic_net_up", BOTH },
	{ "probe m:f entry x=arg1:u32", 0, DRVTRACE_CMD_PROBE, "m:f", ENTRY },
	{ "unprobe nic_open", 0, DRVTRACE_CMD_UNPROBE, "nic_open" },
	{ "unprobe f+0x10", 0, DRVTRACE_CMD_UNPROBE, "f+0x10" },
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
	{ "probe f return stack", -EINVAL },
	{ "probe f entry maxactive=8", -EINVAL },
	{ "probe :f", -EINVAL },
	{ "probe m:", -EINVAL },
	{ "probe a:b:c", -EINVAL },
	{ "probe f-g", -EINVAL },
	{ "probe f/g", -EINVAL },
	{ "probe f+0x10 return", -EINVAL },
	{ "probe f+0x10 both", -EINVAL },
	{ "probe f+x", -EINVAL },
	{ "probe 1e=f", -EINVAL },
	{ "probe e-v=f", -EINVAL },
	{ "probe f x=", -EINVAL },
	{ "probe f =arg1", -EINVAL },
	{ "probe f 1x=arg1", -EINVAL },
	{ "probe f x=arg0", -EINVAL },
	{ "probe f x=arg17", -EINVAL },
	{ "probe f x=argx", -EINVAL },
	{ "probe f x=arg1:u128", -EINVAL },
	{ "probe f x=arg1:", -EINVAL },
	{ "probe f x=+0(arg1", -EINVAL },
	{ "probe f x=+(arg1)", -EINVAL },
	{ "probe f x=+0x(arg1)", -EINVAL },
	{ "probe f x=0(arg1)", -EINVAL },
	{ "probe f x=+0(+0(+0(+0(+0(arg1)))))", -EINVAL },
	/* Dereferences without a name or a '(': once an oops in naming them. */
	{ "probe f +0", -EINVAL },
	{ "probe f -8", -EINVAL },
	{ "probe f +", -EINVAL },
	{ "probe f +0arg1)", -EINVAL },
	{ "probe f x=+0(comm)", -EINVAL },
	{ "probe f x=comm:u32", -EINVAL },
	{ "probe f x=@", -EINVAL },
	{ "probe f x=@a-b", -EINVAL },
	{ "probe f x=%nosuchreg", -EINVAL },
	{ "probe f x=arg1->name", -EINVAL },
	{ "probe f x=arg1.name", -EINVAL },
	{ "probe f x=arg1 x=arg2", -EINVAL },
	{ "probe f arg1 arg1", -EINVAL },
	{ "probe f args=2 arg2", -EINVAL },
	{ "probe f ret=arg1", -EINVAL },
	{ "probe f duration_ns=arg1", -EINVAL },
	{ "probe f common_pid=arg1", -EINVAL },
	{ "probe f entry r=retval", -EINVAL },
	{ "probe f bogus=1", -EINVAL },
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

static struct drvtrace_cmd *new_cmd(struct kunit *test)
{
	struct drvtrace_cmd *cmd = kunit_kzalloc(test, sizeof(*cmd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cmd);
	return cmd;
}

static void cmd_parses(struct kunit *test)
{
	const struct cmd_case *t = test->param_value;
	struct drvtrace_cmd *cmd = new_cmd(test);
	const char *why;

	KUNIT_ASSERT_EQ_MSG(test, parse(test, t->line, cmd, &why), 0,
			    "rejected: %s", why);
	KUNIT_EXPECT_EQ(test, cmd->verb, t->verb);
	if (t->symbol)
		KUNIT_EXPECT_STREQ(test, cmd->symbol, t->symbol);
	if (t->verb != DRVTRACE_CMD_PROBE)
		return;
	KUNIT_EXPECT_EQ(test, cmd->mode, t->mode);
	KUNIT_EXPECT_EQ(test, cmd->nr_args, t->nr_args);
	KUNIT_EXPECT_EQ(test, cmd->stack, t->stack);
	KUNIT_EXPECT_EQ(test, cmd->maxactive, t->maxactive);
}

/* Rejected with -EINVAL and a reason, naming the token, to log. */
static void cmd_rejects(struct kunit *test)
{
	const struct cmd_case *t = test->param_value;
	struct drvtrace_cmd *cmd = new_cmd(test);
	const char *why;

	KUNIT_EXPECT_EQ(test, parse(test, t->line, cmd, &why), t->err);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, why);
	KUNIT_EXPECT_NE_MSG(test, strlen(why), 0, "no reason for '%s'", t->line);
}

/* Symbols of KSYM_NAME_LEN - 1 characters are kallsyms names; longer are not. */
static void cmd_symbol_length(struct kunit *test)
{
	const size_t len = KSYM_NAME_LEN + 16;
	char *line = kunit_kzalloc(test, len, GFP_KERNEL);
	struct drvtrace_cmd *cmd = new_cmd(test);
	const char *why;
	size_t n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, line);
	for (n = KSYM_NAME_LEN - 1; n <= KSYM_NAME_LEN; n++) {
		strcpy(line, "unprobe ");
		memset(line + 8, 's', n);
		line[8 + n] = '\0';
		KUNIT_EXPECT_EQ_MSG(test, parse(test, line, cmd, &why),
				    n < KSYM_NAME_LEN ? 0 : -EINVAL,
				    "symbol of %zu characters", n);
		if (n < KSYM_NAME_LEN)
			KUNIT_EXPECT_EQ(test, strlen(cmd->symbol), n);
	}
}

/* DRVTRACE_CMD_MAX_FIELDS fields are taken, one more is not. */
static void cmd_field_count(struct kunit *test)
{
	struct drvtrace_cmd *cmd = new_cmd(test);
	char *line = kunit_kzalloc(test, 512, GFP_KERNEL);
	const char *why;
	int n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, line);
	for (n = DRVTRACE_CMD_MAX_FIELDS; n <= DRVTRACE_CMD_MAX_FIELDS + 1; n++) {
		int i;

		strcpy(line, "probe f");
		for (i = 0; i < n; i++)
			sprintf(line + strlen(line), " f%d=arg1", i);
		KUNIT_EXPECT_EQ_MSG(test, parse(test, line, cmd, &why),
				    n <= DRVTRACE_CMD_MAX_FIELDS ? 0 : -EINVAL,
				    "%d fields", n);
	}
}

static void cmd_mode_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(ENTRY), "entry");
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(RETURN), "return");
	KUNIT_EXPECT_STREQ(test, drvtrace_mode_name(BOTH), "both");
}

/* Typed probes: the fields and the event name a line gives. */
struct field_case {
	const char	*line;
	const char	*event;
	const char	*fields;	/* name:type,... in record order */
};

#if defined(CONFIG_X86_64)
#define ARG1_REG	"di"
#else
#define ARG1_REG	"x0"
#endif

static const struct field_case field_cases[] = {
	{ "probe do_sys_openat2 fn=+0(arg2):ustring count=arg3:u32",
	  "do_sys_openat2", "fn:ustring,count:u32" },
	{ "probe nic_open=hns3_nic_net_up name=+0(arg1):string state=+64(arg1):x64",
	  "nic_open", "name:string,state:x64" },
	{ "probe f args=2 r=retval:s32 comm", "f",
	  "arg1:x64,arg2:x64,r:s32,comm:string" },
	{ "probe m:f.isra.0+0x10 arg3 +16(+0(arg3)):string -8(arg1):s8",
	  "m_f_isra_0_0x10", "arg3:x64,arg3_16:string,arg1_m8:s8" },
	{ "probe f $arg1:u16 $retval $comm @jiffies:u64 j=@jiffies+8:symbol",
	  "f", "arg1:u16,retval:x64,comm:string,jiffies:u64,j:symbol" },
	{ "probe f %" ARG1_REG ":x32", "f", ARG1_REG ":x32" },
	{ "probe f", "f", "" },
};

static void field_case_desc(const struct field_case *t, char *desc)
{
	drvtrace_kunit_desc(desc, t->line, 0);
}

KUNIT_ARRAY_PARAM(field, field_cases, field_case_desc);

static void cmd_fields(struct kunit *test)
{
	const struct field_case *t = test->param_value;
	struct drvtrace_cmd *cmd = new_cmd(test);
	char *got = kunit_kzalloc(test, 256, GFP_KERNEL);
	const char *why;
	unsigned int i;
	int ret;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, got);
	ret = parse(test, t->line, cmd, &why);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "rejected: %s", why);
	KUNIT_EXPECT_STREQ(test, cmd->event, t->event);
	for (i = 0; i < cmd->nr_fields; i++)
		snprintf(got + strlen(got), 256 - strlen(got), "%s%s:%s",
			 i ? "," : "", cmd->fields[i].name,
			 drvtrace_type_name(cmd->fields[i].fetch.type));
	KUNIT_EXPECT_STREQ(test, got, t->fields);
}

/* The fetch parser: what each spelling compiles to. */
struct fetch_case {
	const char			*spec;
	enum drvtrace_fetch_base	base;
	unsigned int			index;
	unsigned int			nr_derefs;
	long				offsets[2];
	enum drvtrace_type		type;
};

static const struct fetch_case fetch_cases[] = {
	{ "arg1", DRVTRACE_FETCH_ARG, 0, 0, {}, DRVTRACE_TYPE_X64 },
	{ "arg16:u8", DRVTRACE_FETCH_ARG, 15, 0, {}, DRVTRACE_TYPE_U8 },
	{ "+8(arg2):u32", DRVTRACE_FETCH_ARG, 1, 1, { 8 }, DRVTRACE_TYPE_U32 },
	{ "-8(+0x10(arg3))", DRVTRACE_FETCH_ARG, 2, 2, { 16, -8 },
	  DRVTRACE_TYPE_X64 },
	{ "@jiffies", DRVTRACE_FETCH_SYMBOL, 0, 1, { 0 }, DRVTRACE_TYPE_X64 },
	{ "@jiffies+8:s32", DRVTRACE_FETCH_SYMBOL, 0, 1, { 8 }, DRVTRACE_TYPE_S32 },
	{ "+4(@x-4)", DRVTRACE_FETCH_SYMBOL, 0, 2, { -4, 4 }, DRVTRACE_TYPE_X64 },
	{ "retval:s32", DRVTRACE_FETCH_RETVAL, 0, 0, {}, DRVTRACE_TYPE_S32 },
	{ "$retval", DRVTRACE_FETCH_RETVAL, 0, 0, {}, DRVTRACE_TYPE_X64 },
	{ "comm", DRVTRACE_FETCH_COMM, 0, 0, {}, DRVTRACE_TYPE_STRING },
	{ "$comm:string", DRVTRACE_FETCH_COMM, 0, 0, {}, DRVTRACE_TYPE_STRING },
	{ "$arg2:string", DRVTRACE_FETCH_ARG, 1, 0, {}, DRVTRACE_TYPE_STRING },
	{ "+0(arg1):ustring", DRVTRACE_FETCH_ARG, 0, 1, { 0 },
	  DRVTRACE_TYPE_USTRING },
	{ "+0x10(arg1):symbol", DRVTRACE_FETCH_ARG, 0, 1, { 16 },
	  DRVTRACE_TYPE_SYMBOL },
};

static void fetch_case_desc(const struct fetch_case *t, char *desc)
{
	drvtrace_kunit_desc(desc, t->spec, 0);
}

KUNIT_ARRAY_PARAM(fetch, fetch_cases, fetch_case_desc);

static void fetch_parses(struct kunit *test)
{
	const struct fetch_case *t = test->param_value;
	char *spec = kunit_kzalloc(test, strlen(t->spec) + 1, GFP_KERNEL);
	struct drvtrace_fetch f;
	char why[96];
	unsigned int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, spec);
	strcpy(spec, t->spec);
	KUNIT_ASSERT_EQ_MSG(test, drvtrace_fetch_parse(spec, &f, why, sizeof(why)),
			    0, "rejected: %s", why);
	KUNIT_EXPECT_EQ(test, f.base, t->base);
	if (t->base == DRVTRACE_FETCH_ARG)
		KUNIT_EXPECT_EQ(test, f.index, t->index);
	KUNIT_EXPECT_EQ(test, f.nr_derefs, t->nr_derefs);
	for (i = 0; i < t->nr_derefs && i < 2; i++)
		KUNIT_EXPECT_EQ(test, f.offsets[i], t->offsets[i]);
	KUNIT_EXPECT_EQ(test, f.type, t->type);
}

/* Evaluation, against registers set by hand and memory of our own. */
struct fetch_target {
	u32				small;
	u64				big;
	const char			*name;
	char				inline_name[16];
	struct fetch_target		*next;
};

static void set_reg_arg(struct pt_regs *regs, unsigned int n, unsigned long v)
{
#if defined(CONFIG_X86_64)
	unsigned long *r[] = { &regs->di, &regs->si, &regs->dx, &regs->cx,
			       &regs->r8, &regs->r9 };

	*r[n] = v;
#elif defined(CONFIG_ARM64)
	regs->regs[n] = v;
#endif
}

static int eval(struct kunit *test, const char *spec, struct pt_regs *regs,
		u64 *val, char *str)
{
	char *copy = kunit_kzalloc(test, strlen(spec) + 1, GFP_KERNEL);
	struct drvtrace_fetch f;
	char why[96];

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, copy);
	strcpy(copy, spec);
	KUNIT_ASSERT_EQ_MSG(test, drvtrace_fetch_parse(copy, &f, why, sizeof(why)),
			    0, "%s: %s", spec, why);
	if (drvtrace_type_is_string(f.type))
		return drvtrace_fetch_string(&f, regs, str);
	return drvtrace_fetch_value(&f, regs, val);
}

static void fetch_evaluates(struct kunit *test)
{
	struct fetch_target *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct pt_regs *regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	char *str = kunit_kzalloc(test, DRVTRACE_STRING_MAX, GFP_KERNEL);
	char spec[64];
	u64 val;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, regs);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, str);
	t->small = 0xa1b2c3d4;
	t->big = 0x1122334455667788ULL;
	t->name = "eth2";
	strscpy(t->inline_name, "lo", sizeof(t->inline_name));
	set_reg_arg(regs, 0, (unsigned long)t);
	set_reg_arg(regs, 2, 0x12345);

	KUNIT_EXPECT_EQ(test, eval(test, "arg1", regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, (u64)(unsigned long)t);
	KUNIT_EXPECT_EQ(test, eval(test, "%" ARG1_REG, regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, (u64)(unsigned long)t);
	KUNIT_EXPECT_EQ(test, eval(test, "arg3:u16", regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, 0x2345ULL);

	snprintf(spec, sizeof(spec), "+%zu(arg1):u32", offsetof(typeof(*t), small));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, 0xa1b2c3d4ULL);
	/* The last load reads the type's size only. */
	snprintf(spec, sizeof(spec), "+%zu(arg1):u8", offsetof(typeof(*t), big));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, 0x88ULL);
	snprintf(spec, sizeof(spec), "+%zu(arg1):u64", offsetof(typeof(*t), big));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), 0);
	KUNIT_EXPECT_EQ(test, val, 0x1122334455667788ULL);

	/* A char * member, and a char array member, read as strings. */
	snprintf(spec, sizeof(spec), "+0(+%zu(arg1)):string", offsetof(typeof(*t), name));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), 5);
	KUNIT_EXPECT_STREQ(test, str, "eth2");
	snprintf(spec, sizeof(spec), "+%zu(arg1):string", offsetof(typeof(*t), inline_name));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), 3);
	KUNIT_EXPECT_STREQ(test, str, "lo");

	/* Through a NULL member: a marked value, never an oops. */
	snprintf(spec, sizeof(spec), "+0(+%zu(arg1)):u32", offsetof(typeof(*t), next));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), -EFAULT);
	KUNIT_EXPECT_EQ(test, val, 0ULL);
	snprintf(spec, sizeof(spec), "+0(+%zu(arg1)):string", offsetof(typeof(*t), next));
	KUNIT_EXPECT_EQ(test, eval(test, spec, regs, &val, str), -EFAULT);
	KUNIT_EXPECT_STREQ(test, str, DRVTRACE_FAULT_STRING);

	/* A wild pointer, a non-canonical one, a user one read as kernel. */
	set_reg_arg(regs, 1, 0xdead000000000000UL);
	KUNIT_EXPECT_EQ(test, eval(test, "+0(arg2)", regs, &val, str), -EFAULT);
	KUNIT_EXPECT_EQ(test, eval(test, "+0(arg2):string", regs, &val, str), -EFAULT);
	KUNIT_EXPECT_STREQ(test, str, DRVTRACE_FAULT_STRING);
	set_reg_arg(regs, 1, 0x1000);
	KUNIT_EXPECT_EQ(test, eval(test, "+8(arg2):u64", regs, &val, str), -EFAULT);
	KUNIT_EXPECT_EQ(test, eval(test, "arg2:string", regs, &val, str), -EFAULT);
	/* A kernel address read as a user string. */
	KUNIT_EXPECT_EQ(test, eval(test, "arg1:ustring", regs, &val, str), -EFAULT);
	KUNIT_EXPECT_STREQ(test, str, DRVTRACE_FAULT_STRING);

	KUNIT_EXPECT_EQ(test, eval(test, "comm", regs, &val, str),
			(int)strlen(current->comm) + 1);
	KUNIT_EXPECT_STREQ(test, str, current->comm);
}

/* Strings that end at a page's last byte, run into a hole, or are long. */
static void fetch_string_edges(struct kunit *test)
{
	struct pt_regs *regs = kunit_kzalloc(test, sizeof(*regs), GFP_KERNEL);
	char *str = kunit_kzalloc(test, DRVTRACE_STRING_MAX, GFP_KERNEL);
	char *page = vmalloc(PAGE_SIZE);	/* a guard hole follows it */
	char *big = kunit_kzalloc(test, 2 * DRVTRACE_STRING_MAX, GFP_KERNEL);
	u64 val;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, regs);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, str);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, page);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, big);

	memset(page, 'x', PAGE_SIZE);
	strscpy(page + PAGE_SIZE - 3, "ab", 3);
	set_reg_arg(regs, 0, (unsigned long)(page + PAGE_SIZE - 3));
	KUNIT_EXPECT_EQ(test, eval(test, "arg1:string", regs, &val, str), 3);
	KUNIT_EXPECT_STREQ(test, str, "ab");

	page[PAGE_SIZE - 1] = 'c';	/* no NUL before the hole */
	KUNIT_EXPECT_EQ(test, eval(test, "arg1:string", regs, &val, str), -EFAULT);
	KUNIT_EXPECT_STREQ(test, str, DRVTRACE_FAULT_STRING);
	vfree(page);

	memset(big, 'y', 2 * DRVTRACE_STRING_MAX - 1);
	set_reg_arg(regs, 0, (unsigned long)big + 1);	/* unaligned too */
	KUNIT_EXPECT_EQ(test, eval(test, "arg1:string", regs, &val, str),
			DRVTRACE_STRING_MAX);
	KUNIT_EXPECT_EQ(test, strlen(str), (size_t)DRVTRACE_STRING_MAX - 1);
}

static void fetch_types(struct kunit *test)
{
	enum drvtrace_type type;
	int i;

	for (i = 0; i < DRVTRACE_NR_TYPES; i++) {
		KUNIT_EXPECT_EQ(test, drvtrace_type_parse(drvtrace_type_name(i), &type), 0);
		KUNIT_EXPECT_EQ(test, type, i);
	}
	KUNIT_EXPECT_EQ(test, drvtrace_type_parse("u128", &type), -EINVAL);
	KUNIT_EXPECT_TRUE(test, drvtrace_type_is_signed(DRVTRACE_TYPE_S16));
	KUNIT_EXPECT_FALSE(test, drvtrace_type_is_signed(DRVTRACE_TYPE_X16));
	KUNIT_EXPECT_EQ(test, drvtrace_type_size(DRVTRACE_TYPE_X32), 4U);
}

static struct kunit_case cmd_cases[] = {
	KUNIT_CASE_PARAM(cmd_parses, valid_gen_params),
	KUNIT_CASE_PARAM(cmd_rejects, invalid_gen_params),
	KUNIT_CASE(cmd_symbol_length),
	KUNIT_CASE(cmd_mode_names),
	KUNIT_CASE(cmd_field_count),
	KUNIT_CASE_PARAM(cmd_fields, field_gen_params),
	{}
};

static struct kunit_suite cmd_suite = {
	.name = "drvtrace_cmd",
	.test_cases = cmd_cases,
};

static struct kunit_case fetch_test_cases[] = {
	KUNIT_CASE_PARAM(fetch_parses, fetch_gen_params),
	KUNIT_CASE(fetch_evaluates),
	KUNIT_CASE(fetch_string_edges),
	KUNIT_CASE(fetch_types),
	{}
};

static struct kunit_suite fetch_suite = {
	.name = "drvtrace_fetch",
	.test_cases = fetch_test_cases,
};

kunit_test_suites(&cmd_suite, &fetch_suite);
