#!/bin/sh
# Issue #9's QuantLib AH cross-check on the grid markets, end to end (docs/quantlib-crosscheck.md).
# Needs Debian's python3 with QuantLib 1.29 (/usr/bin/python3); about 10 min CPU in all, QuantLib single-threaded.
set -e
cd "$(dirname "$0")/.."
B="./mvnw -B -ntp -q -Pbench test-compile exec:exec -Dbench.main=com.fxdesk.slv.bench.AhGridCrossCheck"
$B -Dbench.args="export"                                    # ours: target/crosscheck/ah/<market>-ours.json
/usr/bin/python3 crosscheck/ah_crosscheck.py run target/crosscheck/ah crosscheck/results   # QuantLib AH + PDE
$B -Dbench.args="ql-lv"                                     # our MC on AH's local vol, daily steps
$B -Dbench.args="ql-lv --step-days 0.25"                    # the same, quarter-day steps
/usr/bin/python3 crosscheck/ah_crosscheck.py report target/crosscheck/ah crosscheck/results \
    > crosscheck/results/ah-crosscheck-summary.md
