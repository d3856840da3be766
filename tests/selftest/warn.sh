#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: loads a module whose init WARNs: the harness must fail this case and the run
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

insmod "$KO/drvtrace_test_warn.ko" || fail "insmod drvtrace_test_warn.ko"
rmmod drvtrace_test_warn
