// SPDX-License-Identifier: GPL-2.0
/*
 * User-space markers: a program writes its own lines into the kernel's
 * ring buffer, between the kernel events its actions cause, and stops the
 * trace the moment it sees a failure, so the buffer keeps what led to it.
 *
 *   trace_marker_sample FILE TEXT...
 *
 * writes each TEXT to FILE (a driver's sysfs or debugfs knob, say), each
 * write a critical section between two markers:
 *
 *   tracing_mark_write: begin 1: write 2
 *   ... the kernel events of the write ...
 *   tracing_mark_write: end 1
 *
 * When a write fails it marks why ("failed N: <error>"), writes 0 to
 * tracing_on and exits with status 1. This is the pattern of Documentation/trace/ftrace.rst
 * ("trace_marker"), with the tracing directory found in /proc/mounts
 * without overflowing a buffer, and every call checked.
 *
 * Build it static for a board with only busybox:
 *   make CC=aarch64-linux-gnu-gcc
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *prog = "trace_marker_sample";

/*
 * The tracing directory: where tracefs is mounted, else "tracing" in
 * debugfs (kernels before 4.1, or tracefs not mounted). 0 or -1.
 */
static int find_tracing_dir(char *dir, size_t size)
{
	char debugfs[PATH_MAX] = "";
	struct mntent *m;
	FILE *mounts;
	int n;

	mounts = setmntent("/proc/mounts", "r");
	if (!mounts) {
		fprintf(stderr, "%s: /proc/mounts: %s\n", prog, strerror(errno));
		return -1;
	}
	while ((m = getmntent(mounts))) {
		if (!strcmp(m->mnt_type, "tracefs"))
			break;
		if (!strcmp(m->mnt_type, "debugfs") && !debugfs[0]) {
			n = snprintf(debugfs, sizeof(debugfs), "%s/tracing",
				     m->mnt_dir);
			if (n < 0 || (size_t)n >= sizeof(debugfs))
				debugfs[0] = '\0';
		}
	}
	n = m ? snprintf(dir, size, "%s", m->mnt_dir) :
		snprintf(dir, size, "%s", debugfs);
	endmntent(mounts);

	if (n < 0 || (size_t)n >= size) {
		fprintf(stderr, "%s: tracing directory path too long\n", prog);
		return -1;
	}
	if (!dir[0]) {
		fprintf(stderr, "%s: neither tracefs nor debugfs is mounted\n",
			prog);
		return -1;
	}
	return 0;
}

static int open_in(const char *dir, const char *name)
{
	char path[PATH_MAX];
	int n, fd;

	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "%s: %s/%s: path too long\n", prog, dir, name);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	return fd;
}

/* One write, all of it or an error: the kernel takes a marker whole. */
static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/* A marker line: "WHAT N" or "WHAT N: TEXT". */
static int mark(int fd, const char *what, int n, const char *text)
{
	char buf[256];
	int len, ret;

	len = snprintf(buf, sizeof(buf), "%s %d%s%s\n", what, n,
		       text ? ": " : "", text ? text : "");
	if (len < 0)
		return -EINVAL;
	if ((size_t)len >= sizeof(buf)) {
		/* Cut a long text, never overrun the buffer. */
		len = sizeof(buf) - 1;
		buf[len - 1] = '\n';
	}

	ret = write_all(fd, buf, len);
	if (ret)
		fprintf(stderr, "%s: trace_marker: %s\n", prog, strerror(-ret));
	return ret;
}

int main(int argc, char **argv)
{
	char dir[PATH_MAX];
	int marker_fd, on_fd, fd, i, ret;

	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE TEXT...\n", prog);
		return 2;
	}
	if (find_tracing_dir(dir, sizeof(dir)))
		return 2;
	marker_fd = open_in(dir, "trace_marker");
	if (marker_fd < 0)
		return 2;
	on_fd = open_in(dir, "tracing_on");
	if (on_fd < 0)
		return 2;
	fd = open(argv[1], O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[1], strerror(errno));
		return 2;
	}

	for (i = 2; i < argc; i++) {
		if (mark(marker_fd, "begin", i - 1, argv[i]))
			return 2;
		/* The critical section: what the markers frame. */
		ret = write_all(fd, argv[i], strlen(argv[i]));
		if (ret) {
			/*
			 * Failure: mark why, then stop recording, so the
			 * buffer ends here and nothing overwrites the story.
			 */
			mark(marker_fd, "failed", i - 1, strerror(-ret));
			fprintf(stderr, "%s: %s: '%s': %s\n", prog, argv[1],
				argv[i], strerror(-ret));
			ret = write_all(on_fd, "0", 1);
			if (ret)
				fprintf(stderr, "%s: tracing_on: %s\n", prog,
					strerror(-ret));
			return 1;
		}
		if (mark(marker_fd, "end", i - 1, NULL))
			return 2;
	}
	return 0;
}
