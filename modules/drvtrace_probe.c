// SPDX-License-Identifier: GPL-2.0
/*
 * The probe registry: kprobes and kretprobes registered from C.
 *
 * Every probe has events of its own in the trace system drvtrace_probes
 * (probe_event.h): <name>_entry with the fields the command asked for, and
 * <name>_exit with ret, duration_ns, the fields fetched at entry and those
 * fetched at return. A probe that reports returns is a kretprobe: its entry
 * handler fetches the entry fields into the instance's data, so the exit
 * event gets that very call's values and duration, also under recursion
 * and on several CPUs at once. An entry-only probe is a plain kprobe.
 * __setup_irq armed with no fields keeps its decoded events
 * (drvtrace:setup_irq_entry/exit).
 *
 * Handlers run wherever the probed function runs: NMI, the scheduler,
 * timekeeping with its seqcount held for writing. So they read only an
 * NMI-safe clock (sched_clock()), count in per-CPU counters, take no
 * lock, read memory through the no-fault accessors, and never sleep.
 * Functions the kernel's own kprobe_events refuse (notrace, blacklisted)
 * are refused.
 *
 * A module:symbol whose module is not loaded waits, "pending", and is
 * armed when the module comes and pending again when it goes.
 *
 * A write to the control file is one transaction (drvtrace_probe_begin(),
 * then drvtrace_probe_commit() or drvtrace_probe_rollback()), so that a
 * write that fails changes nothing: the kprobes it registers stay disabled
 * and out of the status until the commit, the probes it disarms keep
 * firing until then, and a reset waits for it too. Outside a transaction
 * each call takes effect at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bug.h>
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drvtrace/cmd.h>
#include <drvtrace/probe.h>
#include <drvtrace/probe_event.h>

#define CREATE_TRACE_POINTS
#include <trace/events/drvtrace.h>

/* The exit event's own fields come before the probe's. */
#define EXIT_FIELD_RET		0
#define EXIT_FIELD_DURATION	1
#define EXIT_FIRST_FIELD	2

struct drvtrace_probe_field {
	char			name[DRVTRACE_FIELD_NAME_MAX];
	struct drvtrace_fetch	fetch;
	unsigned int		carry;	/* entry side: offset in the call data */
};

struct drvtrace_probe_stats {
	u64	hits;
	u64	returns;
	u64	faults;
};

struct drvtrace_probe {
	struct list_head		node;
	char				*symbol;	/* module:sym as given */
	char				*module;	/* module of module:sym, or NULL */
	unsigned long			offset;
	char				event[DRVTRACE_EVENT_NAME_MAX];
	unsigned int			mode;
	unsigned int			nr_args;
	bool				stack;
	bool				setup_irq;	/* decoded events */
	bool				registered;	/* false: pending */
	unsigned int			nr_fields;
	unsigned int			nr_entry_fields; /* fetched at entry, first */
	/*
	 * image: the entry fields are all fixed-size, and the call data
	 * holds them as both events' records lay them out (image_len bytes
	 * at image_entry_off and image_exit_off): one copy fills a record.
	 */
	bool				image;
	bool				image_holes;	/* padding to zero */
	unsigned int			image_len;
	unsigned int			image_entry_off;
	unsigned int			image_exit_off;
	struct drvtrace_probe_field	*fields;
	struct drvtrace_event		*entry_ev;
	struct drvtrace_event		*exit_ev;
	union {
		struct kprobe		kp;	/* mode == entry */
		struct kretprobe	rp;	/* mode has return */
	};
	int				maxactive;
	struct drvtrace_probe_stats __percpu *stats;
	bool				txn_new;	/* armed by the open transaction */
	bool				txn_dying;	/* disarmed by it */
};

/* Per-call data of a kretprobe instance; the entry fields follow it. */
struct drvtrace_call {
	u64		start_ns;
	unsigned int	irq;		/* __setup_irq's first argument */
	bool		fetched;	/* the entry fields below are valid */
	char		data[] __aligned(8);
};

/* A carried string: its length, NUL included, then its bytes. */
#define CARRY_STRING_SIZE	ALIGN(sizeof(u32) + DRVTRACE_STRING_MAX, 8)

/* The list and the transaction state are under drvtrace_probes_lock. */
static LIST_HEAD(drvtrace_probes);
static DEFINE_MUTEX(drvtrace_probes_lock);
static bool drvtrace_txn_open;
static bool drvtrace_txn_reset;
/* Events a failed arm could not remove (in use), retried later. */
static LIST_HEAD(drvtrace_zombies);

struct drvtrace_zombie {
	struct list_head	node;
	struct drvtrace_event	*ev;
};

/* Handlers: any context. */

/*
 * The clock of a call's duration: sched_clock(), what trace_clock_local()
 * reads, the clock ftrace stamps events and function_graph times calls
 * with; called straight, as handlers run with preemption off already. It is
 * NMI-safe and takes no lock, where ktime_get() spins on the timekeeping
 * seqcount a probed function may hold. Not ktime_get_mono_fast_ns(),
 * NMI-safe too: it reads the clocksource, in a TCG guest (unstable TSC)
 * an emulated HPET costing more than the rest of the handlers. Nor
 * local_clock(): with an unstable TSC it clamps to a jiffy past the last
 * tick, so that a short call measures 0 ns. A call that returns on
 * another CPU is exact where TSCs are synchronized (every arm64, x86 with
 * a stable TSC); elsewhere it is off by the two CPUs' skew, and never
 * below 0.
 */
static u64 drvtrace_clock(void)
{
	return sched_clock();
}

static void fetch_into_record(struct drvtrace_probe *p, struct drvtrace_record *r,
			      unsigned int field, const struct drvtrace_fetch *f,
			      struct pt_regs *regs)
{
	u64 val;
	int err;

	if (drvtrace_type_is_string(f->type)) {
		err = drvtrace_record_fetch_string(r, field, f, regs);
	} else {
		err = drvtrace_fetch_value(f, regs, &val);
		drvtrace_record_put_value(r, field, val);
	}
	if (err)
		this_cpu_inc(p->stats->faults);
}

/* The entry fields, fetched once into the call data as records hold them. */
static void image_fetch(struct drvtrace_probe *p, struct drvtrace_call *call,
			struct pt_regs *regs)
{
	unsigned int i;
	u64 val;

	if (p->image_holes)
		memset(call->data, 0, p->image_len);
	for (i = 0; i < p->nr_entry_fields; i++) {
		const struct drvtrace_probe_field *f = &p->fields[i];

		/* A plain argument, the common case: no call, no fault. */
		if (f->fetch.base == DRVTRACE_FETCH_ARG && !f->fetch.nr_derefs)
			val = regs_get_kernel_argument(regs, f->fetch.index);
		else if (drvtrace_fetch_value(&f->fetch, regs, &val))
			this_cpu_inc(p->stats->faults);
		drvtrace_put_sized(call->data + f->carry,
				   drvtrace_type_size(f->fetch.type), val);
	}
	call->fetched = true;
}

static void carry_fetch(struct drvtrace_probe *p, struct drvtrace_call *call,
			struct pt_regs *regs)
{
	unsigned int i;
	int err, len;

	if (p->image) {
		image_fetch(p, call, regs);
		return;
	}
	for (i = 0; i < p->nr_entry_fields; i++) {
		const struct drvtrace_probe_field *f = &p->fields[i];
		char *slot = call->data + f->carry;

		if (drvtrace_type_is_string(f->fetch.type)) {
			len = drvtrace_fetch_string(&f->fetch, regs, slot + sizeof(u32));
			err = len < 0 ? len : 0;
			if (err)
				len = sizeof(DRVTRACE_FAULT_STRING);
			*(u32 *)slot = len;
		} else {
			err = drvtrace_fetch_value(&f->fetch, regs, (u64 *)slot);
		}
		if (err)
			this_cpu_inc(p->stats->faults);
	}
	call->fetched = true;
}

static void carry_put(struct drvtrace_record *r, unsigned int field,
		      const struct drvtrace_probe_field *f,
		      const struct drvtrace_call *call)
{
	const char *slot = call->data + f->carry;

	if (drvtrace_type_is_string(f->fetch.type))
		drvtrace_record_put_string(r, field,
					   call->fetched ? slot + sizeof(u32) : "",
					   call->fetched ? *(u32 *)slot : 1);
	else
		drvtrace_record_put_value(r, field,
					  call->fetched ? *(u64 *)slot : 0);
}

/* The entry event; @call holds the fields already fetched, or is NULL. */
static void drvtrace_emit_entry(struct drvtrace_probe *p, struct pt_regs *regs,
				const struct drvtrace_call *call)
{
	struct drvtrace_record r;
	unsigned int i;

	if (!drvtrace_record_start(&r, p->entry_ev))
		return;
	if (call && p->image) {
		memcpy(r.buf + p->image_entry_off, call->data, p->image_len);
	} else {
		for (i = 0; i < p->nr_entry_fields; i++) {
			if (call)
				carry_put(&r, i, &p->fields[i], call);
			else
				fetch_into_record(p, &r, i, &p->fields[i].fetch,
						  regs);
		}
	}
	drvtrace_record_put_stack(&r);
	drvtrace_record_emit(&r);
}

/* drvtrace:func_entry, the event every probe shared before 0.2. */
static void drvtrace_emit_func_entry(struct drvtrace_probe *p,
				     struct pt_regs *regs)
{
	u64 args[DRVTRACE_MAX_ARGS] = { 0 };
	unsigned int i;

	for (i = 0; i < p->nr_args; i++)
		args[i] = regs_get_kernel_argument(regs, i);
	trace_func_entry(p->symbol, p->nr_args, args);
}

static int drvtrace_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct drvtrace_probe *p = container_of(kp, struct drvtrace_probe, kp);

	this_cpu_inc(p->stats->hits);
	if (p->setup_irq) {
		if (trace_setup_irq_entry_enabled())
			trace_setup_irq_entry(regs_get_kernel_argument(regs, 0),
					      (void *)regs_get_kernel_argument(regs, 2));
		return 0;
	}
	if (trace_func_entry_enabled())
		drvtrace_emit_func_entry(p, regs);
	drvtrace_emit_entry(p, regs, NULL);
	return 0;
}

static int drvtrace_kretprobe_entry(struct kretprobe_instance *ri,
				    struct pt_regs *regs)
{
	struct drvtrace_probe *p = container_of(get_kretprobe(ri),
						struct drvtrace_probe, rp);
	struct drvtrace_call *call = (struct drvtrace_call *)ri->data;

	this_cpu_inc(p->stats->hits);
	call->fetched = false;
	if (p->setup_irq) {
		call->irq = regs_get_kernel_argument(regs, 0);
		if (trace_setup_irq_entry_enabled())
			trace_setup_irq_entry(call->irq,
					      (void *)regs_get_kernel_argument(regs, 2));
	} else {
		if ((p->mode & DRVTRACE_MODE_ENTRY) && trace_func_entry_enabled())
			drvtrace_emit_func_entry(p, regs);
		if (p->nr_entry_fields && (drvtrace_event_active(p->entry_ev) ||
					   drvtrace_event_active(p->exit_ev)))
			carry_fetch(p, call, regs);
		if (p->mode & DRVTRACE_MODE_ENTRY)
			drvtrace_emit_entry(p, regs, call);
	}
	/* Taken last, so the entry event's own cost is not in the duration. */
	call->start_ns = drvtrace_clock();
	return 0;
}

static int drvtrace_kretprobe_ret(struct kretprobe_instance *ri,
				  struct pt_regs *regs)
{
	u64 duration_ns = drvtrace_clock();
	struct drvtrace_probe *p = container_of(get_kretprobe(ri),
						struct drvtrace_probe, rp);
	struct drvtrace_call *call = (struct drvtrace_call *)ri->data;
	long ret = regs_return_value(regs);
	struct drvtrace_record r;
	unsigned int i;

	/* On a CPU whose clock lags the entry's: 0, not a wrapped u64. */
	if (duration_ns > call->start_ns)
		duration_ns -= call->start_ns;
	else
		duration_ns = 0;
	this_cpu_inc(p->stats->returns);
	if (p->setup_irq) {
		trace_setup_irq_exit(call->irq, ret, duration_ns);
		return 0;
	}
	trace_func_exit(p->symbol, ret, duration_ns);
	if (!drvtrace_record_start(&r, p->exit_ev))
		return 0;

	drvtrace_record_put_value(&r, EXIT_FIELD_RET, ret);
	drvtrace_record_put_value(&r, EXIT_FIELD_DURATION, duration_ns);
	i = 0;
	if (p->image) {
		if (call->fetched)
			memcpy(r.buf + p->image_exit_off, call->data, p->image_len);
		else
			memset(r.buf + p->image_exit_off, 0, p->image_len);
		i = p->nr_entry_fields;
	}
	for (; i < p->nr_fields; i++) {
		if (i < p->nr_entry_fields)
			carry_put(&r, EXIT_FIRST_FIELD + i, &p->fields[i], call);
		else
			fetch_into_record(p, &r, EXIT_FIRST_FIELD + i,
					  &p->fields[i].fetch, regs);
	}
	drvtrace_record_emit(&r);
	return 0;
}

/* Probing our own handlers would recurse: have the kernel refuse it. */
NOKPROBE_SYMBOL(drvtrace_clock);
NOKPROBE_SYMBOL(fetch_into_record);
NOKPROBE_SYMBOL(image_fetch);
NOKPROBE_SYMBOL(carry_fetch);
NOKPROBE_SYMBOL(carry_put);
NOKPROBE_SYMBOL(drvtrace_emit_entry);
NOKPROBE_SYMBOL(drvtrace_emit_func_entry);
NOKPROBE_SYMBOL(drvtrace_kprobe_pre);
NOKPROBE_SYMBOL(drvtrace_kretprobe_entry);
NOKPROBE_SYMBOL(drvtrace_kretprobe_ret);

/* Arming and disarming: process context, under drvtrace_probes_lock. */

static struct kprobe *drvtrace_kprobe_of(struct drvtrace_probe *p)
{
	return p->mode & DRVTRACE_MODE_RETURN ? &p->rp.kp : &p->kp;
}

/*
 * kallsyms_lookup_name() is not exported. register_kprobe() resolves the
 * name first and leaves the address in the kprobe even when it then
 * refuses the address, as it does for data, so it can look a symbol up.
 */
static int drvtrace_lookup_symbol(const char *name, unsigned long *addr)
{
	struct kprobe kp = { .symbol_name = name };
	int ret = register_kprobe(&kp);

	if (!ret)
		unregister_kprobe(&kp);
	else if (!kp.addr)
		return ret;
	*addr = (unsigned long)kp.addr;
	return 0;
}

/* A module's __this_module is in its symbols while it is loaded. */
static bool drvtrace_module_loaded(const char *module)
{
	char name[MODULE_NAME_LEN + sizeof(":__this_module")];
	unsigned long addr;

	snprintf(name, sizeof(name), "%s:__this_module", module);
	return !drvtrace_lookup_symbol(name, &addr);
}

#ifdef CONFIG_DYNAMIC_FTRACE
/*
 * kprobe_events refuses functions ftrace cannot trace (notrace code:
 * timekeeping internals, the NMI path) unless the kernel was built with
 * KPROBE_EVENTS_ON_NOTRACE. So does drvtrace: they are where a probe is
 * most likely to hang the machine. ftrace_set_filter() fails with -EINVAL
 * for a name that is not in available_filter_functions. An ftrace_ops is
 * not reusable after ftrace_free_filter(), hence one per check.
 */
static int drvtrace_check_traceable(const char *symbol)
{
	const char *colon = strchr(symbol, ':');
	struct ftrace_ops *ops;
	char *name;
	int ret;

	ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	name = kstrdup(colon ? colon + 1 : symbol, GFP_KERNEL);
	if (!ops || !name) {
		ret = -ENOMEM;
		goto out;
	}
	ret = ftrace_set_filter(ops, name, strlen(name), 1);
	ftrace_free_filter(ops);
out:
	kfree(name);
	kfree(ops);
	return ret;
}
#else
static int drvtrace_check_traceable(const char *symbol)
{
	return 0;
}
#endif

static void drvtrace_unregister(struct drvtrace_probe *p)
{
	if (!p->registered)
		return;
	if (p->mode & DRVTRACE_MODE_RETURN)
		unregister_kretprobe(&p->rp);
	else
		unregister_kprobe(&p->kp);
	p->registered = false;
}

/*
 * Register @p's kprobe, disabled (a disabled kprobe is not armed), check
 * what kprobe_events would check, then enable it unless @disabled.
 */
static int drvtrace_register(struct drvtrace_probe *p, bool disabled)
{
	struct kprobe *kp = drvtrace_kprobe_of(p);
	int ret;

	memset(kp, 0, sizeof(*kp));
	kp->symbol_name = p->symbol;
	kp->offset = p->offset;
	kp->flags = KPROBE_FLAG_DISABLED;
	if (p->mode & DRVTRACE_MODE_RETURN) {
		p->rp.handler = drvtrace_kretprobe_ret;
		ret = register_kretprobe(&p->rp);
	} else {
		kp->pre_handler = drvtrace_kprobe_pre;
		ret = register_kprobe(kp);
	}
	if (ret)
		return ret;
	p->registered = true;
	/*
	 * Our handlers are NOKPROBE already; the rest of drvtrace.ko (the
	 * tracepoint glue, the event code) is refused here, since a probe
	 * there would fire from inside our own handlers.
	 */
	ret = within_module((unsigned long)kp->addr, THIS_MODULE) ? -EINVAL :
	      drvtrace_check_traceable(p->symbol);
	if (!ret && !disabled)
		ret = enable_kprobe(kp);
	if (ret)
		drvtrace_unregister(p);
	return ret;
}

static void drvtrace_free(struct drvtrace_probe *p)
{
	drvtrace_event_free(p->entry_ev);
	drvtrace_event_free(p->exit_ev);
	free_percpu(p->stats);
	kfree(p->fields);
	kfree(p->module);
	kfree(p->symbol);
	kfree(p);
}

/* Hide the probe's events; -EBUSY (nothing changed) while one is in use. */
static int drvtrace_events_unregister(struct drvtrace_probe *p)
{
	int ret;

	if (p->entry_ev) {
		ret = drvtrace_event_unregister(p->entry_ev);
		if (ret)
			return ret;
	}
	if (p->exit_ev) {
		ret = drvtrace_event_unregister(p->exit_ev);
		if (ret) {
			if (p->entry_ev && drvtrace_event_register(p->entry_ev))
				pr_warn("%s: cannot restore its entry event\n", p->event);
			return ret;
		}
	}
	return 0;
}

static int drvtrace_events_register(struct drvtrace_probe *p)
{
	int ret;

	if (p->entry_ev) {
		ret = drvtrace_event_register(p->entry_ev);
		if (ret)
			return ret;
	}
	if (p->exit_ev) {
		ret = drvtrace_event_register(p->exit_ev);
		if (ret && p->entry_ev)
			drvtrace_event_unregister(p->entry_ev);
		return ret;
	}
	return 0;
}

/* Park an event that is in use; its memory must outlive the users. */
static void drvtrace_zombie_add(struct drvtrace_event *ev)
{
	struct drvtrace_zombie *z = kzalloc(sizeof(*z), GFP_KERNEL | __GFP_NOFAIL);

	z->ev = ev;
	list_add_tail(&z->node, &drvtrace_zombies);
}

static void drvtrace_zombies_reap(void)
{
	struct drvtrace_zombie *z, *tmp;

	list_for_each_entry_safe(z, tmp, &drvtrace_zombies, node) {
		if (drvtrace_event_unregister(z->ev))
			continue;
		drvtrace_event_free(z->ev);
		list_del(&z->node);
		kfree(z);
	}
}

/* Undo an arm that never committed: events and all. */
static void drvtrace_destroy_new(struct drvtrace_probe *p)
{
	drvtrace_unregister(p);
	if (p->entry_ev && drvtrace_event_unregister(p->entry_ev)) {
		drvtrace_zombie_add(p->entry_ev);
		p->entry_ev = NULL;
	}
	if (p->exit_ev && drvtrace_event_unregister(p->exit_ev)) {
		drvtrace_zombie_add(p->exit_ev);
		p->exit_ev = NULL;
	}
	drvtrace_free(p);
}

static struct drvtrace_probe *drvtrace_find_event(const char *event)
{
	struct drvtrace_probe *p;

	lockdep_assert_held(&drvtrace_probes_lock);
	list_for_each_entry(p, &drvtrace_probes, node)
		if (!p->txn_dying && !strcmp(p->event, event))
			return p;
	return NULL;
}

/*
 * Both events start their entry fields 8-byte aligned (after the 8-byte
 * trace_entry; after ret and duration_ns), so the image's layout is theirs.
 * Check it, field by field: a mismatch would write fields in wrong places.
 */
static int drvtrace_check_image(struct drvtrace_probe *p)
{
	const struct drvtrace_event_field *entry = NULL, *exit = NULL;
	unsigned int i;

	if (p->entry_ev) {
		entry = p->entry_ev->fields;
		p->image_entry_off = entry[0].offset;
	}
	if (p->exit_ev) {
		exit = &p->exit_ev->fields[EXIT_FIRST_FIELD];
		p->image_exit_off = exit[0].offset;
	}
	for (i = 0; i < p->nr_entry_fields; i++) {
		unsigned int carry = p->fields[i].carry;

		if ((entry && entry[i].offset != p->image_entry_off + carry) ||
		    (exit && exit[i].offset != p->image_exit_off + carry)) {
			WARN_ONCE(1, "drvtrace: %s: field %u not where the image has it\n",
				  p->event, i);
			return -EINVAL;
		}
	}
	return 0;
}

/* Make the probe's events: none for the decoded __setup_irq. */
static int drvtrace_make_events(struct drvtrace_probe *p)
{
	char name[DRVTRACE_EVENT_NAME_MAX + sizeof("_entry")];
	struct drvtrace_event_field *ef;
	unsigned int i, n;
	int ret = 0;

	if (p->setup_irq)
		return 0;
	ef = kcalloc(DRVTRACE_EVENT_MAX_FIELDS, sizeof(*ef), GFP_KERNEL);
	if (!ef)
		return -ENOMEM;
	if (p->mode & DRVTRACE_MODE_ENTRY) {
		for (i = 0; i < p->nr_entry_fields; i++) {
			strscpy(ef[i].name, p->fields[i].name, sizeof(ef[i].name));
			ef[i].type = p->fields[i].fetch.type;
		}
		snprintf(name, sizeof(name), "%s_entry", p->event);
		p->entry_ev = drvtrace_event_create(name, ef, p->nr_entry_fields,
						    p->stack);
		if (IS_ERR(p->entry_ev)) {
			ret = PTR_ERR(p->entry_ev);
			p->entry_ev = NULL;
			goto out;
		}
	}
	if (p->mode & DRVTRACE_MODE_RETURN) {
		strscpy(ef[EXIT_FIELD_RET].name, "ret", sizeof(ef[0].name));
		ef[EXIT_FIELD_RET].type = DRVTRACE_TYPE_S64;
		strscpy(ef[EXIT_FIELD_DURATION].name, "duration_ns", sizeof(ef[0].name));
		ef[EXIT_FIELD_DURATION].type = DRVTRACE_TYPE_U64;
		for (i = 0, n = EXIT_FIRST_FIELD; i < p->nr_fields; i++, n++) {
			strscpy(ef[n].name, p->fields[i].name, sizeof(ef[n].name));
			ef[n].type = p->fields[i].fetch.type;
		}
		snprintf(name, sizeof(name), "%s_exit", p->event);
		p->exit_ev = drvtrace_event_create(name, ef, n, false);
		if (IS_ERR(p->exit_ev)) {
			ret = PTR_ERR(p->exit_ev);
			p->exit_ev = NULL;
		}
	}
	if (!ret && p->image)
		ret = drvtrace_check_image(p);
out:
	kfree(ef);
	return ret;
}

static struct drvtrace_probe *drvtrace_alloc(const struct drvtrace_cmd *cmd)
{
	struct drvtrace_probe *p;
	unsigned int i, n = 0, carry = 0;
	char *colon;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return NULL;
	p->symbol = kstrdup(cmd->symbol, GFP_KERNEL);
	p->fields = kcalloc(max(cmd->nr_fields, 1U), sizeof(*p->fields), GFP_KERNEL);
	p->stats = alloc_percpu(struct drvtrace_probe_stats);
	if (!p->symbol || !p->fields || !p->stats) {
		drvtrace_free(p);
		return NULL;
	}
	colon = strchr(p->symbol, ':');
	if (colon) {
		p->module = kstrndup(p->symbol, colon - p->symbol, GFP_KERNEL);
		if (!p->module) {
			drvtrace_free(p);
			return NULL;
		}
	}
	strscpy(p->event, cmd->event, sizeof(p->event));
	p->offset = cmd->offset;
	p->mode = cmd->mode;
	p->nr_args = cmd->nr_args;
	p->stack = cmd->stack;
	p->maxactive = cmd->maxactive;
	p->nr_fields = cmd->nr_fields;
	p->setup_irq = !strcmp(cmd->symbol, "__setup_irq") && !cmd->nr_fields &&
		       !cmd->stack;

	/*
	 * Entry-side fields first, each with its slot in the call data: as
	 * a record lays them out (the image) when all are fixed-size, else
	 * a u64 or a string slot each.
	 */
	p->image = true;
	for (i = 0; i < cmd->nr_fields; i++) {
		const struct drvtrace_fetch *f = &cmd->fields[i].fetch;

		if (!drvtrace_fetch_at_return(f) && drvtrace_type_is_string(f->type))
			p->image = false;
	}
	for (i = 0; i < cmd->nr_fields; i++) {
		const struct drvtrace_fetch *f = &cmd->fields[i].fetch;
		unsigned int size = drvtrace_type_size(f->type);

		if (drvtrace_fetch_at_return(f))
			continue;
		strscpy(p->fields[n].name, cmd->fields[i].name, DRVTRACE_FIELD_NAME_MAX);
		p->fields[n].fetch = *f;
		if (p->image) {
			p->image_holes |= !IS_ALIGNED(carry, size);
			carry = ALIGN(carry, size);
			p->fields[n].carry = carry;
			carry += size;
		} else {
			p->fields[n].carry = carry;
			carry += drvtrace_type_is_string(f->type) ?
				 CARRY_STRING_SIZE : sizeof(u64);
		}
		n++;
	}
	p->nr_entry_fields = n;
	p->image = p->image && n;
	p->image_len = p->image ? carry : 0;
	for (i = 0; i < cmd->nr_fields; i++) {
		if (!drvtrace_fetch_at_return(&cmd->fields[i].fetch))
			continue;
		strscpy(p->fields[n].name, cmd->fields[i].name, DRVTRACE_FIELD_NAME_MAX);
		p->fields[n++].fetch = cmd->fields[i].fetch;
	}
	p->rp.entry_handler = drvtrace_kretprobe_entry;
	p->rp.data_size = sizeof(struct drvtrace_call) + carry;
	p->rp.maxactive = cmd->maxactive;
	return p;
}

/* Resolve the @symbols the fields read. */
static int drvtrace_resolve_symbols(struct drvtrace_probe *p)
{
	unsigned int i;
	int ret;

	for (i = 0; i < p->nr_fields; i++) {
		struct drvtrace_fetch *f = &p->fields[i].fetch;

		if (f->base != DRVTRACE_FETCH_SYMBOL)
			continue;
		ret = drvtrace_lookup_symbol(f->symbol, &f->address);
		if (ret)
			return ret;
		f->symbol = NULL;	/* pointed into the command line */
	}
	return 0;
}

/**
 * drvtrace_probe_arm() - arm a probe as a "probe" command asks
 * @cmd: a parsed DRVTRACE_CMD_PROBE
 *
 * Return: 0; -EEXIST if a probe has @cmd's event name already; -ENOENT if
 * the kernel has no such symbol; -ENOMEM; -EPERM under lockdown; or the
 * errno with which the kernel refused the probe (-EINVAL for a notrace or
 * blacklisted function, an address that is not an instruction boundary,
 * and drvtrace.ko's own code).
 */
int drvtrace_probe_arm(const struct drvtrace_cmd *cmd)
{
	struct drvtrace_probe *p;
	int ret;

	ret = security_locked_down(LOCKDOWN_KPROBES);
	if (ret)
		return ret;
	p = drvtrace_alloc(cmd);
	if (!p)
		return -ENOMEM;

	mutex_lock(&drvtrace_probes_lock);
	if (drvtrace_find_event(p->event)) {
		ret = -EEXIST;
		goto out_free;
	}
	ret = drvtrace_resolve_symbols(p);
	if (ret)
		goto out_free;
	ret = drvtrace_make_events(p);
	if (ret)
		goto out_free;

	/* A module not loaded yet: pending, armed when the module comes. */
	if (!p->module || drvtrace_module_loaded(p->module)) {
		ret = drvtrace_register(p, drvtrace_txn_open);
		if (ret)
			goto out_free;
	}

	ret = drvtrace_events_register(p);
	if (ret) {
		drvtrace_unregister(p);
		goto out_free;
	}
	p->txn_new = drvtrace_txn_open;
	list_add_tail(&p->node, &drvtrace_probes);
	mutex_unlock(&drvtrace_probes_lock);
	return 0;

out_free:
	mutex_unlock(&drvtrace_probes_lock);
	drvtrace_free(p);
	return ret;
}

/* Disarm @p: at once, or at the commit of the open transaction. */
static int drvtrace_disarm_one(struct drvtrace_probe *p)
{
	int ret = drvtrace_events_unregister(p);

	if (ret)
		return ret;
	if (drvtrace_txn_open) {
		p->txn_dying = true;	/* fires, unseen, until the commit */
	} else {
		list_del(&p->node);
		drvtrace_unregister(p);
		drvtrace_free(p);
	}
	return 0;
}

static bool drvtrace_probe_matches(struct drvtrace_probe *p, const char *name)
{
	char spec[KSYM_NAME_LEN + 24];

	if (!strcmp(p->event, name))
		return true;
	if (p->offset)
		snprintf(spec, sizeof(spec), "%s+%lu", p->symbol, p->offset);
	return !strcmp(p->offset ? spec : p->symbol, name);
}

/**
 * drvtrace_probe_disarm() - disarm the probe with this event name, or every
 * probe on this symbol
 * @name: an event name, or a symbol as it was probed
 *
 * Return: 0; -ENOENT if nothing matches; -EBUSY if an event of the probe
 * is in use (enabled in an instance, or open in perf).
 */
int drvtrace_probe_disarm(const char *name)
{
	struct drvtrace_probe *p, *tmp;
	int ret = -ENOENT;

	mutex_lock(&drvtrace_probes_lock);
	p = drvtrace_find_event(name);
	if (p) {
		ret = drvtrace_disarm_one(p);
	} else {
		list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
			if (p->txn_dying || !drvtrace_probe_matches(p, name))
				continue;
			ret = drvtrace_disarm_one(p);
			if (ret)
				break;
		}
	}
	mutex_unlock(&drvtrace_probes_lock);
	return ret;
}

/* Return: 0, or -EBUSY if an event is in use (the rest may be disarmed). */
int drvtrace_probe_clear(void)
{
	struct drvtrace_probe *p, *tmp;
	int ret = 0;

	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
		if (p->txn_dying)
			continue;
		ret = drvtrace_disarm_one(p);
		if (ret)
			break;
	}
	drvtrace_zombies_reap();
	mutex_unlock(&drvtrace_probes_lock);
	return ret;
}

static void drvtrace_zero_counters(struct drvtrace_probe *p)
{
	struct kprobe *kp = drvtrace_kprobe_of(p);
	int cpu;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(p->stats, cpu), 0, sizeof(*p->stats));
	kp->nmissed = 0;
	if (p->mode & DRVTRACE_MODE_RETURN)
		p->rp.nmissed = 0;
}

void drvtrace_probe_reset(void)
{
	struct drvtrace_probe *p;

	mutex_lock(&drvtrace_probes_lock);
	if (drvtrace_txn_open)
		drvtrace_txn_reset = true;
	else
		list_for_each_entry(p, &drvtrace_probes, node)
			drvtrace_zero_counters(p);
	mutex_unlock(&drvtrace_probes_lock);
}

/* Start a transaction; the caller serializes transactions. */
void drvtrace_probe_begin(void)
{
	mutex_lock(&drvtrace_probes_lock);
	WARN_ON_ONCE(drvtrace_txn_open);
	drvtrace_txn_open = true;
	drvtrace_txn_reset = false;
	mutex_unlock(&drvtrace_probes_lock);
}

/* Make what the transaction did take effect: the write succeeded. */
void drvtrace_probe_commit(void)
{
	struct drvtrace_probe *p, *tmp;

	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
		if (p->txn_dying) {
			list_del(&p->node);
			drvtrace_unregister(p);
			drvtrace_free(p);
			continue;
		}
		if (p->txn_new && p->registered)
			enable_kprobe(drvtrace_kprobe_of(p));
		p->txn_new = false;
		if (drvtrace_txn_reset)
			drvtrace_zero_counters(p);
	}
	drvtrace_txn_open = false;
	mutex_unlock(&drvtrace_probes_lock);
}

/* Undo what the transaction did: the write failed. */
void drvtrace_probe_rollback(void)
{
	struct drvtrace_probe *p, *tmp;

	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
		if (p->txn_new) {
			list_del(&p->node);
			drvtrace_destroy_new(p);
		} else if (p->txn_dying) {
			p->txn_dying = false;
			if (drvtrace_events_register(p))
				pr_warn("%s: cannot restore its events\n", p->event);
		}
	}
	drvtrace_txn_open = false;
	mutex_unlock(&drvtrace_probes_lock);
}

/* Arm the pending probes of a module that comes, park those of one that goes. */
static int drvtrace_module_notify(struct notifier_block *nb, unsigned long val,
				  void *data)
{
	struct module *mod = data;
	struct drvtrace_probe *p;
	int ret;

	if (val != MODULE_STATE_COMING && val != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry(p, &drvtrace_probes, node) {
		if (!p->module || strcmp(p->module, mod->name))
			continue;
		if (val == MODULE_STATE_GOING) {
			drvtrace_unregister(p);
			continue;
		}
		if (p->registered)
			continue;
		ret = drvtrace_register(p, p->txn_new);
		if (ret)
			pr_warn_ratelimited("%s: cannot arm it in %s: %d\n",
					    p->event, mod->name, ret);
	}
	mutex_unlock(&drvtrace_probes_lock);
	return NOTIFY_DONE;
}

static struct notifier_block drvtrace_module_nb = {
	.notifier_call = drvtrace_module_notify,
};

static const char *drvtrace_state(struct drvtrace_probe *p)
{
	struct kprobe *kp = drvtrace_kprobe_of(p);

	if (!p->registered)
		return "pending";
	if (kprobe_gone(kp))
		return "gone";
	return kprobe_disabled(kp) ? "disabled" : "armed";
}

/*
 * One line per probe. Scripts parse this: columns are only ever appended.
 *   symbol mode state hits returns missed args stack maxactive event fields faults
 * fields is name:type,... or - for none.
 */
void drvtrace_probe_show(struct seq_file *m)
{
	struct drvtrace_probe *p;

	seq_puts(m, "# symbol mode state hits returns missed args stack maxactive event fields faults\n");
	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry(p, &drvtrace_probes, node) {
		struct kprobe *kp = drvtrace_kprobe_of(p);
		bool ret = p->mode & DRVTRACE_MODE_RETURN;
		unsigned long missed = kp->nmissed + (ret ? p->rp.nmissed : 0);
		u64 hits = 0, returns = 0, faults = 0;
		unsigned int i;
		int cpu;

		if (p->txn_new)		/* not committed yet */
			continue;
		for_each_possible_cpu(cpu) {
			struct drvtrace_probe_stats *s = per_cpu_ptr(p->stats, cpu);

			hits += s->hits;
			returns += s->returns;
			faults += s->faults;
		}
		seq_puts(m, p->symbol);
		if (p->offset)
			seq_printf(m, "+%lu", p->offset);
		seq_printf(m, " %s %s %llu %llu %lu %u %d %d %s ",
			   drvtrace_mode_name(p->mode), drvtrace_state(p),
			   hits, returns, missed, p->nr_args, p->stack,
			   ret ? p->rp.maxactive : 0,
			   p->setup_irq ? "-" : p->event);
		for (i = 0; i < p->nr_fields; i++)
			seq_printf(m, "%s%s:%s", i ? "," : "", p->fields[i].name,
				   drvtrace_type_name(p->fields[i].fetch.type));
		seq_printf(m, "%s %llu\n", p->nr_fields ? "" : "-", faults);
	}
	mutex_unlock(&drvtrace_probes_lock);
}

int drvtrace_probe_init(void)
{
	int ret = drvtrace_event_init();

	if (ret)
		return ret;
	ret = register_module_notifier(&drvtrace_module_nb);
	if (ret)
		drvtrace_event_exit();
	return ret;
}

/* Every probe is gone by now (drvtrace_probe_clear()). */
void drvtrace_probe_exit(void)
{
	unregister_module_notifier(&drvtrace_module_nb);
	mutex_lock(&drvtrace_probes_lock);
	drvtrace_zombies_reap();
	WARN_ON(!list_empty(&drvtrace_probes) || !list_empty(&drvtrace_zombies));
	mutex_unlock(&drvtrace_probes_lock);
	drvtrace_event_exit();
}
