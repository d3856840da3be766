// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace_sample: a driver that calls its own trace events. The template
 * to copy: scripts/new-tracepoints <driver> writes a renamed copy of this
 * directory, ready to build.
 *
 * The "device" takes one request per write:
 *
 *   echo 'write 3' > /sys/kernel/debug/drvtrace_sample/request
 *
 * with a command (read, write or flush) and 0 to 8 data words. It refuses
 * requests of more than 4 words with -EMSGSIZE, so that the error paths
 * can be traced too. Then, in /sys/kernel/tracing:
 *
 *   echo 1 > events/drvtrace_sample/enable
 *   cat trace
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/debugfs.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

/*
 * In exactly one .c file of the driver: this makes the include below
 * define the events instead of only declaring them. Every other file
 * includes the header without it.
 */
#define CREATE_TRACE_POINTS
#include "drvtrace_sample_trace.h"

#define DEV_NAME		"drvtrace_sample0"
#define DEV_MAX_WORDS		4
#define STATS_PERIOD		(HZ / 10)

static const char * const cmd_names[] = {
	[DRVTRACE_SAMPLE_CMD_READ]	= "read",
	[DRVTRACE_SAMPLE_CMD_WRITE]	= "write",
	[DRVTRACE_SAMPLE_CMD_FLUSH]	= "flush",
};

/* SCSI-like opcodes: what the device would be sent. */
static const u8 cmd_opcodes[] = {
	[DRVTRACE_SAMPLE_CMD_READ]	= 0x28,
	[DRVTRACE_SAMPLE_CMD_WRITE]	= 0x2a,
	[DRVTRACE_SAMPLE_CMD_FLUSH]	= 0x35,
};

static atomic_t last_id = ATOMIC_INIT(0);
static atomic_t nr_requests = ATOMIC_INIT(0);
static atomic_t nr_errors = ATOMIC_INIT(0);
static struct dentry *debug_dir;

static void stats_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(stats_work, stats_work_fn);

/* Runs only while the stats event is enabled: see TRACE_EVENT_FN. */
static void stats_work_fn(struct work_struct *work)
{
	unsigned int requests = atomic_read(&nr_requests);
	unsigned int errors = atomic_read(&nr_errors);

	trace_drvtrace_sample_stats(requests, errors);
	schedule_delayed_work(&stats_work, STATS_PERIOD);
}

int drvtrace_sample_stats_reg(void)
{
	schedule_delayed_work(&stats_work, 0);
	return 0;
}

void drvtrace_sample_stats_unreg(void)
{
	cancel_delayed_work_sync(&stats_work);
}

/*
 * What the xfer event records takes work to gather: a copy of the data,
 * the command block, a bitmap. A driver does that work only when the
 * event is enabled, which trace_<event>_enabled() tells at the cost of a
 * static branch.
 */
static void trace_xfer(unsigned int id, int cmd, unsigned int nr_words)
{
	DECLARE_BITMAP(lanes, DRVTRACE_SAMPLE_MAX_WORDS);
	u32 data[DRVTRACE_SAMPLE_MAX_WORDS];
	unsigned long flags = 0;
	u8 cdb[DRVTRACE_SAMPLE_CDB_LEN];
	unsigned int i;

	for (i = 0; i < nr_words; i++)
		data[i] = id << 8 | i;
	bitmap_zero(lanes, DRVTRACE_SAMPLE_MAX_WORDS);
	bitmap_set(lanes, 0, nr_words);
	if (nr_words)
		flags |= DRVTRACE_SAMPLE_F_DATA;
	if (cmd == DRVTRACE_SAMPLE_CMD_WRITE)
		flags |= DRVTRACE_SAMPLE_F_WRITE;
	if (cmd == DRVTRACE_SAMPLE_CMD_FLUSH)
		flags |= DRVTRACE_SAMPLE_F_SYNC;
	cdb[0] = cmd_opcodes[cmd];
	cdb[1] = nr_words;
	cdb[2] = id & 0xff;
	cdb[3] = 0;

	trace_drvtrace_sample_xfer(DEV_NAME, id, cmd, flags, cdb, data, nr_words, lanes);
}

/* One request, from the entry event to the exit event. */
static int do_request(int cmd, unsigned int nr_words)
{
	unsigned int id = atomic_inc_return(&last_id);
	int ret = 0;

	trace_drvtrace_sample_io_entry(id, cmd, 0);

	if (nr_words > DEV_MAX_WORDS)
		ret = -EMSGSIZE;
	if (trace_drvtrace_sample_xfer_enabled())
		trace_xfer(id, cmd, nr_words);

	atomic_inc(&nr_requests);
	if (ret)
		atomic_inc(&nr_errors);

	trace_drvtrace_sample_io_exit(id, cmd, ret);
	/* Records only when ret < 0: see TRACE_EVENT_CONDITION. */
	trace_drvtrace_sample_error(id, ret);
	return ret;
}

static ssize_t request_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	char buf[32], name[8];
	unsigned int nr_words;
	int cmd, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';

	if (sscanf(buf, "%7s %u", name, &nr_words) != 2 ||
	    nr_words > DRVTRACE_SAMPLE_MAX_WORDS)
		return -EINVAL;
	cmd = match_string(cmd_names, ARRAY_SIZE(cmd_names), name);
	if (cmd < 0)
		return -EINVAL;

	ret = do_request(cmd, nr_words);
	return ret ? ret : len;
}

static const struct file_operations request_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= request_write,
};

static int __init drvtrace_sample_init(void)
{
	debug_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("request", 0200, debug_dir, NULL, &request_fops);
	return 0;
}

static void __exit drvtrace_sample_exit(void)
{
	debugfs_remove_recursive(debug_dir);
	/* Unloading disables the events, but a last run may be queued. */
	cancel_delayed_work_sync(&stats_work);
}

module_init(drvtrace_sample_init);
module_exit(drvtrace_sample_exit);

MODULE_DESCRIPTION("Template driver with trace events of every form");
MODULE_LICENSE("GPL");
