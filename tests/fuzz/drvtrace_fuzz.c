// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace_fuzz: write random, mutated and boundary commands to drvtrace's
 * debugfs files and check each answer.
 *
 *   drvtrace_fuzz [-n WRITES] [-s SEED] [-v] FILE...
 *
 * Each write is one write(2) of a generated buffer to one of the FILEs
 * (/sys/kernel/debug/drvtrace/control or .../irqsrc; the file's name says
 * which grammar applies). A write must succeed or fail with one of the
 * errnos documented for that file, and a failed write must leave what the
 * file reads back exactly as it was. Any other outcome is printed with the
 * input, hex-escaped, and makes the exit status 1.
 *
 * Valid commands are kept to symbols nothing calls while the fuzzer runs,
 * so a failed write's "before" and "after" can be compared byte for byte.
 * A control write is one transaction: when any line fails, none is done.
 *
 * Before the random writes, each control file gets a few fixed commands
 * whose errno is known, so every documented errno is seen whatever the seed.
 *
 * Built static, so it runs on a board with only busybox.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BUF		8192
#define MAX_STATE	65536
#define MAX_FILES	4

enum grammar { CONTROL, IRQSRC };

struct target {
	const char	*path;
	enum grammar	grammar;
	int		fd;
	unsigned long	writes, ok, failed;
	unsigned long	by_errno[256];
};

static unsigned long long rng_state = 88172645463325252ULL;
static int verbose;

/* xorshift64: reproducible from the seed, no libc state involved. */
static unsigned long long rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned int below(unsigned int n)
{
	return n ? rnd() % n : 0;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[below(n)];
}

#define PICK(list) pick(list, sizeof(list) / sizeof((list)[0]))

/* Symbols nothing calls while the fuzzer runs, so counters hold still. */
static const char *const quiet_symbols[] = {
	"irq_domain_remove", "irq_domain_free_fwnode", "__setup_irq",
};

/* Symbols the kernel refuses or does not have. */
static const char *const refused_symbols[] = {
	"drvtrace_kprobe_pre", "drvtrace_cmd_parse", "no_such_symbol_fuzz",
	"mod:sym", "a", "_", "do_int3",
};

static const char *const options[] = {
	"entry", "return", "both", "stack", "args=0", "args=3", "args=6",
	"args=7", "maxactive=1", "maxactive=4096", "maxactive=4097",
	"maxactive=0", "args=", "args=-1", "args=0x3", "args=18446744073709551616",
	"bogus", "entry entry", "",
};

/*
 * Numbers around every limit, but no valid count that would keep a burst
 * going for minutes (fire takes up to 100000000).
 */
static const char *const numbers[] = {
	"0", "1", "2", "3", "31", "32", "63", "64", "100", "-1", "0x10", "010",
	"4294967295", "4294967296", "18446744073709551615",
	"18446744073709551616", "99999999999999999999999", "1e3", "", "+1",
	"1000", "1001", "100000001",
};

static size_t gen_control_valid(char *b, size_t max)
{
	const char *sym = PICK(quiet_symbols);

	switch (below(7)) {
	case 0:
		return snprintf(b, max, "probe %s %s %s\n", sym, PICK(options),
				PICK(options));
	case 1:
		return snprintf(b, max, "unprobe %s\n", sym);
	case 2:
		return snprintf(b, max, "probe %s\n", PICK(refused_symbols));
	case 3:
		return snprintf(b, max, below(2) ? "clear\n" : "reset\n");
	case 4:
		return snprintf(b, max, "# a comment\n\n");
	case 5:	/* the second line fails with EEXIST: the first is undone */
		return snprintf(b, max, "probe %s\nprobe %s\n", sym, sym);
	default:
		return snprintf(b, max, "probe %s entry args=%s\n", sym,
				PICK(numbers));
	}
}

static size_t gen_irqsrc_valid(char *b, size_t max)
{
	static const char *const verbs[] = {
		"fire", "spurious", "rate", "reset", "request", "FIRE", "",
	};

	switch (below(4)) {
	case 0:
		/* Small bursts only: counters must hold still otherwise. */
		return snprintf(b, max, "%s %u\n", below(2) ? "fire" : "spurious",
				1 + below(8));
	case 1:
		return snprintf(b, max, "request %u\n", below(6));
	case 2:
		return snprintf(b, max, "rate 0\n");
	default:
		return snprintf(b, max, "%s %s %s\n", PICK(verbs), PICK(numbers),
				PICK(numbers));
	}
}

/* Turn a command into something near it: the interesting failures. */
static size_t mutate(char *b, size_t len, size_t max)
{
	size_t i, n = 1 + below(4);

	while (n--) {
		switch (below(7)) {
		case 0:	/* flip a bit */
			if (len)
				b[below(len)] ^= 1 << below(8);
			break;
		case 1:	/* a NUL byte inside */
			if (len)
				b[below(len)] = '\0';
			break;
		case 2:	/* bytes that are not UTF-8 */
			if (len)
				b[below(len)] = 0x80 | below(128);
			break;
		case 3:	/* cut it short: a partial line */
			len = below(len + 1);
			break;
		case 4:	/* repeat a piece */
			if (len && len * 2 < max) {
				memcpy(b + len, b, len);
				len *= 2;
			}
			break;
		case 5:	/* garbage after a valid line */
			for (i = 0; i < 1 + below(16) && len < max; i++)
				b[len++] = below(256);
			break;
		default: /* whitespace of every kind */
			if (len < max)
				b[len++] = " \t\n\r\v\f"[below(6)];
			break;
		}
	}
	return len;
}

static size_t gen_symbol_length(char *b, size_t max, unsigned long i)
{
	/*
	 * Every length from 2 to 602 in turn, around KSYM_NAME_LEN; the "zz"
	 * prefix keeps a short one from naming a real, busy function.
	 */
	size_t l = i % 601, len = snprintf(b, max, "probe zz");

	while (l-- && len < max - 2)
		b[len++] = "abcdefghijklmnopqrstuvwxyz_0123456789"[below(37)];
	b[len++] = '\n';
	return len;
}

static size_t gen_valid(const struct target *t, char *b, size_t max)
{
	return t->grammar == CONTROL ? gen_control_valid(b, max) :
				       gen_irqsrc_valid(b, max);
}

static size_t generate(const struct target *t, char *b, size_t max,
		       unsigned long i)
{
	size_t len, limit = t->grammar == CONTROL ? 4096 : 63;

	switch (below(10)) {
	case 0:	/* random bytes, up to twice the size limit */
		len = below(2 * limit + 2);
		for (size_t j = 0; j < len; j++)
			b[j] = below(256);
		return len;
	case 1:	/* exactly at and just over the size limit */
		len = limit + below(2);
		memset(b, 'x', len);
		memcpy(b, t->grammar == CONTROL ? "probe " : "fire ", 5);
		return len;
	case 2:
		if (t->grammar == CONTROL)
			return gen_symbol_length(b, max, i);
		return mutate(b, gen_valid(t, b, max), max);
	case 3:	/* a valid line followed by garbage on the next */
		len = gen_valid(t, b, max);
		for (size_t j = 1 + below(32); j && len < max; j--)
			b[len++] = below(256);
		return len;
	case 4:
	case 5:
	case 6:	/* valid, or almost */
		len = gen_valid(t, b, max);
		return below(3) ? len : mutate(b, len, max);
	default: /* a mutation of a mutation */
		return mutate(b, mutate(b, gen_valid(t, b, max), max), max);
	}
}

/*
 * Whether an irqsrc write might start a long burst: "fire N" with N over
 * 1000 (the file takes up to 100000000, and a write returns only when the
 * burst is done: hours on a debug kernel under TCG). Mutations make such
 * counts now and then, so they are drawn again. Tokenized as the module
 * does (strim, then strsep on blanks), but generous with the number, so
 * that every such write is caught.
 */
static int long_burst(const char *b, size_t len)
{
	char line[MAX_BUF], *p = line, *verb, *count;
	unsigned long n;

	if (len >= sizeof(line))
		return 0;
	memcpy(line, b, len);
	line[len] = '\0';
	while (*p && isspace((unsigned char)*p))
		p++;
	verb = strsep(&p, " \t");
	count = strsep(&p, " \t");
	if (strcmp(verb, "fire") || !count)
		return 0;
	while (isspace((unsigned char)*count) || *count == '+')
		count++;
	n = strtoul(count, NULL, 0);
	return n > 1000;
}

static int documented(const struct target *t, int err)
{
	if (t->grammar == CONTROL)
		return err == EINVAL || err == ENOENT || err == EEXIST ||
		       err == E2BIG;
	return err == EINVAL || err == EBUSY;
}

/*
 * Writes to the control file whose answer is known, one per documented
 * errno. An entry with a length is padded with 'x' to that length.
 */
struct known_answer {
	const char	*input;
	size_t		len;
	int		err;
};

static const struct known_answer control_answers[] = {
	{ "probe no_such_symbol_fuzz\n", 0, ENOENT },
	{ "probe irq_domain_remove\nprobe irq_domain_remove\n", 0, EEXIST },
	{ "probe irq_domain_remove entry args=7\n", 0, EINVAL },
	{ "probe irq_domain_remove\nbogus\n", 0, EINVAL },
	{ "probe irq_domain_remove +16\n", 0, EINVAL },
	{ "probe ", 4097, E2BIG },
	{ NULL },
};

static ssize_t snapshot(const char *path, char *buf)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf + len, MAX_STATE - 1 - len)) > 0)
		len += n;
	close(fd);
	if (n < 0)
		return -1;
	buf[len] = '\0';
	return len;
}

static void print_input(const char *b, size_t len)
{
	fputs("    input: \"", stdout);
	for (size_t i = 0; i < len && i < 200; i++) {
		unsigned char c = b[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\"%s (%zu bytes)\n", len > 200 ? "..." : "", len);
}

/*
 * Write @len bytes of @b to @t in one write(2) and check the answer: success
 * or a documented errno (exactly @expect when it is not -1), and on failure
 * the file reads back as before. Return the number of problems, 0 or more.
 */
static unsigned long check_write(struct target *t, const char *b, size_t len,
				 int expect)
{
	static char before[MAX_STATE], after[MAX_STATE];
	unsigned long bad = 0;
	ssize_t blen, alen, ret;
	int err;

	blen = snapshot(t->path, before);
	ret = write(t->fd, b, len);
	err = errno;
	t->writes++;
	if (ret == (ssize_t)len) {
		t->ok++;
		if (expect != -1) {
			printf("FAIL: %s: succeeded, expected %s\n", t->path,
			       strerror(expect));
			print_input(b, len);
			bad++;
		}
		/* A mutation may have started the periodic timer. */
		if (t->grammar == IRQSRC && write(t->fd, "rate 0", 6) != 6) {
			printf("FAIL: %s: rate 0: %s\n", t->path,
			       strerror(errno));
			bad++;
		}
		return bad;
	}
	t->failed++;
	if (ret >= 0) {
		printf("FAIL: %s: short write %zd of %zu\n", t->path, ret, len);
		print_input(b, len);
		return bad + 1;
	}
	t->by_errno[err & 0xff]++;
	if (!documented(t, err) || (expect != -1 && err != expect)) {
		printf("FAIL: %s: errno %d (%s)", t->path, err, strerror(err));
		if (expect != -1)
			printf(", expected %s", strerror(expect));
		putchar('\n');
		print_input(b, len);
		bad++;
	}
	alen = snapshot(t->path, after);
	if (blen < 0 || alen != blen || memcmp(before, after, blen)) {
		printf("FAIL: %s: state changed by a failed write (%s)\n",
		       t->path, strerror(err));
		print_input(b, len);
		printf("    before:\n%s    after:\n%s", before, after);
		bad++;
	} else if (verbose) {
		printf("ok: %s\n", strerror(err));
		print_input(b, len);
	}
	return bad;
}

int main(int argc, char **argv)
{
	static char buf[MAX_BUF];
	struct target targets[MAX_FILES];
	unsigned long writes = 10000, bad = 0, done = 0;
	int opt, nt = 0;

	while ((opt = getopt(argc, argv, "n:s:v")) != -1) {
		switch (opt) {
		case 'n':
			writes = strtoul(optarg, NULL, 0);
			break;
		case 's':
			rng_state = strtoull(optarg, NULL, 0) | 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-n WRITES] [-s SEED] [-v] FILE...\n",
				argv[0]);
			return 2;
		}
	}
	for (; optind < argc && nt < MAX_FILES; optind++, nt++) {
		struct target *t = &targets[nt];

		memset(t, 0, sizeof(*t));
		t->path = argv[optind];
		t->grammar = strstr(t->path, "irqsrc") ? IRQSRC : CONTROL;
		t->fd = open(t->path, O_WRONLY);
		if (t->fd < 0) {
			fprintf(stderr, "%s: %s\n", t->path, strerror(errno));
			return 2;
		}
	}
	if (!nt) {
		fprintf(stderr, "%s: no file to fuzz\n", argv[0]);
		return 2;
	}

	/* The known answers first, counted in the writes asked for. */
	for (int j = 0; j < nt; j++) {
		const struct known_answer *k;

		if (targets[j].grammar != CONTROL)
			continue;
		for (k = control_answers; k->input && done < writes; k++, done++) {
			size_t len = k->len ? k->len : strlen(k->input);

			if (k->len)
				memset(buf, 'x', len);
			memcpy(buf, k->input, strlen(k->input));
			bad += check_write(&targets[j], buf, len, k->err);
		}
	}
	for (; done < writes && bad <= 20; done++) {
		struct target *t = &targets[below(nt)];
		size_t len;

		do
			len = generate(t, buf, sizeof(buf) / 2, done);
		while (t->grammar == IRQSRC && long_burst(buf, len));

		bad += check_write(t, buf, len, -1);
	}

	for (int j = 0; j < nt; j++) {
		struct target *t = &targets[j];

		printf("%s: %lu writes, %lu succeeded, %lu failed", t->path,
		       t->writes, t->ok, t->failed);
		printf(" (EINVAL %lu, ENOENT %lu, EEXIST %lu, E2BIG %lu, EBUSY %lu)\n",
		       t->by_errno[EINVAL],
		       t->by_errno[ENOENT], t->by_errno[EEXIST], t->by_errno[E2BIG],
		       t->by_errno[EBUSY]);
		close(t->fd);
	}
	printf("%lu problems\n", bad);
	return bad ? 1 : 0;
}
