/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the drvtrace KUnit suites: parameter descriptions that keep
 * the KTAP output parseable.
 */
#ifndef _DRVTRACE_KUNIT_H
#define _DRVTRACE_KUNIT_H

#include <kunit/test.h>
#include <linux/string_helpers.h>

/*
 * drvtrace_kunit_desc() - describe a parameter as 'TEXT' SUFFIX
 * @desc: KUNIT_PARAM_DESC_SIZE bytes
 * @text: the input, e.g. a command line
 * @err: the expected result, appended unless 0
 *
 * A '#' in a result line starts a KTAP directive and a newline ends the
 * line, so kunit.py would not see the result: those and tabs are written
 * as \xNN.
 */
static inline void drvtrace_kunit_desc(char *desc, const char *text, int err)
{
	char esc[KUNIT_PARAM_DESC_SIZE];
	int n;

	n = string_escape_str(text, esc, sizeof(esc) - 1, ESCAPE_HEX, "#\n\t\r");
	esc[min_t(int, n, sizeof(esc) - 1)] = '\0';
	if (err)
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s' %d", esc, err);
	else
		snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s'", esc);
}

#endif /* _DRVTRACE_KUNIT_H */
