/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_outfile.c - a file written beside its target and renamed into place relative to the
 * one folder it opened: the modes, the names, and a folder that is moved away and replaced
 * by a symlink while the file is being written (for commit, abort, a library writing by
 * name, and an interrupt). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "confspend/outfile.h"

/* The test's own folder, made fresh for each test. */
static char top[64];

static int make_top(void **state)
{
    (void)state;
    strcpy(top, "/tmp/test_outfile.XXXXXX");
    assert_non_null(mkdtemp(top));
    umask(022);
    return 0;
}

static int remove_top(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
    return system(cmd) == 0 ? 0 : -1;
}

/* TOP/REL, in a static buffer (one of four, so a few can be held at once). */
static const char *at(const char *rel)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", top, rel);
    return buf[k];
}

/* The names in the folder REL, sorted and joined by spaces ("" when empty, "-" when the
 * folder cannot be read). */
static const char *names(const char *rel)
{
    static char out[1024];
    char *list[64];
    int n = 0;
    struct dirent *de;
    DIR *d = opendir(at(rel));
    if (!d)
        return "-";
    while ((de = readdir(d)) && n < 64)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            list[n++] = strdup(de->d_name);
    closedir(d);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (strcmp(list[j], list[i]) < 0) {
                char *t = list[i];
                list[i] = list[j];
                list[j] = t;
            }
    *out = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, " ");
        strcat(out, list[i]);
        free(list[i]);
    }
    return out;
}

/* The text of the file REL (up to 255 bytes), "-" when it cannot be read. */
static const char *content(const char *rel)
{
    static char buf[256];
    FILE *f = fopen(at(rel), "r");
    size_t n;
    if (!f)
        return "-";
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void write_file(const char *rel, const char *text, mode_t mode)
{
    FILE *f = fopen(at(rel), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(at(rel), mode), 0);
}

static mode_t mode_of(const char *rel)
{
    struct stat sb;
    assert_int_equal(stat(at(rel), &sb), 0);
    return sb.st_mode & 07777;
}

/* Move the folder REL away to MOVED and put a symlink to a new, empty folder ELSE in its
 * place: what an attacker does between the open and the commit. */
static void swap_folder(const char *rel, const char *moved, const char *other)
{
    assert_int_equal(rename(at(rel), at(moved)), 0);
    assert_int_equal(mkdir(at(other), 0755), 0);
    assert_int_equal(symlink(at(other), at(rel)), 0);
}

static void test_mode(void **state)
{
    (void)state;
    assert_int_equal(outfile_mode(0600, 022, 0, 0), 0600);     /* the database is private */
    assert_int_equal(outfile_mode(0644, 022, 0, 0), 0644);     /* as the umask gives */
    assert_int_equal(outfile_mode(0640, 022, 0, 0), 0640);     /* the group may read both */
    assert_int_equal(outfile_mode(0666, 0, 0, 0), 0644);       /* never more than 0644 */
    assert_int_equal(outfile_mode(0644, 077, 0, 0), 0600);     /* the umask narrows it */
    assert_int_equal(outfile_mode(0644, 022, 1, 0600), 0600);  /* an existing 0600 stays */
    assert_int_equal(outfile_mode(0644, 022, 1, 0640), 0640);  /* narrower: kept */
    assert_int_equal(outfile_mode(0600, 022, 1, 0644), 0600);  /* wider: not kept */
    assert_int_equal(outfile_mode(0644, 022, 1, 04755), 0644); /* no set-id bit */
    assert_int_equal(outfile_mode(02600, 0, 0, 0), 0600);
}

static void test_new_file(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    FILE *fp;
    const char *slash;
    size_t n;
    (void)state;
    assert_int_equal(mkdir(at("d"), 0755), 0);
    assert_int_equal(outfile_open(&of, at("d/out.csv"), 0600, "export", &e), 0);
    /* the temporary file: TARGET.tmp-XXXXXX beside the target, mode 0600 */
    n = strlen("out.csv.tmp-");
    assert_int_equal(strncmp(names("d"), "out.csv.tmp-", n), 0);
    assert_int_equal(strlen(names("d")), n + 6);
    for (size_t i = n; i < n + 6; i++)
        assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                               names("d")[i]));
    slash = strrchr(of.path, '/');
    assert_non_null(slash);
    assert_string_equal(slash + 1, names("d"));
    assert_int_equal(strncmp(of.path, "/proc/self/fd/", 14), 0);
    {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "d/%s", names("d"));
        assert_int_equal(mode_of(tmp), 0600);
    }
    fp = outfile_stream(&of, &e);
    assert_non_null(fp);
    fputs("one\n", fp);
    assert_string_equal(content("d/out.csv"), "-"); /* nothing at the target yet */
    assert_int_equal(outfile_commit(&of, &e), 0);
    assert_string_equal(names("d"), "out.csv");
    assert_string_equal(content("d/out.csv"), "one\n");
    assert_int_equal(mode_of("d/out.csv"), 0600);
    outfile_abort(&of); /* after commit: nothing */
    assert_string_equal(names("d"), "out.csv");
    assert_int_equal(of.fd, -1);
}

static void test_existing_keeps_narrower_mode(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    write_file("old.csv", "old\n", 0640);
    assert_int_equal(outfile_open(&of, at("old.csv"), 0644, "export", &e), 0);
    fputs("new\n", outfile_stream(&of, &e));
    assert_int_equal(outfile_commit(&of, &e), 0);
    assert_string_equal(content("old.csv"), "new\n");
    assert_int_equal(mode_of("old.csv"), 0640);
}

static void test_abort(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    write_file("keep.csv", "old\n", 0644);
    outfile_abort(&of); /* never opened: nothing */
    assert_int_equal(outfile_open(&of, at("keep.csv"), 0600, "export", &e), 0);
    fputs("new\n", outfile_stream(&of, &e));
    assert_int_equal(outfile_scratch(&of, &e), 0);
    outfile_abort(&of);
    assert_string_equal(names(""), "keep.csv");
    assert_string_equal(content("keep.csv"), "old\n");
}

/* no_replace: a name made by someone else between the open and the commit is left as it is,
 * the new file dropped (a second restore of the same second took it); a free name is taken. */
static void test_no_replace(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(outfile_open(&of, at("copy.db"), 0600, "restore", &e), 0);
    of.no_replace = 1;
    fputs("mine\n", outfile_stream(&of, &e));
    write_file("copy.db", "theirs\n", 0600); /* meanwhile */
    assert_int_equal(outfile_commit(&of, &e), CS_EFAIL);
    assert_non_null(strstr(e.msg, "already exists; not replaced"));
    assert_string_equal(names(""), "copy.db");
    assert_string_equal(content("copy.db"), "theirs\n");
    e = (struct cs_err)CS_ERR_INIT;
    assert_int_equal(outfile_open(&of, at("copy-2.db"), 0600, "restore", &e), 0);
    of.no_replace = 1;
    fputs("mine\n", outfile_stream(&of, &e));
    assert_int_equal(outfile_commit(&of, &e), 0);
    assert_string_equal(names(""), "copy-2.db copy.db");
    assert_string_equal(content("copy-2.db"), "mine\n");
    assert_int_equal(mode_of("copy-2.db"), 0600);
}

/* The folder is moved away and replaced by a symlink between open and commit: the file
 * lands in the folder that was opened (now MOVED), and nothing reaches the symlink's. */
static void test_folder_swapped_before_commit(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(mkdir(at("a"), 0755), 0);
    write_file("a/out.csv", "old\n", 0644);
    assert_int_equal(outfile_open(&of, at("a/out.csv"), 0600, "export", &e), 0);
    fputs("new\n", outfile_stream(&of, &e));
    swap_folder("a", "moved", "else");
    assert_int_equal(outfile_commit(&of, &e), 0);
    assert_string_equal(names("moved"), "out.csv");
    assert_string_equal(content("moved/out.csv"), "new\n");
    assert_string_equal(names("else"), "");
}

static void test_folder_swapped_before_abort(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(mkdir(at("a"), 0755), 0);
    assert_int_equal(outfile_open(&of, at("a/out.csv"), 0600, "export", &e), 0);
    assert_int_equal(outfile_scratch(&of, &e), 0);
    fputs("new\n", outfile_stream(&of, &e));
    swap_folder("a", "moved", "else");
    outfile_abort(&of);
    assert_string_equal(names("moved"), "");
    assert_string_equal(names("else"), "");
}

/* A library that writes by name (as libxlsxwriter does) through PATH and SCRATCH after the
 * swap still writes into the opened folder. */
static void test_folder_swapped_library_by_name(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    char side[512];
    FILE *f;
    (void)state;
    assert_int_equal(mkdir(at("a"), 0755), 0);
    assert_int_equal(outfile_open(&of, at("a/book.xlsx"), 0600, "export", &e), 0);
    assert_int_equal(outfile_scratch(&of, &e), 0);
    swap_folder("a", "moved", "else");
    snprintf(side, sizeof side, "%s/scratch", of.scratch);
    assert_non_null(f = fopen(side, "w"));
    fclose(f);
    assert_non_null(f = fopen(of.path, "wb"));
    fputs("PK", f);
    fclose(f);
    assert_int_equal(outfile_commit(&of, &e), 0);
    assert_string_equal(names("moved"), "book.xlsx"); /* the scratch folder went too */
    assert_string_equal(content("moved/book.xlsx"), "PK");
    assert_int_equal(mode_of("moved/book.xlsx"), 0600);
    assert_string_equal(names("else"), "");
}

/* Run BODY in a child that then raises SIGTERM (an interrupt while its temporary files
 * exist); the child must have ended by the signal. BODY _exits with 3 or more on failure. */
static void interrupted(void (*body)(struct outfile *of))
{
    int status;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct outfile of = OUTFILE_INIT;
        body(&of);
        raise(SIGTERM);
        _exit(5);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static void swap_then_interrupt(struct outfile *of)
{
    struct cs_err e = CS_ERR_INIT;
    if (outfile_open(of, at("a/out.csv"), 0600, "export", &e) || outfile_scratch(of, &e))
        _exit(3);
    if (rename(at("a"), at("moved")) || mkdir(at("else"), 0755) || symlink(at("else"), at("a")))
        _exit(4);
}

/* An interrupt after the swap removes the temporary file from the opened folder. */
static void test_folder_swapped_interrupt(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("a"), 0755), 0);
    interrupted(swap_then_interrupt);
    assert_string_equal(names("moved"), "");
    assert_string_equal(names("else"), "");
}

static void files_in_scratch(struct outfile *of)
{
    struct cs_err e = CS_ERR_INIT;
    char f[4200];
    FILE *fp;
    if (outfile_open(of, at("a/out.xlsx"), 0600, "export", &e) || outfile_scratch(of, &e))
        _exit(3);
    for (int i = 0; i < 3; i++) {
        snprintf(f, sizeof f, "%s/tmpfile%d", of->scratch, i);
        if (!(fp = fopen(f, "w")) || fputs("part", fp) < 0 || fclose(fp))
            _exit(4);
    }
}

/* An interrupt while a library's file is still in the scratch folder (made, not yet
 * unlinked): the folder goes with the files in it, nothing is left beside the target. */
static void test_interrupt_scratch_not_empty(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("a"), 0755), 0);
    interrupted(files_in_scratch);
    assert_string_equal(names("a"), "");
}

/* The temporary file's name taken over by another file: commit refuses to publish it. */
static void test_temp_replaced(void **state)
{
    struct outfile of = OUTFILE_INIT;
    struct cs_err e = CS_ERR_INIT;
    char tmp[64];
    (void)state;
    write_file("t.csv", "old\n", 0644);
    assert_int_equal(outfile_open(&of, at("t.csv"), 0600, "export", &e), 0);
    snprintf(tmp, sizeof tmp, "%s", names("")); /* "t.csv t.csv.tmp-XXXXXX" */
    assert_int_equal(strncmp(tmp, "t.csv t.csv.tmp-", 16), 0);
    memmove(tmp, tmp + 6, strlen(tmp + 6) + 1);
    assert_int_equal(unlink(at(tmp)), 0);
    write_file(tmp, "evil\n", 0644);
    assert_int_equal(outfile_commit(&of, &e), CS_EFAIL);
    assert_non_null(strstr(e.msg, "the temporary file was replaced; not put in place"));
    assert_string_equal(content("t.csv"), "old\n");
}

static void test_check(void **state)
{
    struct cs_err e = CS_ERR_INIT;
    (void)state;
    assert_int_equal(outfile_check(at("new.csv"), "export", &e), 0);
    assert_int_equal(outfile_check(top, "export", &e), CS_EFAIL);
    assert_non_null(strstr(e.msg, "export: is a folder; not replaced"));
    assert_int_equal(symlink(at("nowhere.csv"), at("dangling.csv")), 0);
    assert_int_equal(outfile_check(at("dangling.csv"), "backup", &e), CS_EFAIL);
    assert_non_null(strstr(e.msg, "backup: a symlink to nothing; not followed"));
    assert_int_equal(outfile_check(at("no/such/x.csv"), "export", &e), CS_EFAIL);
    assert_non_null(strstr(e.msg, "export: cannot write the file: No such file or directory"));
    assert_string_equal(names(""), "dangling.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mode),
        cmocka_unit_test_setup_teardown(test_new_file, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_existing_keeps_narrower_mode, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_abort, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_no_replace, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_folder_swapped_before_commit, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_folder_swapped_before_abort, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_folder_swapped_library_by_name, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_folder_swapped_interrupt, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_interrupt_scratch_not_empty, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_temp_replaced, make_top, remove_top),
        cmocka_unit_test_setup_teardown(test_check, make_top, remove_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
