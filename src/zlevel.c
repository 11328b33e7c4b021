/* SPDX-License-Identifier: GPL-3.0-or-later */
/* zlevel.c - the compression level of the workbook's zip.
 *
 * libxlsxwriter packs the workbook with minizip at zlib's default level (6) and has no
 * option for another. Deflating the Expenses sheet's XML is most of an export's time:
 * at a million rows it is half a gigabyte of very repetitive text, and level 1 packs it
 * about three times faster for a file about a quarter bigger (64 MB against 51 MB).
 *
 * So the program defines zlib's deflateInit2_ itself (exported from the executable with
 * --export-dynamic-symbol, so minizip's call binds here) and hands the call on to the real
 * one, changing the level only while zlevel_set() says so: xlsx.c sets it around
 * workbook_close() alone. Anything else that deflates in this process gets exactly what it
 * asked for. Were the call ever not to bind here (another zlib, a static minizip), the
 * workbook would be the same, only slower to write.
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "confspend/zlevel.h"

#include <dlfcn.h>
#include <zlib.h>

static int forced_level = -2; /* -2: leave the level alone */

void zlevel_set(int level)
{
    forced_level = level;
}

__attribute__((visibility("default"))) int deflateInit2_(z_streamp strm, int level, int method,
                                                         int window_bits, int mem_level,
                                                         int strategy, const char *version,
                                                         int stream_size);

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
                  int strategy, const char *version, int stream_size)
{
    typedef int (*init_fn)(z_streamp, int, int, int, int, int, const char *, int);
    static init_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "deflateInit2_");
        if (!sym)
            return Z_VERSION_ERROR; /* no zlib behind us: deflating cannot start */
        *(void **)&real = sym;
    }
    if (forced_level >= -1)
        level = forced_level;
    return real(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}
