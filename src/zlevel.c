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
 *
 * The receipts' images (xl/media/) are JPEGs and PNGs, compressed already: deflating them
 * again gains nothing and takes most of the time of a workbook with receipts (level 1 runs
 * at some 35 MB/s over such bytes). minizip's zipOpenNewFileInZip4_64, which libxlsxwriter
 * calls for every member, is defined here too, the same way: a member under xl/media/ gets
 * level 0 (deflate's stored blocks, still a deflated member any reader takes).
 */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "confspend/zlevel.h"

#include <dlfcn.h>
#include <string.h>
#include <zlib.h>

static int forced_level = -2; /* -2: leave the level alone */
static int media_member;      /* the member being opened is an image: level 0 */

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
        level = media_member ? 0 : forced_level;
    media_member = 0;
    return real(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}

/* minizip's (1.1, zip.h), declared here: its header is not part of libxlsxwriter's. */
__attribute__((visibility("default"))) int zipOpenNewFileInZip4_64(
    void *file, const char *filename, const void *zipfi, const void *extrafield_local,
    unsigned size_extrafield_local, const void *extrafield_global, unsigned size_extrafield_global,
    const char *comment, int method, int level, int raw, int window_bits, int mem_level,
    int strategy, const char *password, unsigned long crc_for_crypting,
    unsigned long version_made_by, unsigned long flag_base, int zip64);

int zipOpenNewFileInZip4_64(void *file, const char *filename, const void *zipfi,
                            const void *extrafield_local, unsigned size_extrafield_local,
                            const void *extrafield_global, unsigned size_extrafield_global,
                            const char *comment, int method, int level, int raw, int window_bits,
                            int mem_level, int strategy, const char *password,
                            unsigned long crc_for_crypting, unsigned long version_made_by,
                            unsigned long flag_base, int zip64)
{
    typedef int (*open_fn)(void *, const char *, const void *, const void *, unsigned, const void *,
                           unsigned, const char *, int, int, int, int, int, int, const char *,
                           unsigned long, unsigned long, unsigned long, int);
    static open_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (!sym)
            return -104; /* ZIP_INTERNALERROR: no minizip behind us */
        *(void **)&real = sym;
    }
    /* only while the workbook is packed (zlevel_set()), and only an image member */
    media_member = forced_level >= -1 && filename && !strncmp(filename, "xl/media/", 9);
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, window_bits, mem_level,
                strategy, password, crc_for_crypting, version_made_by, flag_base, zip64);
}
