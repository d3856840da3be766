#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# description: fails on purpose: the harness must report FAIL with its output
# shellcheck source=tests/lib.sh
. /drvtrace/tests/lib.sh

assert_eq "the harness self-test's deliberate failure" 1 2
