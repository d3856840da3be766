/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fetch arguments: what a probe records, as the kernel's kprobe_events
 * spells it, made portable.
 *
 *   argN            the Nth argument, 1-based, the same on x86_64 and arm64
 *   retval          the return value (return side only)
 *   comm            the current task's name
 *   %REG            a register, by the arch's name (%di, %x0)
 *   @SYM[+|-OFF]    the memory at a kernel symbol
 *   +OFF(F) -OFF(F) the memory at F's value plus or minus OFF, nestable
 *
 * followed by an optional :TYPE, one of u8 u16 u32 u64 s8 s16 s32 s64
 * x8 x16 x32 x64 string ustring symbol (default x64; comm is a string).
 * As in kprobe_events, :string and :ustring read a string at the address
 * the last dereference would have loaded from, so +0(arg1):string is the
 * string stored at arg1 (a char array member), and argN:string the one
 * argN points to.
 *
 * Parsing has no side effects (KUnit feeds it anything); evaluation runs in
 * probe handlers, anywhere, so it only reads memory with the kernel's
 * no-fault accessors and never sleeps or locks.
 */
#ifndef _DRVTRACE_FETCH_H
#define _DRVTRACE_FETCH_H

#include <linux/types.h>

struct pt_regs;

#define DRVTRACE_FETCH_MAX_DEREF	4
#define DRVTRACE_FETCH_MAX_ARG		16
/* Longest string recorded, NUL included; longer ones are cut. */
#define DRVTRACE_STRING_MAX		256
/* What a string field holds when its address faults, as kprobe_events. */
#define DRVTRACE_FAULT_STRING		"(fault)"

enum drvtrace_fetch_base {
	DRVTRACE_FETCH_ARG,
	DRVTRACE_FETCH_REG,
	DRVTRACE_FETCH_RETVAL,
	DRVTRACE_FETCH_COMM,
	DRVTRACE_FETCH_SYMBOL,
};

enum drvtrace_type {
	DRVTRACE_TYPE_U8, DRVTRACE_TYPE_U16, DRVTRACE_TYPE_U32, DRVTRACE_TYPE_U64,
	DRVTRACE_TYPE_S8, DRVTRACE_TYPE_S16, DRVTRACE_TYPE_S32, DRVTRACE_TYPE_S64,
	DRVTRACE_TYPE_X8, DRVTRACE_TYPE_X16, DRVTRACE_TYPE_X32, DRVTRACE_TYPE_X64,
	DRVTRACE_TYPE_STRING,
	DRVTRACE_TYPE_USTRING,
	DRVTRACE_TYPE_SYMBOL,
	DRVTRACE_NR_TYPES,
};

struct drvtrace_fetch {
	enum drvtrace_fetch_base base;
	/* ARG: 0-based index; REG: byte offset in struct pt_regs. */
	unsigned int		index;
	/* SYMBOL: the name (points into the parsed line), then its address. */
	const char		*symbol;
	unsigned long		address;
	/* Dereferences, innermost first; @SYM+OFF is the first of them. */
	unsigned int		nr_derefs;
	long			offsets[DRVTRACE_FETCH_MAX_DEREF];
	enum drvtrace_type	type;
};

int drvtrace_fetch_parse(char *spec, struct drvtrace_fetch *f, char *why,
			 size_t why_len);
int drvtrace_type_parse(const char *name, enum drvtrace_type *type);

const char *drvtrace_type_name(enum drvtrace_type type);
bool drvtrace_type_is_signed(enum drvtrace_type type);

/* Inline: probe handlers ask these for every field of every record. */
static inline bool drvtrace_type_is_string(enum drvtrace_type type)
{
	return type == DRVTRACE_TYPE_STRING || type == DRVTRACE_TYPE_USTRING;
}

/* The field's size in a record; a string's is its 4-byte __data_loc. */
static inline unsigned int drvtrace_type_size(enum drvtrace_type type)
{
	switch (type) {
	case DRVTRACE_TYPE_U8:
	case DRVTRACE_TYPE_S8:
	case DRVTRACE_TYPE_X8:
		return 1;
	case DRVTRACE_TYPE_U16:
	case DRVTRACE_TYPE_S16:
	case DRVTRACE_TYPE_X16:
		return 2;
	case DRVTRACE_TYPE_U32:
	case DRVTRACE_TYPE_S32:
	case DRVTRACE_TYPE_X32:
	case DRVTRACE_TYPE_STRING:
	case DRVTRACE_TYPE_USTRING:
		return 4;
	default:
		return 8;
	}
}

static inline bool drvtrace_fetch_at_return(const struct drvtrace_fetch *f)
{
	return f->base == DRVTRACE_FETCH_RETVAL;
}

int drvtrace_fetch_value(const struct drvtrace_fetch *f, struct pt_regs *regs,
			 u64 *val);
int drvtrace_fetch_string(const struct drvtrace_fetch *f, struct pt_regs *regs,
			  char *buf);

#endif /* _DRVTRACE_FETCH_H */
