// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the probe core: the control file's command runner
 * (modules/drvtrace_control.c) and the probe registry with its events
 * (modules/drvtrace_probe.c), both compiled in here. This module is a probe
 * core of its own, with the drvtrace trace events, so it is loaded while
 * drvtrace.ko is not. The suites probe the functions of
 * drvtrace_kunit_targets.ko, call them with known arguments and look at
 * what the registry counts and what the events carry:
 *
 *   drvtrace_control   command scripts and the errno of each failure
 *   drvtrace_registry  arm, disarm, duplicate, clear, reset, and arming
 *                      and disarming from kthreads while probes fire
 *   drvtrace_decode    arguments, return values, entry/exit pairing and
 *                      durations, under recursion too
 *   drvtrace_typed     the per-probe events: their records field by field,
 *                      the stack, all-or-nothing writes, events in use
 */
#include "../modules/drvtrace_control.c"
#include "../modules/drvtrace_probe.c"
#include "../modules/drvtrace_probe_event.c"

#include <kunit/test.h>
#include <linux/kthread.h>

#include "drvtrace_kunit_targets.h"

#define TARGET		"drvtrace_kunit_target"
#define TARGET2		"drvtrace_kunit_target2"
#define NEST		"drvtrace_kunit_nest"
#define THREE		"probe " TARGET "\nprobe " TARGET2 " entry\nprobe " NEST " return"

/* Run a control script as a write to the control file does. */
static int exec(const char *script)
{
	int ret;

	mutex_lock(&drvtrace_control_lock);
	ret = drvtrace_control_exec(script);
	mutex_unlock(&drvtrace_control_lock);
	return ret;
}

struct probe_line {
	char		symbol[64];
	char		mode[8];
	char		state[12];
	long long	hits;
	long long	returns;
	unsigned long	missed;
	unsigned int	nr_args;
	int		stack;
	int		maxactive;
};

/*
 * What the control file shows: the number of probes listed, and in @out
 * the line of @symbol, if @symbol is given; *@found says whether it is.
 */
static int show(struct kunit *test, const char *symbol, struct probe_line *out,
		bool *found)
{
	struct seq_file m = { .size = PAGE_SIZE * 4 };
	struct probe_line *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	int nr = 0;
	char *line, *s;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, l);
	m.buf = kunit_kzalloc(test, m.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m.buf);
	drvtrace_probe_show(&m);
	KUNIT_ASSERT_FALSE(test, seq_has_overflowed(&m));
	m.buf[m.count] = '\0';

	s = m.buf;
	line = strsep(&s, "\n");
	KUNIT_EXPECT_STREQ(test, line,
			   "# symbol mode state hits returns missed args stack maxactive event fields faults");
	while ((line = strsep(&s, "\n")) && *line) {
		int fields = sscanf(line, "%63s %7s %11s %lld %lld %lu %u %d %d",
				    l->symbol, l->mode, l->state, &l->hits,
				    &l->returns, &l->missed, &l->nr_args,
				    &l->stack, &l->maxactive);

		KUNIT_ASSERT_EQ_MSG(test, fields, 9, "line '%s'", line);
		nr++;
		if (symbol && !strcmp(l->symbol, symbol)) {
			*found = true;
			*out = *l;
		}
	}
	kunit_kfree(test, m.buf);
	kunit_kfree(test, l);
	return nr;
}

static int armed(struct kunit *test)
{
	return show(test, NULL, NULL, NULL);
}

/* Whether @symbol is listed; its line in @l. */
static bool lookup(struct kunit *test, const char *symbol, struct probe_line *l)
{
	bool found = false;

	show(test, symbol, l, &found);
	return found;
}

static bool is_armed(struct kunit *test, const char *symbol)
{
	struct probe_line l;

	return lookup(test, symbol, &l);
}

static u64 this_stats_hits(struct drvtrace_probe *p)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu_ptr(p->stats, cpu)->hits;
	return n;
}

static u64 this_stats_faults(struct drvtrace_probe *p)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu_ptr(p->stats, cpu)->faults;
	return n;
}

/*
 * The events' scratch buffers; not the module notifier, which cannot be
 * registered here: KUnit runs the suites from a module notifier.
 */
static int core_suite_init(struct kunit_suite *suite)
{
	return drvtrace_event_init();
}

static void core_suite_exit(struct kunit_suite *suite)
{
	drvtrace_event_exit();
}

static int core_test_init(struct kunit *test)
{
	drvtrace_probe_clear();
	return 0;
}

static void core_test_exit(struct kunit *test)
{
	drvtrace_probe_clear();
}

struct script_case {
	const char	*name;
	const char	*script;
	int		err;
	int		armed;		/* probes armed afterwards */
};

static const struct script_case script_cases[] = {
	{ "probe", "probe " TARGET, 0, 1 },
	{ "two probes", "probe " TARGET "\nprobe " TARGET2 " entry\n", 0, 2 },
	{ "probe and unprobe", "probe " TARGET "\nunprobe " TARGET, 0, 0 },
	{ "comments and blank lines", "\n# nothing\n\n", 0, 0 },
	{ "clear", "probe " TARGET "\nprobe " TARGET2 "\nclear", 0, 0 },
	{ "reset", "probe " TARGET "\nreset", 0, 1 },
	{ "duplicate", "probe " TARGET "\nprobe " TARGET " entry", -EEXIST, 0 },
	{ "unprobe not armed", "unprobe " TARGET, -ENOENT, 0 },
	{ "no such symbol", "probe drvtrace_kunit_no_such_symbol", -ENOENT, 0 },
	/* A write is one transaction: a failing line undoes the lines before. */
	{ "rolled back at a failing line",
	  "probe " TARGET "\nunprobe " TARGET2 "\nprobe " NEST, -ENOENT, 0 },
	{ "rolled back at a duplicate",
	  "probe " TARGET "\nprobe " TARGET2 "\nprobe " TARGET, -EEXIST, 0 },
	/* A malformed line anywhere: nothing of the write is applied. */
	{ "malformed last line", "probe " TARGET "\nprobe " TARGET2 " args=9",
	  -EINVAL, 0 },
	{ "malformed first line", "bogus\nprobe " TARGET, -EINVAL, 0 },
	/* Our handlers are NOKPROBE: the kernel refuses, with its errno. */
	{ "own handler", "probe drvtrace_kretprobe_entry", -EINVAL, 0 },
	{ "own handler, entry", "probe drvtrace_kprobe_pre entry", -EINVAL, 0 },
};

static void script_case_desc(const struct script_case *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", t->name);
}

KUNIT_ARRAY_PARAM(script, script_cases, script_case_desc);

static void control_script(struct kunit *test)
{
	const struct script_case *t = test->param_value;

	KUNIT_EXPECT_EQ(test, exec(t->script), t->err);
	KUNIT_EXPECT_EQ(test, armed(test), t->armed);
}

static struct kunit_case control_cases[] = {
	KUNIT_CASE_PARAM(control_script, script_gen_params),
	{}
};

static struct kunit_suite control_suite = {
	.name = "drvtrace_control",
	.suite_init = core_suite_init,
	.suite_exit = core_suite_exit,
	.init = core_test_init,
	.exit = core_test_exit,
	.test_cases = control_cases,
};

static void registry_arm_disarm(struct kunit *test)
{
	struct probe_line l;
	int i;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET " args=2 maxactive=7"), 0);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET, &l));
	KUNIT_EXPECT_STREQ(test, l.mode, "both");
	KUNIT_EXPECT_STREQ(test, l.state, "armed");
	KUNIT_EXPECT_EQ(test, l.hits, 0LL);
	KUNIT_EXPECT_EQ(test, l.nr_args, 2U);
	KUNIT_EXPECT_EQ(test, l.stack, 0);
	KUNIT_EXPECT_EQ(test, l.maxactive, 7);

	for (i = 0; i < 3; i++)
		drvtrace_kunit_target(1, 2, 3, 4, 5, 6);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET, &l));
	KUNIT_EXPECT_EQ(test, l.hits, 3LL);
	KUNIT_EXPECT_EQ(test, l.returns, 3LL);
	KUNIT_EXPECT_EQ(test, l.missed, 0UL);

	KUNIT_EXPECT_EQ(test, drvtrace_probe_disarm(TARGET), 0);
	KUNIT_EXPECT_FALSE(test, is_armed(test, TARGET));
	KUNIT_EXPECT_EQ(test, drvtrace_probe_disarm(TARGET), -ENOENT);
}

/* An entry-only probe counts hits and no returns; stack is shown. */
static void registry_entry_only(struct kunit *test)
{
	struct probe_line l;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET2 " entry stack"), 0);
	drvtrace_kunit_target2(5);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET2, &l));
	KUNIT_EXPECT_STREQ(test, l.mode, "entry");
	KUNIT_EXPECT_EQ(test, l.hits, 1LL);
	KUNIT_EXPECT_EQ(test, l.returns, 0LL);
	KUNIT_EXPECT_EQ(test, l.stack, 1);
	KUNIT_EXPECT_EQ(test, l.maxactive, 0);
}

/* A duplicate is refused and leaves the first probe as it was. */
static void registry_duplicate(struct kunit *test)
{
	struct probe_line l;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET " return"), 0);
	KUNIT_EXPECT_EQ(test, exec("probe " TARGET " entry"), -EEXIST);
	KUNIT_EXPECT_EQ(test, exec("probe " TARGET " return"), -EEXIST);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET, &l));
	KUNIT_EXPECT_STREQ(test, l.mode, "return");
	drvtrace_kunit_target(0, 0, 0, 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET, &l));
	KUNIT_EXPECT_EQ(test, l.returns, 1LL);
	KUNIT_EXPECT_EQ(test, armed(test), 1);
}

static void registry_clear(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, exec(THREE), 0);
	KUNIT_EXPECT_EQ(test, armed(test), 3);
	KUNIT_EXPECT_EQ(test, exec("clear"), 0);
	KUNIT_EXPECT_EQ(test, armed(test), 0);
	/* All three can be armed again: nothing of them was left behind. */
	KUNIT_EXPECT_EQ(test, exec(THREE), 0);
	KUNIT_EXPECT_EQ(test, exec("clear\nclear"), 0);
	KUNIT_EXPECT_EQ(test, armed(test), 0);
}

static void registry_reset(struct kunit *test)
{
	struct probe_line l;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET2), 0);
	drvtrace_kunit_target2(1);
	drvtrace_kunit_target2(2);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET2, &l));
	KUNIT_EXPECT_EQ(test, l.hits, 2LL);
	KUNIT_EXPECT_EQ(test, exec("reset"), 0);
	KUNIT_ASSERT_TRUE(test, lookup(test, TARGET2, &l));
	KUNIT_EXPECT_EQ(test, l.hits, 0LL);
	KUNIT_EXPECT_EQ(test, l.returns, 0LL);
	KUNIT_EXPECT_STREQ(test, l.state, "armed");
}

/* Arming and disarming from several kthreads while the target is called. */
#define RACE_ROUNDS	200

struct race {
	struct completion	done;
	bool			armer;
	int			arms;		/* successful arms */
	int			disarms;	/* successful disarms */
	int			bad;		/* an unexpected errno */
};

static int race_fn(void *data)
{
	struct race *r = data;
	int i, ret;

	for (i = 0; i < RACE_ROUNDS && !r->bad; i++) {
		if (!r->armer) {
			drvtrace_kunit_target(i, 0, 0, 0, 0, 0);
			drvtrace_kunit_target2(i);
			continue;
		}
		ret = exec(i & 1 ? "unprobe " TARGET : "probe " TARGET " args=1");
		if (!ret)
			*(i & 1 ? &r->disarms : &r->arms) += 1;
		else if (ret != (i & 1 ? -ENOENT : -EEXIST))
			r->bad = ret;
		cond_resched();
	}
	complete(&r->done);
	return 0;
}

static void registry_concurrent(struct kunit *test)
{
	struct race *r = kunit_kcalloc(test, 4, sizeof(*r), GFP_KERNEL);
	int i, arms = 0, disarms = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	for (i = 0; i < 4; i++) {
		struct task_struct *t;

		r[i].armer = i < 2;
		init_completion(&r[i].done);
		t = kthread_run(race_fn, &r[i], "drvtrace-race/%d", i);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	}
	for (i = 0; i < 4; i++) {
		wait_for_completion(&r[i].done);
		KUNIT_EXPECT_EQ_MSG(test, r[i].bad, 0, "kthread %d", i);
		arms += r[i].arms;
		disarms += r[i].disarms;
	}
	KUNIT_EXPECT_GT(test, arms, 0);
	/* Every disarm undid an arm; at most one arm is left. */
	KUNIT_EXPECT_EQ(test, arms - disarms, (int)is_armed(test, TARGET));
	KUNIT_EXPECT_LE(test, armed(test), 1);
}

static struct kunit_case registry_cases[] = {
	KUNIT_CASE(registry_arm_disarm),
	KUNIT_CASE(registry_entry_only),
	KUNIT_CASE(registry_duplicate),
	KUNIT_CASE(registry_clear),
	KUNIT_CASE(registry_reset),
	KUNIT_CASE(registry_concurrent),
	{}
};

static struct kunit_suite registry_suite = {
	.name = "drvtrace_registry",
	.suite_init = core_suite_init,
	.suite_exit = core_suite_exit,
	.init = core_test_init,
	.exit = core_test_exit,
	.test_cases = registry_cases,
};

/* What the probes on func_entry/func_exit saw. */
#define EVENTS_MAX	16

struct func_event {
	bool		exit;
	char		func[32];
	unsigned int	nr_args;
	u64		args[DRVTRACE_MAX_ARGS];
	long		ret;
	u64		duration_ns;
};

struct func_events {
	atomic_t		n;
	struct func_event	ev[EVENTS_MAX];
};

static struct func_event *func_slot(struct func_events *e)
{
	int i = atomic_inc_return(&e->n) - 1;

	return i < EVENTS_MAX ? &e->ev[i] : NULL;
}

static void probe_func_entry(void *data, const char *func,
			     unsigned int nr_args, const u64 *args)
{
	struct func_event *ev = func_slot(data);

	if (!ev)
		return;
	strscpy(ev->func, func, sizeof(ev->func));
	ev->nr_args = nr_args;
	memcpy(ev->args, args, sizeof(ev->args));
}

static void probe_func_exit(void *data, const char *func, long ret,
			    u64 duration_ns)
{
	struct func_event *ev = func_slot(data);

	if (!ev)
		return;
	ev->exit = true;
	strscpy(ev->func, func, sizeof(ev->func));
	ev->ret = ret;
	ev->duration_ns = duration_ns;
}

static int decode_init(struct kunit *test)
{
	struct func_events *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	int ret;

	if (!e)
		return -ENOMEM;
	core_test_init(test);
	ret = register_trace_func_entry(probe_func_entry, e);
	if (ret)
		return ret;
	ret = register_trace_func_exit(probe_func_exit, e);
	if (ret) {
		unregister_trace_func_entry(probe_func_entry, e);
		return ret;
	}
	test->priv = e;
	return 0;
}

static void decode_exit(struct kunit *test)
{
	struct func_events *e = test->priv;

	drvtrace_probe_clear();
	unregister_trace_func_exit(probe_func_exit, e);
	unregister_trace_func_entry(probe_func_entry, e);
	tracepoint_synchronize_unregister();
}

static int nr_events(struct kunit *test)
{
	return atomic_read(&((struct func_events *)test->priv)->n);
}

static struct func_event *event(struct kunit *test, int i)
{
	return &((struct func_events *)test->priv)->ev[i];
}

/* The first args= arguments arrive in order, negative ones as two's complement. */
static void decode_args(struct kunit *test)
{
	static const long want[] = { 1, -2, 0x7fffffffL, 0, LONG_MIN, 42 };
	struct func_event *ev;
	int i;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET " entry args=6"), 0);
	drvtrace_kunit_target(want[0], want[1], want[2], want[3], want[4], want[5]);
	KUNIT_ASSERT_EQ(test, nr_events(test), 1);
	ev = event(test, 0);
	KUNIT_EXPECT_FALSE(test, ev->exit);
	KUNIT_EXPECT_STREQ(test, ev->func, TARGET);
	KUNIT_EXPECT_EQ(test, ev->nr_args, 6U);
	for (i = 0; i < 6; i++)
		KUNIT_EXPECT_EQ_MSG(test, ev->args[i], (u64)want[i], "arg %d", i);
}

/* Arguments past args= are not read: they are zero in the event. */
static void decode_fewer_args(struct kunit *test)
{
	struct func_event *ev;
	int i;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET " args=2"), 0);
	drvtrace_kunit_target(7, 8, 9, 10, 11, 12);
	KUNIT_ASSERT_EQ(test, nr_events(test), 2);
	ev = event(test, 0);
	KUNIT_EXPECT_EQ(test, ev->nr_args, 2U);
	KUNIT_EXPECT_EQ(test, ev->args[0], 7ULL);
	KUNIT_EXPECT_EQ(test, ev->args[1], 8ULL);
	for (i = 2; i < 6; i++)
		KUNIT_EXPECT_EQ(test, ev->args[i], 0ULL);
	KUNIT_EXPECT_TRUE(test, event(test, 1)->exit);
	KUNIT_EXPECT_EQ(test, event(test, 1)->ret, 57L);
}

/* The return value, negative included, and only exits for "return". */
static void decode_return(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, exec("probe " TARGET2 " return"), 0);
	drvtrace_kunit_target2(12345);
	drvtrace_kunit_target2(-7);
	KUNIT_ASSERT_EQ(test, nr_events(test), 2);
	KUNIT_EXPECT_TRUE(test, event(test, 0)->exit);
	KUNIT_EXPECT_STREQ(test, event(test, 0)->func, TARGET2);
	KUNIT_EXPECT_EQ(test, event(test, 0)->ret, -12345L);
	KUNIT_EXPECT_TRUE(test, event(test, 1)->exit);
	KUNIT_EXPECT_EQ(test, event(test, 1)->ret, 7L);
}

/*
 * The duration covers the function's body, as the body timed itself, and
 * no more than the call as the caller timed it.
 */
static void decode_duration(struct kunit *test)
{
	struct func_event *ev;
	u64 start, end, body;

	KUNIT_ASSERT_EQ(test, exec("probe " TARGET), 0);
	start = ktime_get_ns();
	drvtrace_kunit_target(0, 0, 0, 0, 0, 0);
	end = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, nr_events(test), 2);
	ev = event(test, 1);
	KUNIT_ASSERT_TRUE(test, ev->exit);
	body = drvtrace_kunit_body_end[0] - drvtrace_kunit_body_start[0];
	KUNIT_EXPECT_GT(test, body, 0ULL);
	KUNIT_EXPECT_GE(test, ev->duration_ns, body);
	KUNIT_EXPECT_LE(test, ev->duration_ns, end - start);
}

/*
 * Under recursion each return pairs with its own call: the innermost
 * returns first, and each call's duration covers its own body, callees
 * included, so it exceeds its callee's.
 */
static void decode_nested(struct kunit *test)
{
	const int depth = 3;
	int i;

	KUNIT_ASSERT_EQ(test, exec("probe " NEST " args=1"), 0);
	KUNIT_EXPECT_EQ(test, drvtrace_kunit_nest(depth - 1), (long)depth - 1);
	KUNIT_ASSERT_EQ(test, nr_events(test), 2 * depth);
	for (i = 0; i < depth; i++) {
		struct func_event *in = event(test, i);
		struct func_event *out = event(test, depth + i);

		KUNIT_EXPECT_FALSE(test, in->exit);
		KUNIT_EXPECT_EQ(test, in->args[0], (u64)(depth - 1 - i));
		KUNIT_EXPECT_TRUE(test, out->exit);
		/* Returns come innermost first: depth 0, 1, 2. */
		KUNIT_EXPECT_EQ(test, out->ret, (long)i);
		KUNIT_EXPECT_GE(test, out->duration_ns,
				drvtrace_kunit_body_end[i] - drvtrace_kunit_body_start[i]);
		if (i)
			KUNIT_EXPECT_GT(test, out->duration_ns,
					event(test, depth + i - 1)->duration_ns);
	}
}

/* Disarmed, a function emits nothing. */
static void decode_disarmed(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, exec("probe " TARGET "\nunprobe " TARGET), 0);
	drvtrace_kunit_target(1, 2, 3, 4, 5, 6);
	KUNIT_EXPECT_EQ(test, nr_events(test), 0);
}

static struct kunit_case decode_cases[] = {
	KUNIT_CASE(decode_args),
	KUNIT_CASE(decode_fewer_args),
	KUNIT_CASE(decode_return),
	KUNIT_CASE(decode_duration),
	KUNIT_CASE(decode_nested),
	KUNIT_CASE(decode_disarmed),
	{}
};

static struct kunit_suite decode_suite = {
	.name = "drvtrace_decode",
	.suite_init = core_suite_init,
	.suite_exit = core_suite_exit,
	.init = decode_init,
	.exit = decode_exit,
	.test_cases = decode_cases,
};

/* The per-probe events: records caught on the events' own tracepoints. */
#define RECORD_MAX	1024

struct caught {
	atomic_t	n;
	unsigned int	size[2];
	char		rec[2][RECORD_MAX];
};

static void catch_record(void *data, struct drvtrace_record *r)
{
	struct caught *c = data;
	int i = atomic_inc_return(&c->n) - 1;

	if (i >= 2 || r->size > RECORD_MAX)
		return;
	c->size[i] = r->size;
	memcpy(c->rec[i], r->buf, r->size);
}

static struct drvtrace_probe *find_probe(const char *event)
{
	struct drvtrace_probe *p;

	mutex_lock(&drvtrace_probes_lock);
	p = drvtrace_find_event(event);
	mutex_unlock(&drvtrace_probes_lock);
	return p;
}

static int field_index(struct drvtrace_event *ev, const char *name)
{
	unsigned int i;

	for (i = 0; i < ev->nr_fields; i++)
		if (!strcmp(ev->fields[i].name, name))
			return i;
	return -1;
}

static u64 rec_value(struct kunit *test, struct drvtrace_event *ev,
		     const char *rec, const char *name)
{
	int i = field_index(ev, name);

	KUNIT_ASSERT_GE_MSG(test, i, 0, "no field %s", name);
	return record_value(rec, &ev->fields[i]);
}

static const char *rec_string(struct kunit *test, struct drvtrace_event *ev,
			      const char *rec, const char *name)
{
	int i = field_index(ev, name);

	KUNIT_ASSERT_GE_MSG(test, i, 0, "no field %s", name);
	return rec + (*(u32 *)(rec + ev->fields[i].offset) & 0xffff);
}

struct typed_arg {
	u32		id;
	const char	*name;
};

/* The entry and exit records of one call of the target, arg1 @arg1, arg2 -5. */
static void catch_target_call(struct kunit *test, struct drvtrace_probe *p,
			      struct caught *c, long arg1)
{
	KUNIT_ASSERT_EQ(test, tracepoint_probe_register(&p->entry_ev->tp,
							catch_record, c), 0);
	KUNIT_ASSERT_EQ(test, tracepoint_probe_register(&p->exit_ev->tp,
							catch_record, c), 0);

	drvtrace_kunit_target(arg1, -5, 0, 0, 0, 0);

	tracepoint_probe_unregister(&p->entry_ev->tp, catch_record, c);
	tracepoint_probe_unregister(&p->exit_ev->tp, catch_record, c);
	tracepoint_synchronize_unregister();
	KUNIT_ASSERT_EQ(test, atomic_read(&c->n), 2);
}

/* Entry and exit records carry the typed fields; exit adds ret and duration. */
static void typed_records(struct kunit *test)
{
	struct caught *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct typed_arg arg = { .id = 0xbeef, .name = "eth2" };
	struct drvtrace_probe *p;
	char script[160];
	const char *rec;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	snprintf(script, sizeof(script),
		 "probe t=" TARGET " id=+%zu(arg1):u32 name=+0(+%zu(arg1)):string %s",
		 offsetof(struct typed_arg, id), offsetof(struct typed_arg, name),
		 "b=arg2:s32 comm r=retval:s16");
	KUNIT_ASSERT_EQ(test, exec(script), 0);
	p = find_probe("t");
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, p->nr_entry_fields, 4U);
	catch_target_call(test, p, c, (long)&arg);

	rec = c->rec[0];
	KUNIT_EXPECT_EQ(test, rec_value(test, p->entry_ev, rec, "id"), 0xbeefULL);
	KUNIT_EXPECT_STREQ(test, rec_string(test, p->entry_ev, rec, "name"), "eth2");
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->entry_ev, rec, "b"), -5LL);
	KUNIT_EXPECT_STREQ(test, rec_string(test, p->entry_ev, rec, "comm"),
			   current->comm);
	KUNIT_EXPECT_LT(test, field_index(p->entry_ev, "r"), 0);

	rec = c->rec[1];
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->exit_ev, rec, "ret"),
			(s64)((long)&arg - 5));
	KUNIT_EXPECT_GE(test, rec_value(test, p->exit_ev, rec, "duration_ns"),
			(u64)DRVTRACE_KUNIT_TARGET_US * 1000 / 2);
	KUNIT_EXPECT_EQ(test, rec_value(test, p->exit_ev, rec, "id"), 0xbeefULL);
	KUNIT_EXPECT_STREQ(test, rec_string(test, p->exit_ev, rec, "name"), "eth2");
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->exit_ev, rec, "r"),
			(s64)(s16)((long)&arg - 5));
}

/*
 * Fixed-size entry fields travel as an image of the records' layout: the
 * values land where each record has them, and the padding is zeros.
 */
static void typed_image(struct kunit *test)
{
	struct caught *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct typed_arg arg = { .id = 0xbeef, .name = "eth2" };
	unsigned int off, pad;
	struct drvtrace_probe *p;
	char script[160];
	const char *rec;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	snprintf(script, sizeof(script),
		 "probe t=" TARGET " a=arg2:s8 p=arg1:x64 id=+%zu(arg1):u32 r=retval:s16",
		 offsetof(struct typed_arg, id));
	KUNIT_ASSERT_EQ(test, exec(script), 0);
	p = find_probe("t");
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, p->image);
	KUNIT_EXPECT_TRUE(test, p->image_holes);
	catch_target_call(test, p, c, (long)&arg);

	rec = c->rec[0];
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->entry_ev, rec, "a"), -5LL);
	KUNIT_EXPECT_EQ(test, rec_value(test, p->entry_ev, rec, "p"), (u64)(long)&arg);
	KUNIT_EXPECT_EQ(test, rec_value(test, p->entry_ev, rec, "id"), 0xbeefULL);

	rec = c->rec[1];
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->exit_ev, rec, "a"), -5LL);
	KUNIT_EXPECT_EQ(test, rec_value(test, p->exit_ev, rec, "p"), (u64)(long)&arg);
	KUNIT_EXPECT_EQ(test, rec_value(test, p->exit_ev, rec, "id"), 0xbeefULL);
	KUNIT_EXPECT_EQ(test, (s64)rec_value(test, p->exit_ev, rec, "r"),
			(s64)(s16)((long)&arg - 5));
	/* The 7 bytes between the s8 and the x64 after it. */
	off = p->exit_ev->fields[field_index(p->exit_ev, "a")].offset + 1;
	for (pad = off; pad < off + 7; pad++)
		KUNIT_EXPECT_EQ_MSG(test, rec[pad], 0, "padding byte at %u", pad);
}

/* A bad pointer in a probed call: marked values, counted faults, no oops. */
static void typed_faults(struct kunit *test)
{
	struct caught *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct drvtrace_probe *p;
	const char *rec;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	KUNIT_ASSERT_EQ(test, exec("probe " TARGET2 " entry v=+8(arg1):u32 s=+0(arg1):string"), 0);
	p = find_probe(TARGET2);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, tracepoint_probe_register(&p->entry_ev->tp,
							catch_record, c), 0);
	drvtrace_kunit_target2(0);
	drvtrace_kunit_target2(0xdead000000000000UL);
	tracepoint_probe_unregister(&p->entry_ev->tp, catch_record, c);
	tracepoint_synchronize_unregister();
	KUNIT_ASSERT_EQ(test, atomic_read(&c->n), 2);
	rec = c->rec[1];
	KUNIT_EXPECT_EQ(test, rec_value(test, p->entry_ev, rec, "v"), 0ULL);
	KUNIT_EXPECT_STREQ(test, rec_string(test, p->entry_ev, rec, "s"),
			   DRVTRACE_FAULT_STRING);
	KUNIT_EXPECT_EQ(test, this_stats_faults(p), 4ULL);
}

/* stack: the record ends with the kernel stack, the caller in it. */
static void typed_stack(struct kunit *test)
{
	struct caught *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct drvtrace_probe *p;
	unsigned long *pc;
	unsigned int n, i;
	bool found = false;
	u32 loc;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	KUNIT_ASSERT_EQ(test, exec("probe " TARGET2 " entry stack"), 0);
	p = find_probe(TARGET2);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, tracepoint_probe_register(&p->entry_ev->tp,
							catch_record, c), 0);
	drvtrace_kunit_target2(1);
	tracepoint_probe_unregister(&p->entry_ev->tp, catch_record, c);
	tracepoint_synchronize_unregister();
	KUNIT_ASSERT_EQ(test, atomic_read(&c->n), 1);
	KUNIT_ASSERT_NE(test, p->entry_ev->stack_offset, 0U);
	loc = *(u32 *)(c->rec[0] + p->entry_ev->stack_offset);
	n = (loc >> 16) / sizeof(unsigned long);
	pc = (unsigned long *)(c->rec[0] + (loc & 0xffff));
	KUNIT_EXPECT_GT(test, n, 0U);
	for (i = 0; i < n; i++) {
		char sym[KSYM_SYMBOL_LEN], *name = sym;

		/* A module's symbol is followed by " [module]". */
		snprintf(sym, sizeof(sym), "%ps", (void *)pc[i]);
		if (!strcmp(strsep(&name, " "), __func__))
			found = true;
	}
	KUNIT_EXPECT_TRUE_MSG(test, found, "%s() not in the %u frames", __func__, n);
}

/* A write that fails: what it armed was never enabled, and is gone. */
static void typed_all_or_nothing(struct kunit *test)
{
	struct drvtrace_cmd *cmd = kunit_kzalloc(test, sizeof(*cmd), GFP_KERNEL);
	char line[] = "probe " TARGET2 " entry x=arg1";
	const char *why;
	struct probe_line l;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, cmd);
	KUNIT_ASSERT_EQ(test, drvtrace_cmd_parse(line, cmd, &why), 0);
	mutex_lock(&drvtrace_control_lock);
	drvtrace_probe_begin();
	KUNIT_EXPECT_EQ(test, drvtrace_probe_arm(cmd), 0);
	/* Registered, but disabled until the commit: no hit, no event. */
	KUNIT_EXPECT_TRUE(test, kprobe_disabled(&find_probe(TARGET2)->kp));
	drvtrace_kunit_target2(1);
	KUNIT_EXPECT_EQ(test, this_stats_hits(find_probe(TARGET2)), 0ULL);
	drvtrace_probe_rollback();
	mutex_unlock(&drvtrace_control_lock);
	KUNIT_EXPECT_FALSE(test, lookup(test, TARGET2, &l));
	KUNIT_EXPECT_NULL(test, find_probe(TARGET2));

	/* The same through the control file: the second line fails. */
	KUNIT_EXPECT_EQ(test, exec("probe " TARGET2 " entry\nprobe no_such_fn_xyz"),
			-ENOENT);
	KUNIT_EXPECT_NULL(test, find_probe(TARGET2));
}

/* An event enabled somewhere cannot go: -EBUSY, and nothing changes. */
static void typed_busy(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, exec("probe busy=" TARGET2 " entry"), 0);
	KUNIT_ASSERT_EQ(test, trace_set_clr_event(DRVTRACE_PROBE_SYSTEM,
						  "busy_entry", 1), 0);
	KUNIT_EXPECT_EQ(test, exec("unprobe busy"), -EBUSY);
	KUNIT_EXPECT_EQ(test, exec("probe " TARGET "\nclear"), -EBUSY);
	KUNIT_EXPECT_NOT_NULL(test, find_probe("busy"));
	KUNIT_EXPECT_NULL(test, find_probe(TARGET));
	KUNIT_EXPECT_EQ(test, armed(test), 1);
	KUNIT_ASSERT_EQ(test, trace_set_clr_event(DRVTRACE_PROBE_SYSTEM,
						  "busy_entry", 0), 0);
	KUNIT_EXPECT_EQ(test, exec("unprobe " TARGET2), 0);
	KUNIT_EXPECT_EQ(test, armed(test), 0);
}

/* A module:symbol of a module not loaded waits, pending. */
static void typed_pending(struct kunit *test)
{
	struct probe_line l;

	KUNIT_ASSERT_EQ(test, exec("probe drvtrace_kunit_absent:f x=arg1"), 0);
	KUNIT_ASSERT_TRUE(test, lookup(test, "drvtrace_kunit_absent:f", &l));
	KUNIT_EXPECT_STREQ(test, l.state, "pending");
	/* A module that is loaded and lacks the symbol is an error. */
	KUNIT_EXPECT_EQ(test, exec("probe drvtrace_kunit_targets:no_such_fn"), -ENOENT);
	KUNIT_EXPECT_EQ(test, exec("probe drvtrace_kunit_targets:" TARGET2), 0);
	KUNIT_ASSERT_TRUE(test, lookup(test, "drvtrace_kunit_targets:" TARGET2, &l));
	KUNIT_EXPECT_STREQ(test, l.state, "armed");
}

static struct kunit_case typed_cases[] = {
	KUNIT_CASE(typed_records),
	KUNIT_CASE(typed_image),
	KUNIT_CASE(typed_faults),
	KUNIT_CASE(typed_stack),
	KUNIT_CASE(typed_all_or_nothing),
	KUNIT_CASE(typed_busy),
	KUNIT_CASE(typed_pending),
	{}
};

static struct kunit_suite typed_suite = {
	.name = "drvtrace_typed",
	.suite_init = core_suite_init,
	.suite_exit = core_suite_exit,
	.init = core_test_init,
	.exit = core_test_exit,
	.test_cases = typed_cases,
};

kunit_test_suites(&control_suite, &registry_suite, &decode_suite, &typed_suite);

MODULE_DESCRIPTION("KUnit suites for the drvtrace probe core");
MODULE_LICENSE("GPL");
