// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace-rec: record an ftrace buffer's binary pages into a trace.dat
 * (trace-cmd file format version 6, see trace-cmd.dat.v6(5)) that
 * trace-cmd report and KernelShark read on any machine.
 *
 * One process per CPU reads per_cpu/cpuN/trace_pipe_raw of the buffer
 * (an instance or the top buffer) into a file of its own; when told to
 * stop (SIGTERM, SIGINT, SIGHUP or SIGUSR1) each drains what is left,
 * and the parent writes the file: the header page and event header
 * formats, the ftrace and event formats, kallsyms, printk formats,
 * saved cmdlines, options (per-CPU stats, trace clock, uname) and the
 * per-CPU pages, page aligned. Nothing is decoded while recording.
 *
 * Built static (no shared library) for the board: see scripts/build-modules.
 * `drvtrace-rec -c FILE` counts the events of a trace.dat per event, and
 * those the kernel marked lost, without trace-cmd.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/types.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

#define BIT(n)		(1UL << (n))

#define MAX_CPUS	1024
#define POLL_MS		5	/* how long a reader sleeps on an empty buffer */

/* Ring buffer event types and page flags (kernel/trace/ring_buffer.c). */
#define RB_TYPE_PADDING		29
#define RB_TYPE_TIME_EXTEND	30
#define RB_TYPE_TIME_STAMP	31
#define RB_MISSED_EVENTS	BIT(31)
#define RB_MISSED_STORED	BIT(30)

/* trace.dat options (trace-cmd.dat.v7(5) lists their ids). */
#define OPT_DONE	0
#define OPT_CPUSTAT	2
#define OPT_TRACECLOCK	4
#define OPT_UNAME	5

static const char *prog = "drvtrace-rec";

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return s;
}

/* A whole file: tracefs and procfs files say size 0, so read to EOF. */
static char *read_all(const char *path, size_t *len, int must)
{
	size_t cap = 65536, n = 0;
	char *buf;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (must)
			die("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			if (!buf)
				die("out of memory");
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("cannot read %s: %s", path, strerror(errno));
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void write_all(int fd, const void *p, size_t n, const char *what)
{
	const char *c = p;
	ssize_t w;

	while (n) {
		w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("cannot write %s: %s", what, strerror(errno));
		c += w;
		n -= w;
	}
}

/* ------------------------------------------------------------ the file */

struct out {
	int fd;
	const char *path;
	u64 pos;
};

static void put(struct out *o, const void *p, size_t n)
{
	write_all(o->fd, p, n, o->path);
	o->pos += n;
}

static void put16(struct out *o, u16 v) { put(o, &v, 2); }
static void put32(struct out *o, u32 v) { put(o, &v, 4); }
static void put64(struct out *o, u64 v) { put(o, &v, 8); }

/* A file's content preceded by its size in 4 or 8 bytes. */
static void put_sized(struct out *o, const char *path, int width, int must)
{
	size_t n = 0;
	char *b = read_all(path, &n, must);

	if (width == 4)
		put32(o, n);
	else
		put64(o, n);
	put(o, b ? b : "", n);
	free(b);
}

static int is_dir(const char *path)
{
	struct stat s;

	return !stat(path, &s) && S_ISDIR(s.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of DIR's subdirectories that hold a file FILE, sorted. */
static char **subdirs_with(const char *dir, const char *file, int *count)
{
	char **v = NULL;
	int n = 0, cap = 0;
	struct dirent *d;
	DIR *dp;

	dp = opendir(dir);
	if (!dp)
		die("cannot open %s: %s", dir, strerror(errno));
	while ((d = readdir(dp))) {
		char *p;

		if (d->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s/%s", dir, d->d_name, file);
		if (!access(p, R_OK)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = realloc(v, cap * sizeof(*v));
				if (!v)
					die("out of memory");
			}
			v[n++] = strdup(d->d_name);
		}
		free(p);
	}
	closedir(dp);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	*count = n;
	return v;
}

static void free_names(char **v, int n)
{
	while (n--)
		free(v[n]);
	free(v);
}

/* The formats of every event of one system, or of those listed. */
static void put_system(struct out *o, const char *events, const char *sys,
		       char **only, int nonly)
{
	char *dir = xasprintf("%s/%s", events, sys);
	char **ev = only;
	int i, n = nonly;

	if (!only)
		ev = subdirs_with(dir, "format", &n);
	put32(o, n);
	for (i = 0; i < n; i++) {
		char *f = xasprintf("%s/%s/format", dir, ev[i]);

		put_sized(o, f, 8, 1);
		free(f);
	}
	if (!only)
		free_names(ev, n);
	free(dir);
}

/*
 * The event systems: all of them, or only the events enabled in the
 * buffer (its set_event), grouped by system.
 */
static void put_event_systems(struct out *o, const char *top, const char *buf,
			      int all)
{
	char *events = xasprintf("%s/events", top);
	char **sys, *p, *set, *line, *save = NULL;
	int nsys, i, j;
	size_t len;

	if (all) {
		sys = subdirs_with(events, "enable", &nsys);
		for (i = j = 0; i < nsys; i++) {
			if (strcmp(sys[i], "ftrace"))
				sys[j++] = sys[i];
			else
				free(sys[i]);
		}
		nsys = j;
		put32(o, nsys);
		for (i = 0; i < nsys; i++) {
			put(o, sys[i], strlen(sys[i]) + 1);
			put_system(o, events, sys[i], NULL, 0);
		}
		free_names(sys, nsys);
		free(events);
		return;
	}

	/* set_event lists "system:event" lines. */
	p = xasprintf("%s/set_event", buf);
	set = read_all(p, &len, 1);
	free(p);
	{
		char **names = xmalloc((len / 2 + 1) * sizeof(*names));
		int n = 0;

		for (line = strtok_r(set, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (strchr(line, ':') && strncmp(line, "ftrace:", 7))
				names[n++] = line;
		}
		if (n)
			qsort(names, n, sizeof(*names), cmp_str);
		/* Count the systems, then write each with its events. */
		nsys = 0;
		for (i = 0; i < n; i++) {
			size_t l = strchr(names[i], ':') - names[i];

			if (!i || strncmp(names[i], names[i - 1], l + 1))
				nsys++;
		}
		put32(o, nsys);
		for (i = 0; i < n; i = j) {
			size_t l = strchr(names[i], ':') - names[i];
			char **evs;
			int k;

			for (j = i + 1; j < n && !strncmp(names[j], names[i], l + 1); j++)
				;
			evs = xmalloc((j - i) * sizeof(*evs));
			for (k = i; k < j; k++)
				evs[k - i] = names[k] + l + 1;
			names[i][l] = '\0';
			put(o, names[i], l + 1);
			put_system(o, events, names[i], evs, j - i);
			names[i][l] = ':';
			free(evs);
		}
		free(names);
	}
	free(set);
	free(events);
}

static void put_option(struct out *o, u16 id, const char *s, size_t n)
{
	put16(o, id);
	put32(o, n + 1);
	put(o, s, n);
	put(o, "", 1);
}

static int ncpus_of(const char *buf)
{
	int n = 0;

	for (;;) {
		char *p = xasprintf("%s/per_cpu/cpu%d", buf, n);
		int there = is_dir(p);

		free(p);
		if (!there || n == MAX_CPUS)
			return n;
		n++;
	}
}

static char *cpu_tmp(const char *out, int cpu)
{
	return xasprintf("%s.cpu%d", out, cpu);
}

static void write_file(const char *path, const char *top, const char *buf,
		       int ncpus, int all, const char *kallsyms)
{
	u32 pagesize = sysconf(_SC_PAGESIZE);
	u64 off[MAX_CPUS], size[MAX_CPUS], at;
	static const char magic[] = { 0x17, 0x08, 0x44, 't', 'r', 'a', 'c',
				      'i', 'n', 'g', '6', '\0' };
	const u16 one = 1;
	struct utsname u;
	struct out o = { .path = path };
	char **ft, *p, *s;
	int i, n, fd;
	size_t len;
	char c;

	o.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (o.fd < 0)
		die("cannot create %s: %s", path, strerror(errno));
	put(&o, magic, sizeof(magic));
	c = *(const char *)&one ? 0 : 1;	/* 0: little endian */
	put(&o, &c, 1);
	c = sizeof(long);
	put(&o, &c, 1);
	put32(&o, pagesize);

	put(&o, "header_page", 12);
	p = xasprintf("%s/events/header_page", top);
	put_sized(&o, p, 8, 1);
	free(p);
	put(&o, "header_event", 13);
	p = xasprintf("%s/events/header_event", top);
	put_sized(&o, p, 8, 1);
	free(p);

	p = xasprintf("%s/events/ftrace", top);
	ft = subdirs_with(p, "format", &n);
	put32(&o, n);
	for (i = 0; i < n; i++) {
		s = xasprintf("%s/%s/format", p, ft[i]);
		put_sized(&o, s, 8, 1);
		free(s);
	}
	free_names(ft, n);
	free(p);
	put_event_systems(&o, top, buf, all);

	if (kallsyms)
		put_sized(&o, kallsyms, 4, 0);
	else
		put32(&o, 0);
	p = xasprintf("%s/printk_formats", top);
	put_sized(&o, p, 4, 0);
	free(p);
	p = xasprintf("%s/saved_cmdlines", top);
	put_sized(&o, p, 8, 0);
	free(p);

	put32(&o, ncpus);
	put(&o, "options  ", 10);
	for (i = 0; i < ncpus; i++) {
		char *st;

		p = xasprintf("%s/per_cpu/cpu%d/stats", buf, i);
		st = read_all(p, &len, 0);
		free(p);
		s = xasprintf("CPU: %d\n%s", i, st ? st : "");
		put_option(&o, OPT_CPUSTAT, s, strlen(s));
		free(s);
		free(st);
	}
	p = xasprintf("%s/trace_clock", buf);
	s = read_all(p, &len, 0);
	free(p);
	if (s) {
		while (len && s[len - 1] == '\n')
			len--;
		put_option(&o, OPT_TRACECLOCK, s, len);
		free(s);
	}
	if (!uname(&u)) {
		s = xasprintf("%s %s %s %s %s", u.sysname, u.nodename,
			      u.release, u.version, u.machine);
		put_option(&o, OPT_UNAME, s, strlen(s));
		free(s);
	}
	put16(&o, OPT_DONE);
	put(&o, "flyrecord", 10);

	/* Each CPU's pages start on a page boundary. */
	at = o.pos + 16ULL * ncpus;
	for (i = 0; i < ncpus; i++) {
		struct stat sb;

		p = cpu_tmp(path, i);
		size[i] = stat(p, &sb) ? 0 : sb.st_size;
		free(p);
		at = (at + pagesize - 1) / pagesize * pagesize;
		off[i] = at;
		at += size[i];
	}
	for (i = 0; i < ncpus; i++) {
		put64(&o, off[i]);
		put64(&o, size[i]);
	}
	for (i = 0; i < ncpus; i++) {
		char block[65536];
		ssize_t r;

		if (o.pos < off[i]) {
			memset(block, 0, sizeof(block));
			put(&o, block, off[i] - o.pos);
		}
		p = cpu_tmp(path, i);
		fd = open(p, O_RDONLY);
		if (fd < 0)
			die("cannot open %s: %s", p, strerror(errno));
		while ((r = read(fd, block, sizeof(block))) > 0)
			put(&o, block, r);
		if (r < 0)
			die("cannot read %s: %s", p, strerror(errno));
		close(fd);
		unlink(p);
		free(p);
	}
	if (close(o.fd))
		die("cannot write %s: %s", path, strerror(errno));
}

/* ------------------------------------------------------------ recording */

/*
 * One CPU's reader: trace_pipe_raw hands over one page per read(). Read
 * while there is data; when there is none, sleep in poll() on it and on
 * the stop pipe, whose write end the parent closes to say "stop" (tracing
 * is off by then): then drain what is left and end. A regular file (the
 * host tests) ends at EOF. Signals are the parent's business: a Ctrl-C on
 * the terminal reaches the readers too, and must not end them early.
 */
static int read_cpu(const char *buf, int cpu, const char *out, int drain_only,
		    int ready, int stop_fd)
{
	long pagesize = sysconf(_SC_PAGESIZE);
	char *page = xmalloc(pagesize);
	char *in = xasprintf("%s/per_cpu/cpu%d/trace_pipe_raw", buf, cpu);
	char *tmp = cpu_tmp(out, cpu);
	int fd, ofd, empty_reads = 0, stopping = drain_only;
	struct pollfd pfd[2];
	ssize_t r;

	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	fd = open(in, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		die("cannot open %s: %s", in, strerror(errno));
	ofd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (ofd < 0)
		die("cannot create %s: %s", tmp, strerror(errno));
	write_all(ready, "r", 1, "the ready pipe");
	close(ready);
	pfd[0].fd = fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = stop_fd;
	pfd[1].events = POLLIN;
	for (;;) {
		r = read(fd, page, pagesize);
		if (r > 0) {
			write_all(ofd, page, r, tmp);
			empty_reads = 0;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno != EAGAIN)
			die("cannot read %s: %s", in, strerror(errno));
		/* Empty (EAGAIN) or the end of a regular file (0). */
		if (stopping) {
			/* Twice empty in a row: the buffer is drained. */
			if (r == 0 || ++empty_reads >= 2)
				break;
			continue;
		}
		if (poll(pfd, 2, POLL_MS) > 0 && pfd[1].revents)
			stopping = 1;
		else if (r == 0)
			usleep(POLL_MS * 1000);
	}
	if (close(ofd))
		die("cannot write %s: %s", tmp, strerror(errno));
	close(fd);
	free(page);
	free(in);
	free(tmp);
	return 0;
}

static double cpu_seconds(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int record(const char *top, const char *buf, const char *out,
		  const char *readyfile, int drain_only, int all,
		  const char *kallsyms, int verbose)
{
	int ncpus = ncpus_of(buf), i, status, failed = 0, ready[2], stop[2];
	pid_t pids[MAX_CPUS];
	sigset_t set;
	char c;

	if (!ncpus)
		die("no %s/per_cpu/cpu0: is %s an ftrace buffer (tracefs mounted)?",
		    buf, buf);
	/* The parent takes its signals with sigwaitinfo(): no handler. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (pipe(ready) || pipe(stop))
		die("pipe: %s", strerror(errno));
	for (i = 0; i < ncpus; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork: %s", strerror(errno));
		if (!pids[i]) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			close(ready[0]);
			close(stop[1]);
			exit(read_cpu(buf, i, out, drain_only, ready[1], stop[0]));
		}
	}
	close(ready[1]);
	close(stop[0]);
	for (i = 0; i < ncpus; i++) {
		if (read(ready[0], &c, 1) != 1)
			break;
	}
	close(ready[0]);
	if (i == ncpus && readyfile) {
		int fd = open(readyfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			die("cannot create %s: %s", readyfile, strerror(errno));
		close(fd);
	}
	/* Until told to stop, or a reader ends (drained, or failed). */
	if (i == ncpus && !drain_only)
		sigwaitinfo(&set, NULL);
	close(stop[1]);
	for (i = 0; i < ncpus; i++) {
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	if (failed) {
		for (i = 0; i < ncpus; i++) {
			char *p = cpu_tmp(out, i);

			unlink(p);
			free(p);
		}
		die("a reader failed: %s is not written", out);
	}
	write_file(out, top, buf, ncpus, all, kallsyms);
	if (verbose)
		fprintf(stderr, "%s: wrote %s, %d CPUs; cpu time %.3f s\n",
			prog, out, ncpus,
			cpu_seconds(RUSAGE_SELF) + cpu_seconds(RUSAGE_CHILDREN));
	return 0;
}

/* ------------------------------------------------------------ counting */

struct in {
	const unsigned char *p;
	size_t len, pos;
	const char *path;
};

static const void *take(struct in *f, size_t n)
{
	const void *p = f->p + f->pos;

	if (n > f->len - f->pos)
		die("%s: truncated at byte %zu", f->path, f->pos);
	f->pos += n;
	return p;
}

static u64 take_n(struct in *f, int width)
{
	u64 v = 0;
	u32 w;

	if (width == 4) {
		memcpy(&w, take(f, 4), 4);
		v = w;
	} else if (width == 2) {
		u16 h;

		memcpy(&h, take(f, 2), 2);
		v = h;
	} else {
		memcpy(&v, take(f, 8), 8);
	}
	return v;
}

#define MAX_IDS 65536
static char *names[MAX_IDS];

/* Note an event format's name and ID. */
static void learn(const char *sys, const char *fmt, size_t n)
{
	char *s = strndup(fmt, n), *name, *id;
	unsigned long v;

	name = strstr(s, "name: ");
	id = strstr(s, "\nID: ");
	if (name && id) {
		name += 6;
		name[strcspn(name, "\n")] = '\0';
		v = strtoul(id + 5, NULL, 10);
		if (v < MAX_IDS && !names[v])
			names[v] = xasprintf("%s:%s", sys, name);
	}
	free(s);
}

static long field_of(const char *hdr, const char *field, const char *key)
{
	const char *p = strstr(hdr, field);

	if (p)
		p = strstr(p, key);
	if (!p)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

static int count(const char *path)
{
	static u64 counts[MAX_IDS];
	u64 missed = 0, missed_pages = 0, pages = 0, unknown = 0;
	u32 pagesize, ncpus, nsys, nev, i, j;
	long data_off, commit_size;
	const u16 one = 1;
	unsigned char endian, longsize;
	struct in f = { .path = path };
	const char *hdr_page;
	size_t len;
	char *file;
	u64 n;

	file = read_all(path, &len, 1);
	f.p = (unsigned char *)file;
	f.len = len;
	if (len < 12 || memcmp(take(&f, 10), "\x17\x08\x44tracing", 10) ||
	    memcmp(take(&f, 2), "6", 2))
		die("%s is not a trace.dat of version 6", path);
	endian = *(const unsigned char *)take(&f, 1);
	longsize = *(const unsigned char *)take(&f, 1);
	if (endian != (*(const char *)&one ? 0 : 1))
		die("%s: written on a machine of the other endianness", path);
	pagesize = take_n(&f, 4);
	if (memcmp(take(&f, 12), "header_page", 12))
		die("%s: no header_page section", path);
	n = take_n(&f, 8);
	hdr_page = strndup(take(&f, n), n);
	data_off = field_of(hdr_page, "char data;", "offset:");
	commit_size = field_of(hdr_page, "commit;", "size:");
	if (data_off <= 0 || (commit_size != 4 && commit_size != 8))
		die("%s: cannot read the page header format", path);
	if (memcmp(take(&f, 13), "header_event", 13))
		die("%s: no header_event section", path);
	take(&f, take_n(&f, 8));
	nev = take_n(&f, 4);
	for (i = 0; i < nev; i++) {
		n = take_n(&f, 8);
		learn("ftrace", take(&f, n), n);
	}
	nsys = take_n(&f, 4);
	for (i = 0; i < nsys; i++) {
		const char *sys = (const char *)f.p + f.pos;

		take(&f, strnlen(sys, f.len - f.pos) + 1);
		nev = take_n(&f, 4);
		for (j = 0; j < nev; j++) {
			n = take_n(&f, 8);
			learn(sys, take(&f, n), n);
		}
	}
	take(&f, take_n(&f, 4));	/* kallsyms */
	take(&f, take_n(&f, 4));	/* printk formats */
	take(&f, take_n(&f, 8));	/* cmdlines */
	ncpus = take_n(&f, 4);
	if (!memcmp(f.p + f.pos, "options  ", 10)) {
		take(&f, 10);
		while (take_n(&f, 2) != OPT_DONE)
			take(&f, take_n(&f, 4));
	}
	if (memcmp(take(&f, 10), "flyrecord", 10))
		die("%s: no flyrecord section", path);
	for (i = 0; i < ncpus; i++) {
		struct in c = { .p = f.p, .path = path };
		u64 off = take_n(&f, 8), size = take_n(&f, 8);

		if (off > len || size > len - off)
			die("%s: CPU %u's data lies outside the file", path, i);
		for (c.pos = off; c.pos + pagesize <= off + size; c.pos += pagesize) {
			const unsigned char *pg = f.p + c.pos;
			u64 commit = 0, flags;
			size_t at;

			memcpy(&commit, pg + 8, commit_size);
			flags = commit & (RB_MISSED_EVENTS | RB_MISSED_STORED);
			commit &= ~(u64)(RB_MISSED_EVENTS | RB_MISSED_STORED);
			pages++;
			if (data_off + commit > pagesize)
				die("%s: CPU %u: a page's commit %llu is past its end",
				    path, i, (unsigned long long)commit);
			if (flags & RB_MISSED_EVENTS) {
				missed_pages++;
				if (flags & RB_MISSED_STORED) {
					u64 m = 0;

					memcpy(&m, pg + data_off + commit, longsize);
					missed += m;
				}
			}
			for (at = 0; at + 4 <= commit;) {
				const unsigned char *e = pg + data_off + at;
				u32 h, len0, type_len;

				memcpy(&h, e, 4);
				type_len = h & 0x1f;
				if (type_len == RB_TYPE_PADDING) {
					if (!(h >> 5))
						break;	/* the rest is padding */
					memcpy(&len0, e + 4, 4);
					at += 4 + len0;
				} else if (type_len == RB_TYPE_TIME_EXTEND ||
					   type_len == RB_TYPE_TIME_STAMP) {
					at += 8;
				} else {
					const unsigned char *d = e + 4;
					u16 id;

					if (!type_len) {
						memcpy(&len0, e + 4, 4);
						d += 4;
						at += 4 + len0;
					} else {
						at += 4 + type_len * 4;
					}
					memcpy(&id, d, 2);
					if (names[id])
						counts[id]++;
					else
						unknown++;
				}
			}
		}
	}
	for (i = 0; i < MAX_IDS; i++) {
		if (counts[i])
			printf("%llu %s\n", (unsigned long long)counts[i], names[i]);
	}
	if (unknown)
		printf("%llu (events of no format in the file)\n",
		       (unsigned long long)unknown);
	printf("lost: %llu in %llu of %llu pages\n", (unsigned long long)missed,
	       (unsigned long long)missed_pages, (unsigned long long)pages);
	return 0;
}

static void help(FILE *to)
{
	fprintf(to,
		"usage: %s [-t TRACEFS] [-b BUFFER] [-o FILE] [-w READYFILE] [-n] [-a] [-k KALLSYMS|-K] [-v]\n"
		"       %s -c FILE\n\n"
		"Record the binary pages of an ftrace buffer (per_cpu/cpuN/trace_pipe_raw)\n"
		"into a trace.dat (trace-cmd format version 6) until SIGTERM, SIGINT,\n"
		"SIGHUP or SIGUSR1, then drain what is left and write FILE.\n\n"
		"  -t TRACEFS   the tracing directory (default /sys/kernel/tracing)\n"
		"  -b BUFFER    the buffer's directory, e.g. TRACEFS/instances/NAME\n"
		"               (default: TRACEFS, the top buffer)\n"
		"  -o FILE      the trace.dat to write (default trace.dat)\n"
		"  -w FILE      create FILE once every CPU's reader runs\n"
		"  -n           no streaming: read what the buffer holds, and end\n"
		"  -a           the formats of every event (default: those enabled)\n"
		"  -k FILE      kallsyms from FILE (default /proc/kallsyms); -K none\n"
		"  -v           say what was written and the CPU time it took\n"
		"  -c FILE      count FILE's events per event, and those lost\n",
		prog, prog);
}

int main(int argc, char **argv)
{
	const char *top = "/sys/kernel/tracing", *buf = NULL, *out = "trace.dat";
	const char *ready = NULL, *kallsyms = "/proc/kallsyms", *cnt = NULL;
	int opt, drain = 0, all = 0, verbose = 0;

	while ((opt = getopt(argc, argv, "t:b:o:w:nak:Kvc:h")) != -1) {
		switch (opt) {
		case 't':
			top = optarg;
			break;
		case 'b':
			buf = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'w':
			ready = optarg;
			break;
		case 'n':
			drain = 1;
			break;
		case 'a':
			all = 1;
			break;
		case 'k':
			kallsyms = optarg;
			break;
		case 'K':
			kallsyms = NULL;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'c':
			cnt = optarg;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			help(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		help(stderr);
		return 2;
	}
	if (cnt)
		return count(cnt);
	return record(top, buf ? buf : top, out, ready, drain, all, kallsyms,
		      verbose);
}
