/* SPDX-License-Identifier: GPL-3.0-or-later */
/* zlevel.h - the zlib level the workbook's zip is deflated at (see zlevel.c). */
#ifndef CONFSPEND_ZLEVEL_H
#define CONFSPEND_ZLEVEL_H

/* The level libxlsxwriter packs the workbook at: zlib's fastest. */
#define ZLEVEL_WORKBOOK 1

/* From now on deflate at LEVEL (0..9, -1 zlib's default) whatever the caller asks;
 * -2 stops forcing it. */
void zlevel_set(int level);

#endif
