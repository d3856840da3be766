// SPDX-License-Identifier: GPL-2.0
/*
 * drvtrace-btf: name struct fields and function arguments in drvtrace
 * probes, from the running kernel's BTF, and print struct layouts and
 * prototypes on a board with nothing installed (the pahole step of the
 * ftrace how-to). Reads /sys/kernel/btf/vmlinux, and a module's
 * /sys/kernel/btf/<module> as split BTF, with Debian's libbpf.
 *
 *   drvtrace-btf resolve [EVENT=]SYMBOL [WORD...]
 *	prints the control-file command: fetches written with C names
 *	(irq, new->name, arg1->a.b->c:x32) become FIELD=FETCH:TYPE tokens,
 *	every other word is copied unchanged.
 *   drvtrace-btf struct NAME     each member: offset, size, default type
 *   drvtrace-btf func NAME       the prototype, with argN for each argument
 *   drvtrace-btf extract IMAGE OUT
 *	copies the .BTF blob embedded in an uncompressed kernel image
 *	(vmlinux ELF or arm64 Image) to OUT, for the host tests.
 *
 * Options before the command: -b FILE (vmlinux BTF, default
 * /sys/kernel/btf/vmlinux), -d DIR (module BTF, default /sys/kernel/btf).
 * Exit status: 0 done, 1 refused (the message says why), 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <linux/btf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define MAX_NAMES 4096
#define MAX_FIELDS 64

static const char *vmlinux_path = "/sys/kernel/btf/vmlinux";
static const char *btf_dir = "/sys/kernel/btf";
static struct btf *vmlinux;

/* Say why, and exit 1: every refusal ends here. */
static noreturn void btf_err(const char *fmt, ...)
{
			      va_list ap;

	fputs("drvtrace-btf: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void btf_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("drvtrace-btf: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int quiet_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static struct btf *load_vmlinux(void)
{
	if (vmlinux)
		return vmlinux;
	vmlinux = btf__parse(vmlinux_path, NULL);
	if (!vmlinux) {
		if (errno == ENOENT)
			btf_err("this kernel has no BTF (%s is absent: it needs CONFIG_DEBUG_INFO_BTF=y), so field and argument names cannot be resolved; offsets still work, e.g. '+16(arg3):x64' or '+0(+16(arg3)):string' instead of 'arg3->field'",
				vmlinux_path);
		btf_err("cannot read the kernel's BTF from %s: %s", vmlinux_path,
			strerror(errno));
	}
	return vmlinux;
}

/* A module's BTF, split on vmlinux's; NULL when the module has none. */
static struct btf *load_module(const char *mod, bool strict)
{
	char path[4096];
	struct btf *b;

	snprintf(path, sizeof(path), "%s/%s", btf_dir, mod);
	b = btf__parse_split(path, load_vmlinux());
	if (!b && errno != ENOENT && strict)
		btf_err("cannot read %s: %s", path, strerror(errno));
	return b;
}

/*
 * Look NAME of KIND up in vmlinux, then in every loaded module; with
 * MOD set, in that module only. Returns the BTF it was found in.
 */
static struct btf *find_type(const char *mod, const char *name, int kind,
			     __s32 *id)
{
	struct dirent *de;
	struct btf *b;
	DIR *dir;

	if (mod) {
		char sys[4096];
		FILE *f;

		b = load_module(mod, true);
		snprintf(sys, sizeof(sys), "/sys/module/%s/initstate", mod);
		f = fopen(sys, "r");
		if (f)
			fclose(f);
		if (!b && f)
			btf_err("module '%s' is loaded but has no BTF (%s/%s): it was built without it (an out-of-tree module gets BTF only when built against a tree with vmlinux and CONFIG_DEBUG_INFO_BTF_MODULES); only offsets work, e.g. '+16(arg1):x64'",
				mod, btf_dir, mod);
		if (!b)
			btf_err("module '%s' is not loaded, so its BTF (%s/%s) is not there yet: load it first, or use offsets, e.g. '+16(arg1):x64'",
				mod, btf_dir, mod);
		*id = btf__find_by_name_kind(b, name, kind);
		return *id > 0 ? b : NULL;
	}
	b = load_vmlinux();
	*id = btf__find_by_name_kind(b, name, kind);
	if (*id > 0)
		return b;
	b = NULL;
	dir = opendir(btf_dir);
	if (!dir)
		return NULL;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		b = load_module(de->d_name, false);
		if (!b)
			continue;
		*id = btf__find_by_name_kind(b, name, kind);
		if (*id > 0)
			break;
		btf__free(b);
		b = NULL;
	}
	closedir(dir);
	return b;
}

/* ------------------------------------------------------------ names */

/* Edit distance with transpositions (optimal string alignment). */
static unsigned int edit_distance(const char *a, const char *b)
{
	static unsigned short d[64][64];
	unsigned int i, j, v, la = strlen(a), lb = strlen(b);

	if (la > 63 || lb > 63)
		return ~0u;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1u < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1u < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1u < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

struct suggest {
	const char *want;
	const char *best;
	unsigned int dist;
};

static void suggest_add(struct suggest *s, const char *name)
{
	unsigned int d;

	if (!name || !*name)
		return;
	d = edit_distance(s->want, name);
	if (!s->best || d < s->dist) {
		s->best = name;
		s->dist = d;
	}
}

/* " Did you mean 'x'?" when something is close enough to be a typo. */
static const char *suggestion(const struct suggest *s)
{
	static char buf[512];
	unsigned int len = strlen(s->want);

	if (!s->best || s->dist > (len < 4 ? 1 : len / 3 + 1))
		return "";
	snprintf(buf, sizeof(buf), ". Did you mean '%s'?", s->best);
	return buf;
}

/* ------------------------------------------------------------ types */

static __u32 skip_mods(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(b, id);
	}
	return id;
}

static char *decl_buf;
static size_t decl_len, decl_cap;

static void decl_printf(void *ctx, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	(void)ctx;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if (decl_len + n + 1 > decl_cap) {
		decl_cap = (decl_len + n + 1) * 2;
		decl_buf = realloc(decl_buf, decl_cap);
		if (!decl_buf)
			btf_err("out of memory");
	}
	vsnprintf(decl_buf + decl_len, n + 1, fmt, ap);
	decl_len += n;
}

/* The C declaration of type ID named NAME ("" for the bare type). */
static const char *c_decl(const struct btf *b, __u32 id, const char *name)
{
	static struct btf_dump *d;
	static const struct btf *d_btf;
	struct btf_dump_emit_type_decl_opts o = {
		.sz = sizeof(o),
		.field_name = name,
	};

	if (d_btf != b) {
		btf_dump__free(d);
		d = btf_dump__new(b, decl_printf, NULL, NULL);
		if (!d)
			btf_err("libbpf cannot print types: %s", strerror(errno));
		d_btf = b;
	}
	if (!decl_buf) {
		decl_cap = 256;
		decl_buf = malloc(decl_cap);
		if (!decl_buf)
			btf_err("out of memory");
	}
	decl_len = 0;
	decl_buf[0] = '\0';
	if (btf_dump__emit_type_decl(d, id, &o))
		return "?";
	return decl_buf;
}

static bool is_char(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, skip_mods(b, id));

	return t && btf_is_int(t) && t->size == 1 &&
	       strstr(btf__name_by_offset(b, t->name_off), "char");
}

static bool is_char_ptr(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, skip_mods(b, id));

	return t && btf_is_ptr(t) && is_char(b, t->type);
}

static bool is_char_array(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, skip_mods(b, id));

	return t && btf_is_array(t) && is_char(b, btf_array(t)->type);
}

/*
 * The fetch type a value of type ID gets when none is given: integers by
 * size and sign, enums by size (signed, as the kernel's BTF-aware probe
 * events print them), char arrays and char pointers as strings, other
 * pointers as x64. NULL for what has no scalar value (a struct).
 */
static const char *default_type(const struct btf *b, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(b, skip_mods(b, id));
	static char buf[8];

	if (!t)
		return NULL;
	if (is_char_array(b, id) || is_char_ptr(b, id))
		return "string";
	if (btf_is_ptr(t))
		return "x64";
	if (btf_is_int(t) || btf_is_any_enum(t)) {
		bool sign = btf_is_int(t) ?
			(btf_int_encoding(t) & BTF_INT_SIGNED) : true;

		if (btf_is_int(t) && (btf_int_encoding(t) & BTF_INT_BOOL))
			sign = false;
		if (t->size != 1 && t->size != 2 && t->size != 4 &&
		    t->size != 8)
			return NULL;
		snprintf(buf, sizeof(buf), "%c%u", sign ? 's' : 'u',
			 t->size * 8);
		return buf;
	}
	return NULL;
}

static const char *kind_word(const struct btf_type *t)
{
	if (btf_is_struct(t))
		return "struct";
	if (btf_is_union(t))
		return "union";
	return "";
}

/*
 * Find member NAME in struct/union ID, looking into anonymous members.
 * Sets *off and *bits (its offset and bitfield size, in bits); returns
 * the member or NULL, collecting every
 * name into S for a suggestion.
 */
static const struct btf_member *find_member(const struct btf *b, __u32 id,
					    const char *name, __u32 *off,
					    __u32 *bits, struct suggest *s)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	const struct btf_member *m = btf_members(t), *r;
	const struct btf_type *mt;
	__u32 base = *off;
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);

		*off = base + btf_member_bit_offset(t, i);
		if (mn && *mn) {
			if (!strcmp(mn, name)) {
				*bits = btf_member_bitfield_size(t, i);
				return m;
			}
			suggest_add(s, mn);
			continue;
		}
		mt = btf__type_by_id(b, skip_mods(b, m->type));
		if (!mt || !btf_is_composite(mt))
			continue;
		r = find_member(b, skip_mods(b, m->type), name, off, bits, s);
		if (r)
			return r;
	}
	*off = base;
	return NULL;
}

/* ------------------------------------------------------------ resolve */

struct func {
	const struct btf *btf;
	const char *name;
	const struct btf_type *proto;
	bool found;
};

/* "sym", "sym+OFF" or "module:sym": the function's prototype, if any. */
static void find_func(struct func *f, const char *symbol, bool need)
{
	char mod[256] = "", sym[256];
	const char *colon = strchr(symbol, ':');
	const struct btf_type *t;
	struct btf *b;
	__s32 id;

	if (colon && (size_t)(colon - symbol) < sizeof(mod)) {
		memcpy(mod, symbol, colon - symbol);
		mod[colon - symbol] = '\0';
		symbol = colon + 1;
	}
	snprintf(sym, sizeof(sym), "%.*s", (int)strcspn(symbol, "+"), symbol);
	f->name = strdup(sym);
	f->found = false;
	b = find_type(*mod ? mod : NULL, sym, BTF_KIND_FUNC, &id);
	if (!b) {
		struct suggest s = { .want = sym };
		struct btf *v = load_vmlinux();
		__u32 i, n = btf__type_cnt(v);

		if (!need)
			return;
		for (i = 1; i < n; i++) {
			t = btf__type_by_id(v, i);
			if (btf_is_func(t))
				suggest_add(&s, btf__name_by_offset(v, t->name_off));
		}
		btf_err("no function '%s' in the BTF of %s (a function the compiler inlined or renamed has none): write its arguments as arg1, arg2 and so on%s",
			sym, *mod ? mod : "vmlinux or a loaded module",
			suggestion(&s));
	}
	t = btf__type_by_id(b, id);
	f->btf = b;
	f->proto = btf__type_by_id(b, t->type);
	f->found = true;
}

/* The state of a fetch being resolved: a value, or an object in memory. */
struct fetch {
	char expr[1024];	/* the value, or the base address */
	__u32 off;		/* object: its offset from expr, in bytes */
	bool object;		/* expr + off is where the object lives */
	__u32 type;
	char what[512];		/* the C spelling so far, for messages */
	char last[256];		/* its last name: the default field name */
	bool deref;		/* expr has a load in it */
};

/* Turn an object into its value: one more load. */
static void load(struct fetch *x)
{
	char tmp[1024];

	if (!x->object)
		return;
	if (snprintf(tmp, sizeof(tmp), "+%u(%s)", x->off, x->expr) >=
	    (int)sizeof(tmp))
		btf_err("'%s': the fetch is too long", x->what);
	memcpy(x->expr, tmp, sizeof(tmp));
	x->object = false;
	x->off = 0;
	x->deref = true;
}

static bool is_ident(const char *s, size_t n)
{
	size_t i;

	if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* Does this fetch use names (so needs BTF), or is it the control file's? */
static bool named_fetch(const char *e)
{
	if (strstr(e, "->") || (strchr(e, '.') && !strchr(e, '(') &&
				e[0] != '@'))
		return true;
	if (!strncmp(e, "arg", 3) && e[3] && strspn(e + 3, "0123456789") ==
	    strlen(e + 3))
		return false;
	if (!strcmp(e, "retval") || !strcmp(e, "comm"))
		return false;
	return is_ident(e, strlen(e));
}

static void resolve_fetch(struct func *f, const char *symbol,
			  const char *e, struct fetch *x)
{
	const struct btf *b = f->btf;
	const struct btf_type *t;
	size_t n = strcspn(e, "-.");
	char name[256];

	if (n >= sizeof(name))
		btf_err("'%s': name too long", e);
	memcpy(name, e, n);
	name[n] = '\0';
	if (!is_ident(name, n))
		btf_err("'%s': '%s' is not an argument name, argN or retval", e,
			name);
	if (!f->found)
		find_func(f, symbol, true);
	b = f->btf;
	if (strchr(symbol, '+') && strcmp(name, "retval"))
		btf_err("'%s': arguments have names only at the function's entry, not at '%s'; use registers (%%REG) there",
			e, symbol);
	memset(x, 0, sizeof(*x));
	if (!strcmp(name, "retval")) {
		snprintf(x->expr, sizeof(x->expr), "retval");
		x->type = f->proto->type;
		if (!x->type)
			btf_err("'%s': %s returns void", e, f->name);
	} else {
		const struct btf_param *p = btf_params(f->proto);
		int i, nr = btf_vlen(f->proto), argn = 0;
		struct suggest s = { .want = name };
		char list[1024] = "";

		if (!strncmp(name, "arg", 3) &&
		    strspn(name + 3, "0123456789") == strlen(name + 3))
			argn = atoi(name + 3);
		for (i = 0; i < nr; i++) {
			const char *pn = btf__name_by_offset(b, p[i].name_off);

			if ((argn && argn == i + 1) ||
			    (!argn && pn && !strcmp(pn, name)))
				break;
			suggest_add(&s, pn);
			if (strlen(list) + strlen(pn ? pn : "") + 2 <
			    sizeof(list))
				strcat(strcat(list, " "), pn ? pn : "?");
		}
		if (i == nr) {
			if (argn)
				btf_err("'%s': %s takes %d argument%s", e,
					f->name, nr, nr == 1 ? "" : "s");
			btf_err("%s has no argument '%s' (its arguments:%s)%s",
				f->name, name, list, suggestion(&s));
		}
		for (argn = 0; argn < i; argn++) {
			__s64 sz = btf__resolve_size(b, p[argn].type);

			if (sz > 8)
				btf_err("'%s': argument %d of %s is passed by value and is %lld bytes, so the position of '%s' in registers is not argN: use %%REG",
					e, argn + 1, f->name, (long long)sz, name);
		}
		snprintf(x->expr, sizeof(x->expr), "arg%d", i + 1);
		x->type = p[i].type;
	}
	snprintf(x->what, sizeof(x->what), "%s", name);
	snprintf(x->last, sizeof(x->last), "%s", name);
	e += n;

	while (*e) {
		bool arrow = e[0] == '-' && e[1] == '>';
		const struct btf_member *m;
		__u32 sid, bitoff = 0, bits;
		struct suggest s;

		if (!arrow && e[0] != '.')
			btf_err("'%s': expected '->' or '.' before '%s'", x->what, e);
		e += arrow ? 2 : 1;
		n = strcspn(e, "-.");
		if (n >= sizeof(name) || !is_ident(e, n))
			btf_err("'%.*s' is not a field name", (int)n, e);
		memcpy(name, e, n);
		name[n] = '\0';
		e += n;

		t = btf__type_by_id(b, skip_mods(b, x->type));
		if (arrow) {
			if (x->object && !btf_is_ptr(t))
				btf_err("'%s' is %s, not a pointer: use '.%s', not '->%s'",
					x->what, c_decl(b, x->type, ""), name, name);
			if (!btf_is_ptr(t))
				btf_err("'%s' is '%s' (%s), not a pointer: '->' needs a pointer to a struct or union",
					x->what, c_decl(b, x->type, ""),
					default_type(b, x->type) ?: "no scalar");
			load(x);
			sid = skip_mods(b, t->type);
			t = btf__type_by_id(b, sid);
			if (!btf_is_composite(t))
				btf_err("'%s' points to '%s', not to a struct or union: no '->%s'",
					x->what, c_decl(b, sid, ""), name);
			x->object = true;
		} else {
			sid = skip_mods(b, x->type);
			if (!x->object || !btf_is_composite(t))
				btf_err("'%s' is '%s', not a struct or union%s",
					x->what, c_decl(b, x->type, ""),
					btf_is_ptr(t) ? ": use '->'" : "");
		}
		if (!btf_vlen(t) && !t->size)
			btf_err("%s %s is only declared in this BTF, its fields are unknown",
				kind_word(t), btf__name_by_offset(b, t->name_off));
		memset(&s, 0, sizeof(s));
		s.want = name;
		m = find_member(b, sid, name, &bitoff, &bits, &s);
		if (!m) {
			const char *sn = btf__name_by_offset(b, t->name_off);

			btf_err("%s %s (the type of %s%s) has no field '%s' ('drvtrace btf struct %s' lists them)%s",
				kind_word(t), sn && *sn ? sn : "(anonymous)",
				arrow ? "*" : "", x->what, name,
				sn && *sn ? sn : "...", suggestion(&s));
		}
		if (bits || bitoff % 8) {
			unsigned int word = btf__resolve_size(b, m->type) * 8;

			btf_err("'%s%s%s' is a bitfield (%u bits from bit %u of byte %u): drvtrace reads whole bytes; read them with '+%u(...):x%u' and mask",
				x->what, arrow ? "->" : ".", name, bits,
				bitoff % 8, bitoff / 8, bitoff / 8, word);
		}
		x->off += bitoff / 8;
		x->type = m->type;
		snprintf(x->what + strlen(x->what),
			 sizeof(x->what) - strlen(x->what), "%s%s",
			 arrow ? "->" : ".", name);
		snprintf(x->last, sizeof(x->last), "%s", name);
	}
}

/* Emit FIELD=FETCH:TYPE for one resolved fetch. */
static void emit(const struct btf *b, struct fetch *x, const char *field,
		 const char *type, char *out, size_t size)
{
	const char *def = default_type(b, x->type);
	bool str;
	int n;

	if (!type) {
		type = def;
		if (!type)
			btf_err("'%s' is '%s', which has no single value: name one of its fields, or give a :TYPE to read its first bytes",
				x->what, c_decl(b, x->type, ""));
	}
	str = !strcmp(type, "string") || !strcmp(type, "ustring");
	if (str && is_char_array(b, x->type) && x->object) {
		/* the string is the object itself: its address */
		n = snprintf(out, size, "%s=+%u(%s):%s", field, x->off,
			     x->expr, type);
		goto check;
	}
	if (str && !is_char_ptr(b, x->type) && !is_char_array(b, x->type))
		btf_warn("'%s' is '%s', read as a string at the address it holds",
			 x->what, c_decl(b, x->type, ""));
	load(x);
	if (str && x->deref)
		n = snprintf(out, size, "%s=+0(%s):%s", field, x->expr, type);
	else
		n = snprintf(out, size, "%s=%s:%s", field, x->expr, type);
check:
	if (n < 0 || (size_t)n >= size)
		btf_err("'%s': the fetch is too long", x->what);
}

static const char *const types[] = {
	"u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "x8", "x16",
	"x32", "x64", "string", "ustring", "symbol", NULL
};

static bool keyword(const char *w)
{
	if (!strcmp(w, "entry") || !strcmp(w, "return") ||
	    !strcmp(w, "both") || !strcmp(w, "stack"))
		return true;
	if (!strncmp(w, "args=", 5) && w[5] && strspn(w + 5, "0123456789") ==
	    strlen(w + 5))
		return true;
	return !strncmp(w, "maxactive=", 10) && w[10] &&
	       strspn(w + 10, "0123456789") == strlen(w + 10);
}

static void append(char *line, size_t size, const char *sep, const char *w)
{
	size_t n = strlen(line);

	if (n + strlen(sep) + strlen(w) >= size)
		btf_err("the command is too long");
	strcat(strcat(line + n, sep), w);
}

static int cmd_resolve(int argc, char **argv)
{
	static char out[MAX_FIELDS][1200], line[65536];
	static char fields[MAX_FIELDS][1024];
	struct func f = { 0 };
	const char *symbol;
	int i, j, nf = 0;

	if (argc < 1)
		btf_err("resolve: give [EVENT=]SYMBOL and the fetches");
	symbol = strchr(argv[0], '=') ? strchr(argv[0], '=') + 1 : argv[0];
	append(line, sizeof(line), "probe ", argv[0]);
	for (i = 1; i < argc; i++) {
		char word[1024], *eq, *colon, *e;
		const char *field = NULL, *type = NULL;
		struct fetch x;

		if (snprintf(word, sizeof(word), "%s", argv[i]) >=
		    (int)sizeof(word))
			btf_err("'%.40s...' is too long", argv[i]);
		e = word;
		eq = strchr(word, '=');
		if (eq && !keyword(word) && is_ident(word, eq - word)) {
			*eq = '\0';
			field = word;
			e = eq + 1;
		}
		colon = strrchr(e, ':');
		if (colon && !strchr(colon, ')')) {
			*colon = '\0';
			type = colon + 1;
			for (j = 0; types[j] && strcmp(types[j], type); j++)
				;
			if (!types[j])
				btf_err("'%s': unknown type '%s' (u8..u64, s8..s64, x8..x64, string, ustring, symbol)",
					argv[i], type);
		}
		if (keyword(argv[i]) || !named_fetch(e)) {
			append(line, sizeof(line), " ", argv[i]);
			if (field && nf < MAX_FIELDS)
				snprintf(fields[nf++], sizeof(fields[0]), "%s",
					 field);
			continue;
		}
		if (nf == MAX_FIELDS)
			btf_err("too many fields");
		resolve_fetch(&f, symbol, e, &x);
		if (!field)
			field = x.last;
		for (j = 0; j < nf; j++)
			if (!strcmp(fields[j], field))
				btf_err("two fields are named '%s': give one another name with FIELD=, e.g. %s_2=%s",
					field, field, argv[i]);
		emit(f.btf, &x, field, type, out[nf], sizeof(out[nf]));
		snprintf(fields[nf], sizeof(fields[0]), "%s", field);
		append(line, sizeof(line), " ", out[nf]);
		nf++;
	}
	printf("%s\n", line);
	return 0;
}

/* ------------------------------------------------------------ struct */

static void print_members(const struct btf *b, __u32 id, __u32 base,
			  int depth)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);
		__u32 off = base + btf_member_bit_offset(t, i);
		__u32 bits = btf_member_bitfield_size(t, i);
		__u32 mid = skip_mods(b, m->type);
		const struct btf_type *mt = btf__type_by_id(b, mid);
		__s64 size = btf__resolve_size(b, m->type);
		const char *def = default_type(b, m->type);
		char where[32];

		if (bits || off % 8)
			snprintf(where, sizeof(where), "%u:%u", off / 8,
				 off % 8);
		else
			snprintf(where, sizeof(where), "%u", off / 8);
		/* an anonymous struct or union, not one behind a typedef */
		if (btf_is_composite(btf__type_by_id(b, m->type)) &&
		    !btf__name_by_offset(b, mt->name_off)[0]) {
			printf("%6s %5lld  %-7s %*s%s {\n", where,
			       (long long)size, "", depth * 2, "",
			       kind_word(mt));
			print_members(b, mid, off, depth + 1);
			printf("%6s %5s  %-7s %*s}%s%s;\n", "", "", "",
			       depth * 2, "", mn && *mn ? " " : "",
			       mn ? mn : "");
			continue;
		}
		if (bits) {
			printf("%6s %5s  %-7s %*s%s:%u;\n", where, "-",
			       "-", depth * 2, "", c_decl(b, m->type, mn), bits);
			continue;
		}
		printf("%6s %5lld  %-7s %*s%s;\n", where, (long long)size,
		       def ? def : "-", depth * 2, "", c_decl(b, m->type, mn));
	}
}

static int cmd_struct(int argc, char **argv)
{
	char *name, *mod = NULL, *colon;
	const struct btf_type *t;
	struct btf *b;
	__s32 id;

	if (argc != 1)
		btf_err("struct: give one struct or union name");
	name = argv[0];
	if (!strncmp(name, "struct ", 7))
		name += 7;
	colon = strchr(name, ':');
	if (colon) {
		*colon = '\0';
		mod = name;
		name = colon + 1;
	}
	b = find_type(mod, name, BTF_KIND_STRUCT, &id);
	if (!b)
		b = find_type(mod, name, BTF_KIND_UNION, &id);
	if (!b) {
		struct suggest s = { .want = name };
		struct btf *v = load_vmlinux();
		__u32 i, n = btf__type_cnt(v);

		for (i = 1; i < n; i++) {
			t = btf__type_by_id(v, i);
			if (btf_is_composite(t))
				suggest_add(&s, btf__name_by_offset(v, t->name_off));
		}
		btf_err("no struct or union '%s' in the BTF of %s%s", name,
			mod ? mod : "vmlinux or a loaded module", suggestion(&s));
	}
	t = btf__type_by_id(b, id);
	printf("%s %s {\t/* %u bytes */\n", kind_word(t), name, t->size);
	printf("%6s %5s  %-7s %s\n", "offset", "size", "fetch", "member");
	print_members(b, id, 0, 0);
	printf("};\n");
	return 0;
}

/* ------------------------------------------------------------ func */

static int cmd_func(int argc, char **argv)
{
	const struct btf_param *p;
	struct func f = { 0 };
	int i, nr;

	if (argc != 1)
		btf_err("func: give one function name");
	find_func(&f, argv[0], true);
	p = btf_params(f.proto);
	nr = btf_vlen(f.proto);
	printf("%s(", c_decl(f.btf, f.proto->type, f.name));
	for (i = 0; i < nr; i++)
		printf("%s%s", i ? ", " : "",
		       p[i].type ? c_decl(f.btf, p[i].type,
					  btf__name_by_offset(f.btf, p[i].name_off)) :
		       "...");
	printf(");\n");
	for (i = 0; i < nr; i++) {
		const char *def = default_type(f.btf, p[i].type);

		if (!p[i].type)
			continue;
		printf("  arg%-2d %-16s %-7s %s\n", i + 1,
		       btf__name_by_offset(f.btf, p[i].name_off),
		       def ? def : "-", c_decl(f.btf, p[i].type, ""));
	}
	if (f.proto->type) {
		const char *def = default_type(f.btf, f.proto->type);

		printf("  %-5s %-16s %-7s %s\n", "ret", "retval",
		       def ? def : "-", c_decl(f.btf, f.proto->type, ""));
	}
	return 0;
}

/* ------------------------------------------------------------ extract */

static int cmd_extract(int argc, char **argv)
{
	static const unsigned char magic[] = { 0x9f, 0xeb, 1, 0, 24, 0, 0, 0 };
	struct btf_header h;
	unsigned char *buf;
	size_t len = 0, cap = 1 << 20, i, n;
	struct btf *b;
	FILE *in, *out;

	if (argc != 2)
		btf_err("extract: give IMAGE and OUT");
	in = fopen(argv[0], "rb");
	if (!in)
		btf_err("%s: %s", argv[0], strerror(errno));
	buf = malloc(cap);
	while (buf && (n = fread(buf + len, 1, cap - len, in)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(in);
	if (!buf)
		btf_err("out of memory");
	for (i = 0; i + sizeof(h) <= len; i++) {
		if (memcmp(buf + i, magic, sizeof(magic)))
			continue;
		memcpy(&h, buf + i, sizeof(h));
		n = sizeof(h) + h.str_off + h.str_len;
		if (h.type_off || h.str_off != h.type_len || i + n > len)
			continue;
		b = btf__new(buf + i, n);
		if (!b)
			continue;
		btf__free(b);
		out = fopen(argv[1], "wb");
		if (!out || fwrite(buf + i, 1, n, out) != n || fclose(out))
			btf_err("%s: %s", argv[1], strerror(errno));
		return 0;
	}
	btf_err("no BTF in %s (it must be uncompressed)", argv[0]);
}

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: drvtrace-btf [-b VMLINUX_BTF] [-d BTF_DIR] COMMAND ...\n"
		"  resolve [EVENT=]SYMBOL [WORD...]  the control-file command, names resolved\n"
		"  struct [MODULE:]NAME              members: offset, size, fetch type, C type\n"
		"  func [MODULE:]NAME                prototype and argN of each argument\n"
		"  extract IMAGE OUT                 copy the BTF of an uncompressed kernel image\n");
}

int main(int argc, char **argv)
{
	int opt;

	libbpf_set_print(quiet_libbpf);
	while ((opt = getopt(argc, argv, "+b:d:h")) != -1) {
		switch (opt) {
		case 'b':
			vmlinux_path = optarg;
			break;
		case 'd':
			btf_dir = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		print_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[0], "resolve"))
		return cmd_resolve(argc - 1, argv + 1);
	if (!strcmp(argv[0], "struct"))
		return cmd_struct(argc - 1, argv + 1);
	if (!strcmp(argv[0], "func"))
		return cmd_func(argc - 1, argv + 1);
	if (!strcmp(argv[0], "extract"))
		return cmd_extract(argc - 1, argv + 1);
	print_usage(stderr);
	return 2;
}
