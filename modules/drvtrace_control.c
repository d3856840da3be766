// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/drvtrace/control: arm, disarm and inspect probes.
 *
 * A write holds one or more commands, one per line (include/drvtrace/cmd.h),
 * and is all-or-nothing. Every line is parsed before any is run, so a
 * malformed line anywhere rejects the write with -EINVAL. The lines then run
 * in order as one transaction of the probe registry: the first that fails
 * stops the write, what the lines before it did is rolled back, and its
 * errno is returned. Each failed write logs one ratelimited line naming the
 * problem.
 *
 * Reading gives one line per probe (drvtrace_probe_show()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drvtrace/cmd.h>
#include <drvtrace/compat.h>
#include <drvtrace/control.h>
#include <drvtrace/probe.h>

#define DRVTRACE_CONTROL_MAX	4096

/* One writer at a time, so that the lines of a write run together. */
static DEFINE_MUTEX(drvtrace_control_lock);

static const char *drvtrace_errno_reason(const struct drvtrace_cmd *cmd, int err)
{
	switch (err) {
	case -ENOENT:
		return cmd->verb == DRVTRACE_CMD_PROBE ?
			"no such symbol (the function, or an @symbol it reads)" : "not armed";
	case -EEXIST:
		return "already armed (give another EVENT= name)";
	case -ENOMEM:
		return "out of memory";
	case -EBUSY:
		return "its events are in use: disable them (and their triggers) first";
	case -EPERM:
		return "kprobes are locked down";
	default:
		return "refused as by kprobe_events: notrace, blacklisted, or drvtrace's own";
	}
}

static int drvtrace_control_run_one(const struct drvtrace_cmd *cmd)
{
	switch (cmd->verb) {
	case DRVTRACE_CMD_PROBE:
		return drvtrace_probe_arm(cmd);
	case DRVTRACE_CMD_UNPROBE:
		return drvtrace_probe_disarm(cmd->symbol);
	case DRVTRACE_CMD_CLEAR:
		return drvtrace_probe_clear();
	case DRVTRACE_CMD_RESET:
		drvtrace_probe_reset();
		return 0;
	case DRVTRACE_CMD_NONE:
		break;
	}
	return 0;
}

/*
 * Check every line of @buf, then run them as one transaction. @pass 0
 * parses a copy, so the lines are intact for @pass 1.
 */
int drvtrace_control_exec(const char *buf)
{
	struct drvtrace_cmd *cmd;
	const char *why;
	int pass, ret = 0;

	cmd = kmalloc(sizeof(*cmd), GFP_KERNEL);
	if (!cmd)
		return -ENOMEM;
	for (pass = 0; pass < 2 && !ret; pass++) {
		char *copy = kstrdup(buf, GFP_KERNEL);
		char *rest = copy, *line;
		unsigned int nr = 0;

		if (!copy) {
			ret = -ENOMEM;
			break;
		}
		if (pass)
			drvtrace_probe_begin();
		while (!ret && (line = strsep(&rest, "\n"))) {
			nr++;
			ret = drvtrace_cmd_parse(line, cmd, &why);
			if (ret) {
				pr_warn_ratelimited("control line %u: %s\n", nr, why);
				break;
			}
			if (!pass)
				continue;
			ret = drvtrace_control_run_one(cmd);
			if (ret)
				pr_warn_ratelimited("control line %u: %s %s: %s (%d)\n",
						    nr, cmd->verb == DRVTRACE_CMD_PROBE ?
						    "probe" : cmd->verb == DRVTRACE_CMD_CLEAR ?
						    "clear" : "unprobe",
						    cmd->symbol ? cmd->symbol : "",
						    drvtrace_errno_reason(cmd, ret), ret);
		}
		if (pass && ret)
			drvtrace_probe_rollback();
		else if (pass)
			drvtrace_probe_commit();
		kfree(copy);
	}
	kfree(cmd);
	return ret;
}

static ssize_t drvtrace_control_write(struct file *file, const char __user *ubuf,
				      size_t len, loff_t *ppos)
{
	char *buf;
	int ret;

	if (len > DRVTRACE_CONTROL_MAX) {
		pr_warn_ratelimited("control: a write may hold at most %d bytes\n",
				    DRVTRACE_CONTROL_MAX);
		return -E2BIG;
	}
	buf = memdup_user_nul(ubuf, len);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (strlen(buf) != len) {
		pr_warn_ratelimited("control: NUL byte in a command\n");
		kfree(buf);
		return -EINVAL;
	}

	ret = mutex_lock_interruptible(&drvtrace_control_lock);
	if (!ret) {
		ret = drvtrace_control_exec(buf);
		mutex_unlock(&drvtrace_control_lock);
	}
	kfree(buf);
	return ret ? ret : len;
}

static int drvtrace_control_show(struct seq_file *m, void *v)
{
	drvtrace_probe_show(m);
	return 0;
}

static int drvtrace_control_open(struct inode *inode, struct file *file)
{
	return single_open(file, drvtrace_control_show, NULL);
}

static const struct file_operations drvtrace_control_fops = {
	.owner		= THIS_MODULE,
	.open		= drvtrace_control_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
	.write		= drvtrace_control_write,
};

struct dentry *drvtrace_control_create(struct dentry *dir)
{
	return drvtrace_debugfs_create_file("control", 0600, dir, NULL,
					    &drvtrace_control_fops);
}
