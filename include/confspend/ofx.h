/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ofx.h - `import ofx`'s reader: OFX 1.x (SGML), OFX 2.x (XML) and QFX bank and card
 * statements through libofx, each STMTTRN a struct src_row. The one module that includes
 * libofx.h: the rest of the program sees rows, never libofx. */
#ifndef CONFSPEND_OFX_H
#define CONFSPEND_OFX_H

#include "confspend/error.h"
#include "confspend/source.h"

/* The largest file ofx_open() reads (it is held in memory whole, as libofx holds it too): a
 * year of a busy card is well under 1 MiB. */
#define OFX_MAX_BYTES (64L * 1024 * 1024)

/*
 * Open the OFX 1.x/2.x or QFX file PATH: every STMTTRN is read (all at once, libofx has no
 * streaming) and next() hands them out in file order, with statement = 1 and key = account
 * id + ":" + FITID.
 *
 * How: PATH ("-": standard input) is read once into memory (at most OFX_MAX_BYTES) and
 * copied to a private temporary file, which is what libofx parses (libofx reads only
 * paths), so libofx and the small scan below see the same bytes whatever PATH is (a pipe,
 * a file being rewritten).
 * libofx's messages on stderr (INFO, STATUS, and "ERROR: WRITEME" for elements it does not
 * keep) go to a second private temporary file while it runs (fd 2 is redirected and put
 * back), so none of them reaches the user; on a failure the first error among them is
 * quoted in the message.
 *
 * libofx gives the structure, the decoded text (entities, CHARSET:1252 or 8859-1 into
 * UTF-8) and the account. Two of its values are not what a person wrote, so the scan reads
 * the written leaf values of each STMTTRN in file order (DTPOSTED, TRNAMT, FITID, and CURSYM
 * inside a CURRENCY aggregate, which libofx drops) and each transaction libofx reports is
 * checked against the STMTTRN at its place:
 *   - date: the calendar date written in DTPOSTED (its first 8 digits), not libofx's time_t,
 *     which is shifted into UTC by the offset (`20250516203000[-4:EDT]` is 2025-05-17 there);
 *     libofx's date must be within a day of it.
 *   - amount: the written TRNAMT read exactly (sign, digits, one `.` or `,`) into minor units
 *     of the row's currency (decimals past the currency's digits must be zeros); libofx's
 *     double must agree with it to within half a minor unit.
 *   - currency: CURSYM of the STMTTRN's CURRENCY aggregate (its amounts are in that
 *     currency), else the statement's CURDEF (an ORIGCURRENCY only says where the amount came
 *     from: it stays CURDEF).
 *   - FITID: libofx's, which must equal the written one when that is plain ASCII.
 * Each row: fate SRC_SPEND with the absolute amount for a negative TRNAMT; a positive one is
 * SRC_SKIP ("card payment") for TRNTYPE PAYMENT, SRC_SKIP ("transfer") for XFER, else
 * SRC_CREDIT (a refund unless a rule says it is a card payment: a card's payment often comes
 * as TRNTYPE CREDIT "PAYMENT - THANK YOU"); a zero TRNAMT is SRC_SKIP ("zero amount"). merchant
 * NAME, note MEMO (NULL when absent or empty; libofx keeps at most 96 bytes of NAME and 390 of
 * MEMO, past OFX's own limits; a character it cut in two is dropped), line = the transaction's
 * number in the file (1, 2, ...), key = libofx's account id (trailing blanks cut) + ":" + FITID,
 * tip -1, category, provider, from and to NULL.
 *
 * Returns 0 with *OUT ready (release it with out->release(out->self)), or fills E:
 * CS_EFAIL when PATH cannot be read or a temporary file cannot be made; CS_EINPUT, nothing
 * kept, for a file larger than OFX_MAX_BYTES, with a NUL byte (libofx would cut a value
 * there and go on), with no <OFX> element (not OFX), without its
 * closing </OFX> (cut short), with an investment statement (not read); for a transaction
 * with a missing, repeated or bad DTPOSTED, TRNAMT or FITID, no account, an unknown
 * currency, text that is not UTF-8, or a value where libofx and the file disagree
 * ("transaction N (FITID X), FIELD: WHAT (VALUE)"); and for a file libofx refuses
 * (libofx_proc_file != 0), quoting its first error on the transaction it is in
 * ("transaction N (FITID X): libofx cannot read it: MSG"), else on the file's line.
 */
int ofx_open(const char *path, struct src_reader *out, struct cs_err *e);

#endif
