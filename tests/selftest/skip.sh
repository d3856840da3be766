#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: skips on purpose: the harness must report SKIP with the reason
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

skip "the harness self-test's deliberate skip"
