// SPDX-License-Identifier: GPL-2.0
/*
 * Fetch arguments: parsing (any context that may sleep, no side effects)
 * and evaluation (probe handlers: any context, NMI included).
 *
 * Evaluation reads memory only through copy_from_kernel_nofault() and
 * copy_from_user_nofault(), a word at a time and aligned, so that a string
 * ending just before an unmapped page is read whole and a bad pointer gives
 * -EFAULT, never an oops. The kernel's own fetch engine (kprobe_events)
 * cannot be called from a module on 6.1, and its return probes cannot see
 * the arguments, which drvtrace's exit events carry: see docs/probes.md.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <drvtrace/fetch.h>

struct drvtrace_type_info {
	const char	*name;
	bool		is_signed;
};

static const struct drvtrace_type_info drvtrace_types[DRVTRACE_NR_TYPES] = {
	[DRVTRACE_TYPE_U8]	= { "u8", false },
	[DRVTRACE_TYPE_U16]	= { "u16", false },
	[DRVTRACE_TYPE_U32]	= { "u32", false },
	[DRVTRACE_TYPE_U64]	= { "u64", false },
	[DRVTRACE_TYPE_S8]	= { "s8", true },
	[DRVTRACE_TYPE_S16]	= { "s16", true },
	[DRVTRACE_TYPE_S32]	= { "s32", true },
	[DRVTRACE_TYPE_S64]	= { "s64", true },
	[DRVTRACE_TYPE_X8]	= { "x8", false },
	[DRVTRACE_TYPE_X16]	= { "x16", false },
	[DRVTRACE_TYPE_X32]	= { "x32", false },
	[DRVTRACE_TYPE_X64]	= { "x64", false },
	[DRVTRACE_TYPE_STRING]	= { "string", false },	/* __data_loc */
	[DRVTRACE_TYPE_USTRING]	= { "ustring", false },
	[DRVTRACE_TYPE_SYMBOL]	= { "symbol", false },
};

const char *drvtrace_type_name(enum drvtrace_type type)
{
	return drvtrace_types[type].name;
}

bool drvtrace_type_is_signed(enum drvtrace_type type)
{
	return drvtrace_types[type].is_signed;
}

int drvtrace_type_parse(const char *name, enum drvtrace_type *type)
{
	int i;

	for (i = 0; i < DRVTRACE_NR_TYPES; i++) {
		if (!strcmp(name, drvtrace_types[i].name)) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * The registers of struct pt_regs by the names kprobe_events takes, and
 * for the argument registers the portable spelling, which an error on the
 * other arch suggests.
 */
struct drvtrace_reg {
	const char	*name;
	int		offset;		/* -1: not a register of this arch */
	int		arg;		/* 1-based argument it carries, or 0 */
};

#define REG(r, a)	{ #r, offsetof(struct pt_regs, r), a }
#define FOREIGN(r, a)	{ #r, -1, a }

static const struct drvtrace_reg drvtrace_regs[] = {
#if defined(CONFIG_X86_64)
	REG(di, 1), REG(si, 2), REG(dx, 3), REG(cx, 4), REG(r8, 5), REG(r9, 6),
	REG(ax, 0), REG(bx, 0), REG(bp, 0), REG(sp, 0), REG(r10, 0),
	REG(r11, 0), REG(r12, 0), REG(r13, 0), REG(r14, 0), REG(r15, 0),
	REG(ip, 0), REG(flags, 0), REG(orig_ax, 0), REG(cs, 0), REG(ss, 0),
	FOREIGN(x0, 1), FOREIGN(x1, 2), FOREIGN(x2, 3), FOREIGN(x3, 4),
	FOREIGN(x4, 5), FOREIGN(x5, 6), FOREIGN(x6, 7), FOREIGN(x7, 8),
#elif defined(CONFIG_ARM64)
#define XREG(n, a)	{ "x" #n, offsetof(struct pt_regs, regs[n]), a }
	XREG(0, 1), XREG(1, 2), XREG(2, 3), XREG(3, 4), XREG(4, 5), XREG(5, 6),
	XREG(6, 7), XREG(7, 8), XREG(8, 0), XREG(9, 0), XREG(10, 0),
	XREG(11, 0), XREG(12, 0), XREG(13, 0), XREG(14, 0), XREG(15, 0),
	XREG(16, 0), XREG(17, 0), XREG(18, 0), XREG(19, 0), XREG(20, 0),
	XREG(21, 0), XREG(22, 0), XREG(23, 0), XREG(24, 0), XREG(25, 0),
	XREG(26, 0), XREG(27, 0), XREG(28, 0), XREG(29, 0), XREG(30, 0),
	{ "lr", offsetof(struct pt_regs, regs[30]), 0 },
	REG(sp, 0), REG(pc, 0), REG(pstate, 0),
	FOREIGN(di, 1), FOREIGN(si, 2), FOREIGN(dx, 3), FOREIGN(cx, 4),
	FOREIGN(r8, 5), FOREIGN(r9, 6),
#undef XREG
#endif
};

#undef REG
#undef FOREIGN

#define why_printf(...)	snprintf(why, why_len, __VA_ARGS__)

static int parse_reg(const char *name, struct drvtrace_fetch *f, char *why,
		     size_t why_len)
{
	const struct drvtrace_reg *r;

	for (r = drvtrace_regs; r < drvtrace_regs + ARRAY_SIZE(drvtrace_regs); r++) {
		if (strcmp(name, r->name))
			continue;
		if (r->offset < 0) {
			why_printf("%%%s: not a register here; arg%d is the portable spelling",
				   name, r->arg);
			return -EINVAL;
		}
		f->base = DRVTRACE_FETCH_REG;
		f->index = r->offset;
		return 0;
	}
	why_printf("%%%s: unknown register", name);
	return -EINVAL;
}

/* @SYM[+|-OFF]: the symbol is looked up when the probe is armed. */
static int parse_symbol(char *s, struct drvtrace_fetch *f, char *why,
			size_t why_len)
{
	char *sign = strpbrk(s, "+-");
	long off = 0;
	char *p;

	if (sign) {
		if (kstrtol(sign + 1, 0, &off) || sign == s) {
			why_printf("@%s: malformed symbol offset", s);
			return -EINVAL;
		}
		if (*sign == '-')
			off = -off;
		*sign = '\0';
	}
	for (p = s; *p; p++) {
		if (!isalnum(*p) && *p != '_' && *p != '.')
			break;
	}
	if (!*s || *p || strlen(s) >= KSYM_NAME_LEN) {
		why_printf("@%s: malformed symbol name", s);
		return -EINVAL;
	}
	f->base = DRVTRACE_FETCH_SYMBOL;
	f->symbol = s;
	f->nr_derefs = 1;
	f->offsets[0] = off;
	return 0;
}

static int parse_body(char *s, struct drvtrace_fetch *f, char *why,
		      size_t why_len)
{
	unsigned int n;
	char *open;
	long off;
	int ret;

	if (*s == '+' || *s == '-') {
		size_t len = strlen(s);

		open = strchr(s, '(');
		if (!open || s[len - 1] != ')') {
			why_printf("%s: a dereference is +OFF(FETCH)", s);
			return -EINVAL;
		}
		*open = '\0';
		s[len - 1] = '\0';
		if (kstrtol(s + 1, 0, &off)) {
			why_printf("%s(...): malformed offset", s);
			return -EINVAL;
		}
		ret = parse_body(open + 1, f, why, why_len);
		if (ret)
			return ret;
		if (f->base == DRVTRACE_FETCH_COMM) {
			why_printf("comm cannot be dereferenced");
			return -EINVAL;
		}
		if (f->nr_derefs == DRVTRACE_FETCH_MAX_DEREF) {
			why_printf("at most %d dereferences", DRVTRACE_FETCH_MAX_DEREF);
			return -EINVAL;
		}
		f->offsets[f->nr_derefs++] = *s == '-' ? -off : off;
		return 0;
	}

	if (*s == '$')		/* kprobe_events' spelling: $arg1, $retval, $comm */
		s++;
	if (*s == '%')
		return parse_reg(s + 1, f, why, why_len);
	if (*s == '@')
		return parse_symbol(s + 1, f, why, why_len);
	if (!strcmp(s, "retval")) {
		f->base = DRVTRACE_FETCH_RETVAL;
		return 0;
	}
	if (!strcmp(s, "comm")) {
		f->base = DRVTRACE_FETCH_COMM;
		return 0;
	}
	if (str_has_prefix(s, "arg") && isdigit(s[3]) &&
	    !kstrtouint(s + 3, 10, &n) && n >= 1 && n <= DRVTRACE_FETCH_MAX_ARG) {
		f->base = DRVTRACE_FETCH_ARG;
		f->index = n - 1;
		return 0;
	}
	if (strstr(s, "->") || strchr(s, '.'))
		why_printf("%s: field names need BTF: use 'drvtrace probe', or +OFF(...)",
			   s);
	else
		why_printf("%s: unknown fetch (argN, retval, comm, %%REG, @SYM, +OFF(...))",
			   s);
	return -EINVAL;
}

/**
 * drvtrace_fetch_parse() - parse FETCH[:TYPE]
 * @spec: the text; modified in place, and f->symbol may point into it
 * @f: filled in on success
 * @why: set to the reason, naming the token, on failure
 * @why_len: size of @why
 *
 * Return: 0 or -EINVAL.
 */
int drvtrace_fetch_parse(char *spec, struct drvtrace_fetch *f, char *why,
			 size_t why_len)
{
	char *colon = strrchr(spec, ':');
	bool typed = false;
	int ret;

	memset(f, 0, sizeof(*f));
	f->type = DRVTRACE_TYPE_X64;
	if (colon) {
		if (drvtrace_type_parse(colon + 1, &f->type)) {
			why_printf("%s: unknown type (u8.., s8.., x8.., string, ustring, symbol)",
				   colon + 1);
			return -EINVAL;
		}
		*colon = '\0';
		typed = true;
	}
	if (!*spec) {
		why_printf("empty fetch");
		return -EINVAL;
	}
	ret = parse_body(spec, f, why, why_len);
	if (ret)
		return ret;

	if (f->base == DRVTRACE_FETCH_COMM) {
		if (typed && f->type != DRVTRACE_TYPE_STRING) {
			why_printf("comm is a string");
			return -EINVAL;
		}
		f->type = DRVTRACE_TYPE_STRING;
	}
	return 0;
}

/* Evaluation, in probe handlers. */

static __always_inline unsigned long fetch_base(const struct drvtrace_fetch *f,
						struct pt_regs *regs)
{
	switch (f->base) {
	case DRVTRACE_FETCH_ARG:
		return regs_get_kernel_argument(regs, f->index);
	case DRVTRACE_FETCH_REG:
		return *(unsigned long *)((char *)regs + f->index);
	case DRVTRACE_FETCH_RETVAL:
		return regs_return_value(regs);
	case DRVTRACE_FETCH_SYMBOL:
		return f->address;
	case DRVTRACE_FETCH_COMM:
		break;
	}
	return 0;
}

/* Follow all but the last dereference; *@v is then the last one's base. */
static __always_inline int fetch_walk(const struct drvtrace_fetch *f,
				      struct pt_regs *regs, unsigned long *v)
{
	unsigned int i;

	*v = fetch_base(f, regs);
	for (i = 0; i + 1 < f->nr_derefs; i++) {
		if (copy_from_kernel_nofault(v, (void *)(*v + f->offsets[i]),
					     sizeof(*v)))
			return -EFAULT;
	}
	return 0;
}

/**
 * drvtrace_fetch_value() - evaluate a numeric fetch
 * @f: the fetch
 * @regs: the registers at the probe
 * @val: the value, zero-extended from the type's size; 0 on a fault
 *
 * Return: 0, or -EFAULT when a dereference hit a bad address.
 */
int drvtrace_fetch_value(const struct drvtrace_fetch *f, struct pt_regs *regs,
			 u64 *val)
{
	unsigned int size = drvtrace_type_size(f->type);
	unsigned long v;
	u64 raw = 0;

	*val = 0;
	if (fetch_walk(f, regs, &v))
		return -EFAULT;
	if (f->nr_derefs) {
		/* The last load reads only the type's size (little endian). */
		if (copy_from_kernel_nofault(&raw, (void *)(v + f->offsets[f->nr_derefs - 1]),
					     size))
			return -EFAULT;
	} else {
		raw = v;
	}
	if (size < sizeof(raw))
		raw &= (1ULL << (size * 8)) - 1;
	*val = raw;
	return 0;
}

/* Copy a NUL-terminated string from @addr a word at a time, aligned. */
static int read_string(char *buf, unsigned long addr, bool user)
{
	union {
		unsigned long	word;
		char		c[sizeof(unsigned long)];
	} u;
	unsigned int n = 0;

	while (n < DRVTRACE_STRING_MAX - 1) {
		unsigned long at = addr + n;
		unsigned long base = at & ~(sizeof(long) - 1);
		unsigned int i;
		long err;

		if (user)
			err = copy_from_user_nofault(&u.word, (const void __user *)base,
						     sizeof(long));
		else
			err = copy_from_kernel_nofault(&u.word, (void *)base,
						       sizeof(long));
		if (err)
			return -EFAULT;
		for (i = at - base; i < sizeof(long) && n < DRVTRACE_STRING_MAX - 1; i++) {
			buf[n++] = u.c[i];
			if (!u.c[i])
				return n;
		}
	}
	buf[n++] = '\0';	/* cut */
	return n;
}

/**
 * drvtrace_fetch_string() - evaluate a string fetch
 * @f: the fetch, of type string or ustring (comm included)
 * @regs: the registers at the probe
 * @buf: DRVTRACE_STRING_MAX bytes for the string; "(fault)" on a fault
 *
 * Return: the length stored, NUL included; -EFAULT on a fault.
 */
int drvtrace_fetch_string(const struct drvtrace_fetch *f, struct pt_regs *regs,
			  char *buf)
{
	unsigned long v;
	int len;

	if (f->base == DRVTRACE_FETCH_COMM)
		return strscpy(buf, current->comm, DRVTRACE_STRING_MAX) + 1;

	if (fetch_walk(f, regs, &v)) {
		len = -EFAULT;
	} else {
		if (f->nr_derefs)
			v += f->offsets[f->nr_derefs - 1];
		len = read_string(buf, v, f->type == DRVTRACE_TYPE_USTRING);
	}
	if (len < 0)
		memcpy(buf, DRVTRACE_FAULT_STRING, sizeof(DRVTRACE_FAULT_STRING));
	return len;
}
