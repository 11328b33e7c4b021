/* SPDX-License-Identifier: GPL-3.0-or-later */
/* place.c - place aliases, the fold places are compared by, and resolving a typed place. */
#include "confspend/place.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/db.h"

char *place_fold(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    char *out = xmalloc(n + 1), *d = out;
    int blank = 0;
    while (*p) {
        int c = -1, skip = 1;
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            blank = 1;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) { /* U+00A0 no-break space */
            blank = 1;
            skip = 2;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
            c = '\'';
            skip = 3;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D)) {
            c = '"';
            skip = 3;
        } else {
            c = *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
        }
        if (c >= 0) {
            if (blank && d != out)
                *d++ = ' ';
            blank = 0;
            *d++ = (char)c;
        }
        p += skip;
    }
    *d = 0;
    return out;
}

int place_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    int *row, best = max + 1, r;
    if ((la > lb ? la - lb : lb - la) > (size_t)max)
        return max + 1;
    if (la > 256 || lb > 256) /* long text: only equal or not */
        return strcmp(a, b) ? max + 1 : 0;
    row = xmalloc(sizeof(int) * (lb + 1));
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0], low;
        row[0] = (int)i;
        low = row[0];
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j], v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < low)
                low = v;
        }
        if (low > max) { /* every path already costs more */
            free(row);
            return max + 1;
        }
    }
    r = row[lb];
    free(row);
    if (r < best)
        best = r;
    return best;
}

int place_alias_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

int place_add(sqlite3 *db, const char *alias, const char *name, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    char *fold;
    int rc, empty;
    if (!place_alias_valid(alias))
        return cs_error(e, CS_EINPUT, "alias", alias, "use 1-64 of a-z 0-9 - _ .");
    if (text_check(name, "name", e) || text_length_check(name, "name", e))
        return CS_EINPUT;
    fold = place_fold(name);
    empty = !*fold;
    free(fold);
    if (empty)
        return cs_error(e, CS_EINPUT, "name", name, "must not be empty");
    if (db_prepare(db, "INSERT INTO place(alias, name) VALUES (?1, ?2)", &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, alias);
    db_bind_text(st, 2, name);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE)
        return cs_error(e, CS_EINPUT, "alias", alias,
                        "exists (confspend place rm %s first to change it)", alias);
    if (rc != SQLITE_DONE)
        return db_fail(db, "cannot save the place", e);
    return 0;
}

int place_rm(sqlite3 *db, const char *alias, char **name, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc;
    *name = NULL;
    if (db_prepare(db, "DELETE FROM place WHERE alias = ?1 RETURNING name", &st, e))
        return CS_EFAIL;
    db_bind_text(st, 1, alias);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *name = db_col_dup(st, 0);
    rc = rc == SQLITE_ROW ? sqlite3_step(st) : rc;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*name);
        *name = NULL;
        return db_fail(db, "cannot remove the place", e);
    }
    if (!*name)
        return cs_error(e, CS_EINPUT, "alias", alias, "no such place alias");
    return 0;
}

/* Run SQL (no parameters) and call FN on each row's columns 0 and 1 (text, or NULL). */
static int each_row(sqlite3 *db, const char *sql, int (*fn)(const char *, const char *, void *),
                    void *arg, const char *what, struct cs_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, step;
    if (db_prepare(db, sql, &st, e))
        return CS_EFAIL;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                arg);
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return step == SQLITE_DONE ? 0 : db_fail(db, what, e);
}

int place_each(sqlite3 *db, int (*fn)(const char *alias, const char *name, void *), void *arg,
               struct cs_err *e)
{
    return each_row(db, "SELECT alias, name FROM place ORDER BY alias COLLATE NOCASE, id", fn, arg,
                    "cannot read the places", e);
}

/* PLACE_WINDOW as SQL text */
#define PLACE_STR(x) #x
#define PLACE_XSTR(x) PLACE_STR(x)
#define PLACE_WINDOW_SQL PLACE_XSTR(PLACE_WINDOW)

struct known_walk {
    int (*fn)(const char *, void *);
    void *arg;
};

static int known_row(const char *name, const char *unused, void *arg)
{
    struct known_walk *w = arg;
    (void)unused;
    return name ? w->fn(name, w->arg) : 0;
}

int place_each_known(sqlite3 *db, int (*fn)(const char *name, void *), void *arg, struct cs_err *e)
{
    struct known_walk w = {fn, arg};
    int rc = each_row(db, "SELECT name, NULL FROM place ORDER BY id", known_row, &w,
                      "cannot read the places", e);
    if (rc)
        return rc;
    /* the newest expense's spelling of a place first */
    return each_row(db,
                    "WITH recent AS (SELECT origin, dest, id FROM expense WHERE id > "
                    "(SELECT coalesce(max(id), 0) FROM expense) - " PLACE_WINDOW_SQL ") "
                    "SELECT p, NULL FROM (SELECT origin AS p, max(id) AS m FROM recent "
                    "WHERE origin IS NOT NULL AND origin <> '' GROUP BY origin UNION ALL "
                    "SELECT dest, max(id) FROM recent WHERE dest IS NOT NULL AND dest <> '' "
                    "GROUP BY dest) GROUP BY p ORDER BY max(m) DESC, p",
                    known_row, &w, "cannot read the places", e);
}

/* The known places, each fold once (its first spelling), and the aliases. */
struct known {
    char **name, **fold;
    size_t n, cap;
};

static int known_add(const char *name, void *arg)
{
    struct known *k = arg;
    char *f = place_fold(name);
    for (size_t i = 0; i < k->n; i++)
        if (!strcmp(k->fold[i], f)) {
            free(f);
            return 0;
        }
    if (!*f) {
        free(f);
        return 0;
    }
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 16;
        k->name = xrealloc(k->name, sizeof(char *) * k->cap);
        k->fold = xrealloc(k->fold, sizeof(char *) * k->cap);
    }
    k->name[k->n] = xstrdup(name);
    k->fold[k->n++] = f;
    return 0;
}

static void known_release(struct known *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->name[i]);
        free(k->fold[i]);
    }
    free(k->name);
    free(k->fold);
    memset(k, 0, sizeof *k);
}

struct alias_find {
    const char *given; /* what was typed */
    char *name;        /* the name of the alias equal to it (any case) */
    char *near;        /* an alias within two edits of it */
};

static int alias_row(const char *alias, const char *name, void *arg)
{
    struct alias_find *a = arg;
    char *fa = place_fold(alias), *fg = place_fold(a->given);
    if (!strcmp(fa, fg) && !a->name)
        a->name = xstrdup(name);
    else if (!a->near && place_distance(fa, fg, 2) <= 2)
        a->near = xstrdup(alias);
    free(fa);
    free(fg);
    return 0;
}

/* 1 when a distance of D between folds of length LEN means "the same word, mistyped":
 * at most two edits, and no more than a third of the word. */
static int near_enough(int d, size_t len)
{
    return d > 0 && d <= 2 && (size_t)d * 3 <= len;
}

int place_resolve(sqlite3 *db, const char *field, const char *given, char **out, char **near,
                  struct cs_err *e)
{
    struct alias_find a = {given, NULL, NULL};
    struct known k = {0};
    char *fg = NULL;
    size_t lg, hit = 0, nhit = 0;
    int rc;
    *out = *near = NULL;
    if (!*given) {
        *out = xstrdup(given);
        return 0;
    }
    if ((rc = place_each(db, alias_row, &a, e)))
        goto cleanup;
    if (a.name) { /* 1. an alias */
        *out = a.name;
        a.name = NULL;
        goto cleanup;
    }
    if ((rc = place_each_known(db, known_add, &k, e)))
        goto cleanup;
    fg = place_fold(given);
    lg = strlen(fg);
    for (size_t i = 0; i < k.n; i++) /* 2. the same place */
        if (!strcmp(k.fold[i], fg)) {
            *out = xstrdup(k.name[i]);
            goto cleanup;
        }
    for (size_t i = 0; lg && i < k.n; i++) /* 3. a prefix */
        if (!strncmp(k.fold[i], fg, lg)) {
            if (!nhit++)
                hit = i;
        }
    if (nhit == 1) {
        *out = xstrdup(k.name[hit]);
        goto cleanup;
    }
    if (nhit > 1) {
        char list[400] = "";
        size_t used = 0, shown = 0;
        for (size_t i = 0; i < k.n; i++) {
            if (strncmp(k.fold[i], fg, lg))
                continue;
            if (used + strlen(k.name[i]) + 8 >= sizeof list) {
                snprintf(list + used, sizeof list - used, ", ...");
                break;
            }
            used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"",
                                     !shown              ? ""
                                     : shown + 1 == nhit ? " or "
                                                         : ", ",
                                     k.name[i]);
            shown++;
        }
        rc = cs_error(e, CS_EINPUT, field, given, "ambiguous place, %zu begin so: %s", nhit, list);
        goto cleanup;
    }
    if (a.near && place_alias_valid(given)) { /* 4. a mistyped alias */
        rc = cs_error(e, CS_EINPUT, field, given, "unknown place alias, did you mean \"%s\"?",
                      a.near);
        goto cleanup;
    }
    *out = xstrdup(given); /* 5. a new place */
    {
        int best = 3;
        for (size_t i = 0; i < k.n; i++) {
            int d = place_distance(k.fold[i], fg, 2);
            size_t shorter = strlen(k.fold[i]) < lg ? strlen(k.fold[i]) : lg;
            if (d < best && near_enough(d, shorter)) {
                best = d;
                free(*near);
                *near = xstrdup(k.name[i]);
            }
        }
    }
cleanup:
    free(a.name);
    free(a.near);
    free(fg);
    known_release(&k);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}
