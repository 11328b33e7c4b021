#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The progress bar of an import through a profile: on a terminal, for a file of 10 MiB or
# more, stderr shows "importing [###...] NN%" as the rows are read and clears it at the end;
# not on a pipe, and not for a small file. stdout is the counts either way.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { bad "script(1) is needed to run commands on a pseudo-terminal"; finish; exit; }

# 180,000 Chase rows of about 63 bytes: 11 MiB, over the 10 MiB threshold
python3 - "$TMP/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n")
    for k in range(180000):
        f.write("%02d/%02d/2019,%02d/%02d/2019,CAFE NUMBER %06d,Food,Sale,-%d.%02d,\n"
                % (k % 12 + 1, k % 28 + 1, k % 12 + 1, k % 28 + 1, k, k % 90 + 1, k % 100))
PY
check "the file is over 10 MiB" "$(stat -c %s "$TMP/big.csv")" -ge 10485760
# on a pseudo-terminal: stdout and stderr both reach it
script -qec "\"$CONFSPEND\" --db \"$TMP/tty.db\" import csv \"$TMP/big.csv\"" /dev/null </dev/null >"$TMP/tty.out"
check "a terminal: the bar is drawn" -n "$(grep -a 'importing \[#' "$TMP/tty.out")"
check "a terminal: the bar moves on (90% or more before the end)" -n "$(tr '\r' '\n' <"$TMP/tty.out" | grep -a 'importing \[#*\.*\]  *9[0-9]%')"
check "a terminal: then it is cleared (a line of blanks)" -n "$(tr '\r' '\n' <"$TMP/tty.out" | grep -a '^ \{60\}$')"
expect_out "a terminal: the counts after the bar is cleared" "imported 180000, matched 0, present 0, skipped 0" \
  sh -c "tr '\r' '\n' <\"$TMP/tty.out\" | grep -a '^imported'"
# a pipe: no bar
"$CONFSPEND" --db "$TMP/pipe.db" import csv "$TMP/big.csv" >"$TMP/pipe.out" 2>"$TMP/pipe.err"
check "a pipe: no bar on stderr" ! -s "$TMP/pipe.err"
expect_out "a pipe: the counts" "imported 180000, matched 0, present 0, skipped 0" cat "$TMP/pipe.out"
# a small file on a terminal: no bar
head -100 "$TMP/big.csv" >"$TMP/small.csv"
script -qec "\"$CONFSPEND\" --db \"$TMP/small.db\" import csv \"$TMP/small.csv\"" /dev/null </dev/null >"$TMP/small.out"
check "a small file: no bar" -z "$(grep -a 'importing' "$TMP/small.out")"
finish
