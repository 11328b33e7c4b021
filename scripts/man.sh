#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Write the man page confspend(1) to stdout from the help text the program itself prints
# (`confspend --help` and `confspend COMMAND --help`), so the two cannot drift apart.
# usage: scripts/man.sh BINARY VERSION
set -eu
bin=$1 version=$2
# roff-safe: a backslash is \e, a line starting with . or ' is guarded, - is a minus sign
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/-/\\-/g'; }
commands=$(CONFSPEND_DB=/nonexistent/confspend.db "$bin" --help |
  sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\).*/\1/p')
cat <<ROFF
.TH CONFSPEND 1 "" "confspend $version" "User Commands"
.SH NAME
confspend \\- track what a conference trip really costs
.SH SYNOPSIS
.B confspend
[\\fB\\-\\-db\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR] [\\fIOPTIONS\\fR]
.SH DESCRIPTION
confspend logs the rides, meals, lodging and donations of a conference trip as they
happen, in one SQLite database, compares them with budgets, models what a direct
arrangement with a ride-hail driver would save, and exports what a reimbursement desk
accepts. Every command below prints this same text with \\fB\\-\\-help\\fR.
.PP
.nf
ROFF
CONFSPEND_DB=/nonexistent/confspend.db "$bin" --help | esc
echo ".fi"
echo ".SH COMMANDS"
for c in $commands; do
  echo ".SS $c"
  echo ".nf"
  CONFSPEND_DB=/nonexistent/confspend.db "$bin" "$c" --help | esc
  echo ".fi"
done
cat <<'ROFF'
.SH ENVIRONMENT
.TP
.B CONFSPEND_DB
the database when \fB\-\-db\fR is not given
.TP
.B XDG_DATA_HOME
else the database is \fI$XDG_DATA_HOME/confspend/confspend.db\fR (\fI~/.local/share\fR by default)
.TP
.B NO_COLOR
when set, table views are not coloured
.SH EXIT STATUS
0 on success, 2 for bad input (nothing is written), 1 when the work failed.
.SH LICENSE
GPL\-3.0\-or\-later: the GNU General Public License, version 3 or (at your option) any
later version (the \fILICENSE\fR file; on Debian \fI/usr/share/common\-licenses/GPL\-3\fR).
It is GPL because of what it is built on: libofx (OFX files) is GPL\-2.0\-or\-later, GNU
readline (the interactive add) GPL\-3.0, and poppler (PDF receipts) GPL\-2.0\-or\-later.
.SH SEE ALSO
.BR sqlite3 (1),
.BR hledger (1)
ROFF
