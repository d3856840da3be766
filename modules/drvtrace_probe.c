// SPDX-License-Identifier: GPL-2.0
/*
 * The probe registry: kprobes and kretprobes registered from C.
 *
 * A probe that reports returns is a kretprobe whose entry handler emits the
 * entry event and keeps the entry time in the kretprobe instance, so each
 * return is paired with its own call, also under recursion and on several
 * CPUs at once. An entry-only probe is a plain kprobe.
 *
 * The handlers touch nothing but their own probe, which stays valid until
 * unregister_k(ret)probe() has waited for them, so arming and disarming
 * while probes fire is safe. Nothing in a handler sleeps.
 *
 * A write to the control file is one transaction (drvtrace_probe_begin(),
 * then drvtrace_probe_commit() or drvtrace_probe_rollback()), so that a
 * write that fails changes nothing: probes it arms stay out of the status
 * until the commit, probes it disarms keep firing until then, and a reset
 * waits for it too. Outside a transaction each call takes effect at once.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/kprobes.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <drvtrace/cmd.h>
#include <drvtrace/probe.h>

#define CREATE_TRACE_POINTS
#include <trace/events/drvtrace.h>

struct drvtrace_probe {
	struct list_head	node;
	const char		*symbol;
	unsigned int		mode;
	unsigned int		nr_args;
	bool			stack;
	bool			setup_irq;	/* decode as __setup_irq() */
	union {
		struct kprobe		kp;	/* mode == entry */
		struct kretprobe	rp;	/* mode has return */
	};
	atomic64_t		hits;
	atomic64_t		returns;
	bool			txn_new;	/* armed by the open transaction */
	bool			txn_dying;	/* disarmed by it */
};

/* Per-call data of a kretprobe instance. */
struct drvtrace_call {
	u64		start_ns;
	unsigned int	irq;		/* __setup_irq's first argument */
};

/* The list and the transaction state are under drvtrace_probes_lock. */
static LIST_HEAD(drvtrace_probes);
static DEFINE_MUTEX(drvtrace_probes_lock);
static bool drvtrace_txn_open;
static bool drvtrace_txn_reset;

static void drvtrace_emit_entry(struct drvtrace_probe *p, struct pt_regs *regs)
{
	if (p->setup_irq) {
		if (trace_setup_irq_entry_enabled())
			trace_setup_irq_entry(regs_get_kernel_argument(regs, 0),
					      (void *)regs_get_kernel_argument(regs, 2));
	} else if (trace_func_entry_enabled()) {
		u64 args[DRVTRACE_MAX_ARGS] = { 0 };
		unsigned int i;

		for (i = 0; i < p->nr_args; i++)
			args[i] = regs_get_kernel_argument(regs, i);
		trace_func_entry(p->symbol, p->nr_args, args);
	}
	if (p->stack)
		trace_dump_stack(0);
}

static int drvtrace_kprobe_pre(struct kprobe *kp, struct pt_regs *regs)
{
	struct drvtrace_probe *p = container_of(kp, struct drvtrace_probe, kp);

	atomic64_inc(&p->hits);
	drvtrace_emit_entry(p, regs);
	return 0;
}

static int drvtrace_kretprobe_entry(struct kretprobe_instance *ri,
				    struct pt_regs *regs)
{
	struct drvtrace_probe *p = container_of(get_kretprobe(ri),
						struct drvtrace_probe, rp);
	struct drvtrace_call *call = (struct drvtrace_call *)ri->data;

	atomic64_inc(&p->hits);
	if (p->mode & DRVTRACE_MODE_ENTRY)
		drvtrace_emit_entry(p, regs);
	call->irq = regs_get_kernel_argument(regs, 0);
	/* Taken last, so the entry event's own cost is not in the duration. */
	call->start_ns = ktime_get_ns();
	return 0;
}

static int drvtrace_kretprobe_ret(struct kretprobe_instance *ri,
				  struct pt_regs *regs)
{
	u64 duration_ns = ktime_get_ns();
	struct drvtrace_probe *p = container_of(get_kretprobe(ri),
						struct drvtrace_probe, rp);
	struct drvtrace_call *call = (struct drvtrace_call *)ri->data;

	duration_ns -= call->start_ns;
	atomic64_inc(&p->returns);
	if (p->setup_irq)
		trace_setup_irq_exit(call->irq, regs_return_value(regs),
				     duration_ns);
	else
		trace_func_exit(p->symbol, regs_return_value(regs), duration_ns);
	return 0;
}

/* Probing our own handlers would recurse: have the kernel refuse it. */
NOKPROBE_SYMBOL(drvtrace_emit_entry);
NOKPROBE_SYMBOL(drvtrace_kprobe_pre);
NOKPROBE_SYMBOL(drvtrace_kretprobe_entry);
NOKPROBE_SYMBOL(drvtrace_kretprobe_ret);

static struct kprobe *drvtrace_kprobe_of(struct drvtrace_probe *p)
{
	return p->mode & DRVTRACE_MODE_RETURN ? &p->rp.kp : &p->kp;
}

static struct drvtrace_probe *drvtrace_find(const char *symbol)
{
	struct drvtrace_probe *p;

	lockdep_assert_held(&drvtrace_probes_lock);
	list_for_each_entry(p, &drvtrace_probes, node)
		if (!p->txn_dying && !strcmp(p->symbol, symbol))
			return p;
	return NULL;
}

static void drvtrace_unregister(struct drvtrace_probe *p)
{
	if (p->mode & DRVTRACE_MODE_RETURN)
		unregister_kretprobe(&p->rp);
	else
		unregister_kprobe(&p->kp);
}

static void drvtrace_free(struct drvtrace_probe *p)
{
	kfree(p->symbol);
	kfree(p);
}

static void drvtrace_destroy(struct drvtrace_probe *p)
{
	list_del(&p->node);
	drvtrace_unregister(p);
	drvtrace_free(p);
}

static void drvtrace_zero_counters(struct drvtrace_probe *p)
{
	struct kprobe *kp = drvtrace_kprobe_of(p);

	atomic64_set(&p->hits, 0);
	atomic64_set(&p->returns, 0);
	kp->nmissed = 0;
	if (p->mode & DRVTRACE_MODE_RETURN)
		p->rp.nmissed = 0;
}

/**
 * drvtrace_probe_arm() - arm a probe as a "probe" command asks
 * @cmd: a parsed DRVTRACE_CMD_PROBE
 *
 * Return: 0; -EEXIST if @cmd->symbol is armed already; -ENOENT if the kernel
 * has no such symbol; -ENOMEM; or the errno with which the kernel refused
 * the probe (-EINVAL for a blacklisted or unprobeable address, and for
 * drvtrace.ko's own code).
 */
int drvtrace_probe_arm(const struct drvtrace_cmd *cmd)
{
	struct drvtrace_probe *p;
	int ret;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->symbol = kstrdup(cmd->symbol, GFP_KERNEL);
	if (!p->symbol) {
		kfree(p);
		return -ENOMEM;
	}
	p->mode = cmd->mode;
	p->nr_args = cmd->nr_args;
	p->stack = cmd->stack;
	p->setup_irq = !strcmp(cmd->symbol, "__setup_irq");

	mutex_lock(&drvtrace_probes_lock);
	if (drvtrace_find(p->symbol)) {
		ret = -EEXIST;
		goto out_free;
	}
	if (p->mode & DRVTRACE_MODE_RETURN) {
		p->rp.kp.symbol_name = p->symbol;
		p->rp.entry_handler = drvtrace_kretprobe_entry;
		p->rp.handler = drvtrace_kretprobe_ret;
		p->rp.data_size = sizeof(struct drvtrace_call);
		p->rp.maxactive = cmd->maxactive;
		ret = register_kretprobe(&p->rp);
	} else {
		p->kp.symbol_name = p->symbol;
		p->kp.pre_handler = drvtrace_kprobe_pre;
		ret = register_kprobe(&p->kp);
	}
	if (ret)
		goto out_free;
	/*
	 * Our handlers are NOKPROBE already; the rest of drvtrace.ko (the
	 * tracepoint glue, the parser) is refused here, since a probe there
	 * would fire from inside our own handlers.
	 */
	if (within_module((unsigned long)drvtrace_kprobe_of(p)->addr,
			  THIS_MODULE)) {
		drvtrace_unregister(p);
		ret = -EINVAL;
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

/* Return: 0, or -ENOENT if @symbol is not armed. */
int drvtrace_probe_disarm(const char *symbol)
{
	struct drvtrace_probe *p;

	mutex_lock(&drvtrace_probes_lock);
	p = drvtrace_find(symbol);
	if (p && drvtrace_txn_open)
		p->txn_dying = true;
	else if (p)
		drvtrace_destroy(p);
	mutex_unlock(&drvtrace_probes_lock);
	return p ? 0 : -ENOENT;
}

void drvtrace_probe_clear(void)
{
	struct drvtrace_probe *p, *tmp;

	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
		if (drvtrace_txn_open)
			p->txn_dying = true;
		else
			drvtrace_destroy(p);
	}
	mutex_unlock(&drvtrace_probes_lock);
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

/* Make what the transaction did visible: the write succeeded. */
void drvtrace_probe_commit(void)
{
	struct drvtrace_probe *p, *tmp;

	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry_safe(p, tmp, &drvtrace_probes, node) {
		if (p->txn_dying) {
			drvtrace_destroy(p);
			continue;
		}
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
		if (p->txn_new)
			drvtrace_destroy(p);
		else
			p->txn_dying = false;
	}
	drvtrace_txn_open = false;
	mutex_unlock(&drvtrace_probes_lock);
}

/*
 * One line per probe. Scripts parse this: columns are only ever appended.
 *   symbol mode state hits returns missed args stack maxactive
 */
void drvtrace_probe_show(struct seq_file *m)
{
	struct drvtrace_probe *p;

	seq_puts(m, "# symbol mode state hits returns missed args stack maxactive\n");
	mutex_lock(&drvtrace_probes_lock);
	list_for_each_entry(p, &drvtrace_probes, node) {
		struct kprobe *kp = drvtrace_kprobe_of(p);
		bool ret = p->mode & DRVTRACE_MODE_RETURN;
		unsigned long missed = kp->nmissed + (ret ? p->rp.nmissed : 0);

		if (p->txn_new)		/* not committed yet */
			continue;

		seq_printf(m, "%s %s %s %lld %lld %lu %u %d %d\n",
			   p->symbol, drvtrace_mode_name(p->mode),
			   kprobe_gone(kp) ? "gone" :
			   kprobe_disabled(kp) ? "disabled" : "armed",
			   atomic64_read(&p->hits), atomic64_read(&p->returns),
			   missed, p->nr_args, p->stack,
			   ret ? p->rp.maxactive : 0);
	}
	mutex_unlock(&drvtrace_probes_lock);
}
