/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_report.c - `confspend report budget|rides|drivers|direct|quote|plan|trip`: budgets
 * against actual, the direct-driver model, the drivers met, direct rides against the
 * platform, what to offer, the next trip's plan, and one trip on one page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confspend/args.h"
#include "confspend/cli.h"
#include "confspend/date.h"
#include "confspend/db.h"
#include "confspend/expense.h"
#include "confspend/money.h"
#include "confspend/output.h"
#include "confspend/period.h"
#include "confspend/rate.h"
#include "confspend/report.h"
#include "confspend/trip.h"

static const char help[] =
    "Reports.\n\n"
    "  report claims [--format F]\n"
    "      claims per status, then unclaimed (reimbursable expenses in no claim but a\n"
    "      rejected one) and total. csv columns: status,claims,expenses,claimed,paid,\n"
    "      outstanding (outstanding = claimed - paid over submitted, approved and partly\n"
    "      paid claims; amounts in the base currency).\n\n"
    "  report budget [--month YYYY-MM | --trip SLUG | --since YYYY-MM --until YYYY-MM]\n"
    "                [ride options] [--format F]\n"
    "      budget against actual per category, then total (default: this month).\n"
    "      csv columns: category,budget,actual,remaining,used_pct,direct_actual\n"
    "      (with --since/--until one block per month and a first column month).\n"
    "      direct_actual: actual with the direct-driver arrangement (report rides).\n"
    "      For the current month the table projects to month end and flags categories\n"
    "      heading over budget: per category S + T + round(O * D / d), D the month's\n"
    "      days, d today's day; S its schedule occurrences (posted or due this month)\n"
    "      as they are; T its trip expenses, those within their trip's dates scaled by\n"
    "      the trip's days this month / its days so far (an ended trip: as they are);\n"
    "      O the rest.\n\n"
    "  report rides [--trip SLUG | --month YYYY-MM | --since DATE [--until DATE]]\n"
    "               [ride options] [--format F]\n"
    "      what paying a driver directly would change, per route, for lyft/uber rides.\n"
    "      Per ride: F = amount - tip, converted to the base currency as one amount;\n"
    "      c = platform fee / (amount - tip) in the ride's currency when recorded,\n"
    "      else --commission; D = round(F * (1 - c)); P = D + round(S * (F - D));\n"
    "      rider saving F - P, driver gain P - D, expected saving round(A * (F - P)).\n"
    "      csv columns: route,rides,eligible,paid,driver_received,platform_kept,\n"
    "      direct_cost,rider_savings,driver_gain,expected_savings (last row TOTAL).\n"
    "      direct_cost = paid - expected_savings. A refund enters every money figure of\n"
    "      its route negative and is not counted in rides or eligible; trial days of a\n"
    "      ride in a trip count from the trip's start. The table adds expected savings\n"
    "      for commission 25/35/50% by share 0.25/0.5/0.75.\n\n"
    "  report drivers [--trip SLUG | --month YYYY-MM | --since DATE [--until DATE]]\n"
    "                 [--commission C] [--min-rides N] [--format F]\n"
    "      the drivers met (rides with --driver; default: the whole history), one row\n"
    "      per name (trimmed, any case). csv columns: driver,rides,platform_rides,\n"
    "      direct_rides,routes,rating,paid,driver_received,last (rating: the mean of\n"
    "      --rating, one decimal; paid, driver_received: F and D of the platform rides).\n"
    "      The table marks as candidate a driver rated 4 or more with a platform ride\n"
    "      on a route with at least --min-rides platform rides.\n\n"
    "  report direct [selection] [--commission C] [--format F]\n"
    "      rides paid to a driver directly (--provider direct; default: the whole\n"
    "      history) against R, the median fare of the route's platform rides in the\n"
    "      whole history (even count: the mean of the two middle ones). csv columns:\n"
    "      route,rides,paid,platform_fare,saved,driver_platform_take,driver_gain (last\n"
    "      row TOTAL); platform_fare = R per ride, saved = platform_fare - paid,\n"
    "      driver_platform_take = sum round(R * (1 - c)), driver_gain = paid -\n"
    "      driver_platform_take; empty for a route without platform rides. A refund\n"
    "      lowers paid and is no ride.\n\n"
    "  report quote [--commission C] [--share S] [--min-rides N] [--format F]\n"
    "      what to offer a driver, per route with at least N platform rides in the\n"
    "      whole history. csv columns: route,rides,median_fare,driver_take,offer,\n"
    "      rider_saves,driver_gains; offer = driver_take + round(S * (median_fare -\n"
    "      driver_take)), driver_take the median D.\n\n"
    "  report plan --like TRIP --days N [ride options] [--format F]\n"
    "      the next trip of N days from the past trip TRIP (K days, its expenses dated\n"
    "      within its dates): per category past, forecast = round(past * N / K)\n"
    "      (ticket, travel: past), with_arrangement (ride: forecast minus\n"
    "      round(E * max(N - D, 0) / K), E the expected savings over TRIP's platform\n"
    "      rides, eligible on routes with --min-rides of them, D = --trial-days).\n"
    "      csv columns: category,past,forecast,with_arrangement, then total.\n\n"
    "  The table views of rides, direct, quote and plan end with a line on the law.\n\n"
    "  report trip SLUG [ride options] [--format F]\n"
    "      the trip on one page: per category and per day, reimbursable against\n"
    "      personal, lodging saved against the compare rate (over the stays that have\n"
    "      --nights and --compare-rate; the others are listed as not compared), the\n"
    "      ride model (fares without tips; each line's count: the rides it covers).\n\n"
    "ride options:\n"
    "  --commission C     the platform's cut when a ride records no fee, 0..1\n"
    "                     (default: config ride.commission, else 0.50)\n"
    "  --share S          the part of that cut the driver gets instead, 0..1 (0.5)\n"
    "  --availability A   the chance the driver can take a ride, 0..1 (1)\n"
    "  --min-rides N      rides a route needs to be worth arranging (2)\n"
    "  --trial-days D     days spent finding a driver, not eligible (0)\n";

/* "12.3" from tenths. */
static void pct_format(int64_t tenths, char *buf, size_t n)
{
    int64_t a = tenths < 0 ? -tenths : tenths;
    snprintf(buf, n, "%s%lld.%lld", tenths < 0 ? "-" : "", (long long)(a / 10),
             (long long)(a % 10));
}

/* Money for the table (grouped) or csv/json (plain). */
static void fmt_money(enum out_format fmt, int64_t v, int digits, char *buf, size_t n)
{
    if (fmt == FMT_TABLE)
        money_format_grouped(v, digits, buf, n);
    else
        money_format(v, digits, buf, n);
}

/* A bar of WIDTH cells for RATIO = num/den (Unicode blocks), capped at WIDTH. */
static void bar(int64_t num, int64_t den, int width, char *buf, size_t n)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    int64_t cells8 = den > 0 ? round_half_away((__int128)(num < 0 ? 0 : num) * width * 8, den) : 0;
    size_t o = 0;
    int over = cells8 > (int64_t)width * 8;
    if (over)
        cells8 = (int64_t)width * 8;
    buf[0] = 0;
    for (int64_t i = 0; i < cells8 / 8 && o + 4 < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "█");
    if (o + 4 < n)
        o += (size_t)snprintf(buf + o, n - o, "%s", eighths[cells8 % 8]);
    if (over && o + 4 < n)
        snprintf(buf + o, n - o, "▶");
}

static int do_budget(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    struct period p;
    struct ride_params rp;
    struct budget_report r = BUDGET_REPORT_INIT;
    struct output out;
    int rc, range = args_has(o, "since") || args_has(o, "until");
    static const char *const csv_head[] = {"month",     "category", "budget",       "actual",
                                           "remaining", "used_pct", "direct_actual"};
    static const int align[] = {0,           0,           ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, 0,           0};
    static const char *const tbl_head[] = {"category", "budget",    "actual", "remaining", "used %",
                                           "direct",   "projected", "status", "",          ""};

    struct period_sel sel = period_sel_of(o);
    struct ride_opts ro = ride_opts_of(o);
    if (period_precheck(&sel, 1, &ctx->err) || ride_params_precheck(&ro, &ctx->err))
        return CS_EINPUT;
    if (range && !(args_has(o, "since") && args_has(o, "until")))
        return cs_error(&ctx->err, CS_EINPUT, args_has(o, "since") ? "--until" : "--since", NULL,
                        "required with %s", args_has(o, "since") ? "--since" : "--until");
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 1, 1, &p, &ctx->err)) ||
        (rc = ride_params_load(ctx->db, &ro, &rp, &ctx->err)) ||
        (rc = report_budget(ctx->db, &p, ctx->today_s, &rp, &r, &ctx->err)))
        return rc;
    if (fmt != FMT_TABLE)
        output_begin(&out, fmt, stdout, range ? 7 : 6, range ? csv_head : csv_head + 1, align);
    for (int b = 0; b < r.nblocks; b++) {
        struct budget_block *blk = &r.blocks[b];
        int current = !p.trip_id && !strncmp(blk->month, ctx->today_s, 7);
        int ncols = current ? 9 : 6;
        struct cs_date t = ctx->today;
        int dim = date_days_in_month(t.y, t.m);
        if (fmt == FMT_TABLE) {
            if (b)
                printf("\n");
            output_linef(stdout, STYLE_BOLD, "%s (%s)", p.trip_id ? p.label : blk->month, r.base);
            output_begin(&out, fmt, stdout, ncols, tbl_head, align);
        }
        for (int i = 0; i < blk->nrows; i++) {
            struct budget_row *row = &blk->rows[i];
            char bud[32] = "", act[32], rem[32] = "", pct[32] = "", dir[32], proj[32] = "",
                 barb[128] = "";
            const char *status = "";
            enum out_style st[] = {STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_NONE,
                                   STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_NONE};
            fmt_money(fmt, row->actual, r.digits, act, sizeof act);
            fmt_money(fmt, row->direct_actual, r.digits, dir, sizeof dir);
            if (row->has_budget) {
                fmt_money(fmt, row->budget, r.digits, bud, sizeof bud);
                fmt_money(fmt, row->remaining, r.digits, rem, sizeof rem);
            }
            if (row->has_pct)
                pct_format(row->used_tenths, pct, sizeof pct);
            if (current && row->has_projection) {
                int64_t pr = row->projected;
                fmt_money(fmt, pr, r.digits, proj, sizeof proj);
                if (row->has_budget && row->actual > row->budget) {
                    status = "OVER";
                    st[8] = STYLE_RED;
                } else if (row->has_budget && pr > row->budget) {
                    status = "heading over";
                    st[8] = STYLE_YELLOW;
                } else if (row->has_budget) {
                    status = "ok";
                }
                if (row->has_budget)
                    bar(row->actual, row->budget, 20, barb, sizeof barb);
            }
            const char *cells[] = {blk->month, row->category, bud,  act,    rem,
                                   pct,        dir,           proj, status, barb};
            if (fmt == FMT_TABLE) {
                output_styled_row(&out, cells + 1, st + 1, i == blk->nrows - 1);
            } else {
                output_row(&out, range ? cells : cells + 1);
            }
        }
        if (fmt == FMT_TABLE) {
            output_end(&out);
            if (current)
                printf("projection: schedules as due, trips over their own days, the rest x %d "
                       "days / day %d; bar: actual / budget\n",
                       dim, t.d);
        }
    }
    if (fmt != FMT_TABLE)
        output_end(&out);
    budget_report_release(&r);
    return 0;
}

/* The line under the table views of the ride reports (SPEC rev 2): paying a driver off
 * the app is, in most cities, driving for hire without a licence. */
static void lawful_line(void)
{
    printf("\nnote: a driver paid off the app needs a livery licence and commercial insurance in "
           "most cities (personal car insurance excludes paid passengers); a licensed car "
           "service or the platform's favourite-driver feature keeps the same driver "
           "lawfully.\n");
}

static const char *const rides_head[] = {
    "route",         "rides",       "eligible",      "paid",        "driver_received",
    "platform_kept", "direct_cost", "rider_savings", "driver_gain", "expected_savings"};

static void route_cells(enum out_format fmt, const struct ride_route *rt, int digits,
                        char buf[9][32], const char *cells[10])
{
    snprintf(buf[0], 32, "%ld", rt->rides);
    snprintf(buf[1], 32, "%ld", rt->eligible);
    fmt_money(fmt, rt->paid, digits, buf[2], 32);
    fmt_money(fmt, rt->driver_received, digits, buf[3], 32);
    fmt_money(fmt, rt->platform_kept, digits, buf[4], 32);
    fmt_money(fmt, rt->direct_cost, digits, buf[5], 32);
    fmt_money(fmt, rt->rider_savings, digits, buf[6], 32);
    fmt_money(fmt, rt->driver_gain, digits, buf[7], 32);
    fmt_money(fmt, rt->expected_savings, digits, buf[8], 32);
    cells[0] = rt->label;
    for (int i = 0; i < 9; i++)
        cells[i + 1] = buf[i];
}

static int do_rides(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    struct period p;
    struct ride_params rp;
    struct ride_result rr;
    struct output out;
    char base[4], buf[9][32];
    const char *cells[10];
    int rc, digits;
    static const int align[] = {0,           ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};

    struct period_sel sel = period_sel_of(o);
    struct ride_opts ro = ride_opts_of(o);
    if (period_precheck(&sel, 0, &ctx->err) || ride_params_precheck(&ro, &ctx->err))
        return CS_EINPUT;
    if (args_has(o, "until") && !args_has(o, "since"))
        return cs_error(&ctx->err, CS_EINPUT, "--since", NULL, "required with --until");
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, 1, &p, &ctx->err)) ||
        (rc = ride_params_load(ctx->db, &ro, &rp, &ctx->err)) ||
        (rc = config_base_currency(ctx->db, base, &ctx->err)) ||
        (rc = report_rides(ctx->db, &p, &rp, &rr, &ctx->err)))
        return rc;
    digits = money_digits(base);
    if (fmt == FMT_TABLE)
        output_linef(stdout, STYLE_NONE, "rides %s (%s)", p.label, base);
    output_begin(&out, fmt, stdout, 10, rides_head, align);
    for (size_t i = 0; i < rr.nroutes; i++) {
        route_cells(fmt, &rr.routes[i], digits, buf, cells);
        output_row(&out, cells);
    }
    route_cells(fmt, &rr.total, digits, buf, cells);
    output_rule_row(&out, cells);
    output_end(&out);
    if (fmt == FMT_TABLE) {
        static const int64_t comm[] = {E9 / 4, E9 * 35 / 100, E9 / 2};
        static const int64_t share[] = {E9 / 4, E9 / 2, E9 * 3 / 4};
        static const char *const grid_head[] = {"commission \\ share", "0.25", "0.5", "0.75"};
        static const int galign[] = {0, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
        static const char *const cl[] = {"25%", "35%", "50%"};
        char g[3][32];
        char avail[40];
        money_format_e9(rp.availability_e9, avail, sizeof avail);
        printf("\nexpected savings if the platform kept (rows) and the driver got this share "
               "of it (columns),\navailability %s, every ride at the row's commission:\n",
               avail);
        output_begin(&out, fmt, stdout, 4, grid_head, galign);
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < 3; s++) {
                struct ride_params q = rp;
                struct ride_result gr;
                q.commission_e9 = comm[c];
                q.share_e9 = share[s];
                q.force_commission = 1;
                if ((rc = report_rides(ctx->db, &p, &q, &gr, &ctx->err))) {
                    output_end(&out);
                    ridemodel_release(&rr);
                    return rc;
                }
                money_format_grouped(gr.total.expected_savings, digits, g[s], sizeof g[s]);
                ridemodel_release(&gr);
            }
            const char *row[] = {cl[c], g[0], g[1], g[2]};
            output_row(&out, row);
        }
        output_end(&out);
        lawful_line();
    }
    ridemodel_release(&rr);
    return 0;
}

/* The selection options of a ride report as the user gave them, checked, resolved (no
 * selection: the whole history, or this month when DEFAULT_MONTH), with the ride options
 * and the base currency. */
static int ride_report_open(struct cs_ctx *ctx, struct cs_opt *o, int default_month,
                            struct period *p, struct ride_params *rp, char base[4])
{
    struct period_sel sel = period_sel_of(o);
    struct ride_opts ro = ride_opts_of(o);
    int rc;
    if (period_precheck(&sel, 0, &ctx->err) || ride_params_precheck(&ro, &ctx->err))
        return CS_EINPUT;
    if (args_has(o, "until") && !args_has(o, "since"))
        return cs_error(&ctx->err, CS_EINPUT, "--since", NULL, "required with --until");
    if ((rc = ctx_open_db(ctx)) ||
        (rc = period_resolve(ctx->db, ctx->today, &sel, 0, default_month, p, &ctx->err)) ||
        (rc = ride_params_load(ctx->db, &ro, rp, &ctx->err)) ||
        (rc = config_base_currency(ctx->db, base, &ctx->err)))
        return rc;
    return 0;
}

/* Refuse the options in NAMES (NULL-terminated) that report WHAT does not take. */
static int refuse_options(struct cs_ctx *ctx, struct cs_opt *o, const char *what,
                          const char *const *names)
{
    for (const char *const *n = names; *n; n++)
        if (args_has(o, *n)) {
            char field[32];
            snprintf(field, sizeof field, "--%s", *n);
            return cs_error(&ctx->err, CS_EINPUT, field, args_value(o, *n),
                            "report %s does not take it", what);
        }
    return 0;
}

static int do_drivers(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    static const char *const head[] = {"driver", "rides",  "platform_rides", "direct_rides",
                                       "routes", "rating", "paid",           "driver_received",
                                       "last",   ""};
    static const char *const tbl_head[] = {"driver", "rides", "platform",        "direct", "routes",
                                           "rating", "paid",  "driver received", "last",   ""};
    static const int align[] = {0,           ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, 0,           0};
    static const char *const not_taken[] = {"share", "availability", "trial-days", NULL};
    struct period p;
    struct ride_params rp;
    struct driver_result dr;
    struct output out;
    char base[4];
    int rc, digits, ncand = 0;
    if ((rc = refuse_options(ctx, o, "drivers", not_taken)) ||
        (rc = ride_report_open(ctx, o, 0, &p, &rp, base)) ||
        (rc = report_drivers(ctx->db, &p, &rp, &dr, &ctx->err)))
        return rc;
    digits = money_digits(base);
    if (fmt == FMT_TABLE)
        output_linef(stdout, STYLE_BOLD, "drivers %s (%s)", p.label, base);
    output_begin(&out, fmt, stdout, fmt == FMT_TABLE ? 10 : 9, fmt == FMT_TABLE ? tbl_head : head,
                 align);
    for (size_t i = 0; i < dr.nrows; i++) {
        const struct driver_row *d = &dr.rows[i];
        char b[6][32], paid[32], recv[32];
        enum out_style st[10] = {STYLE_NONE};
        snprintf(b[0], 32, "%ld", d->rides);
        snprintf(b[1], 32, "%ld", d->platform_rides);
        snprintf(b[2], 32, "%ld", d->direct_rides);
        snprintf(b[3], 32, "%ld", d->routes);
        b[4][0] = 0;
        if (d->has_rating)
            pct_format(d->rating_tenths, b[4], 32);
        fmt_money(fmt, d->paid, digits, paid, sizeof paid);
        fmt_money(fmt, d->driver_received, digits, recv, sizeof recv);
        const char *cells[] = {d->name, b[0], b[1], b[2],    b[3],
                               b[4],    paid, recv, d->last, d->candidate ? "candidate" : ""};
        ncand += d->candidate;
        st[9] = STYLE_BOLD;
        output_styled_row(&out, cells, st, 0);
    }
    output_end(&out);
    if (fmt == FMT_TABLE)
        printf("\ncandidate: rated 4 or more, with a platform ride on a route with at least %ld "
               "platform rides (%d of %zu)\n",
               rp.min_rides, ncand, dr.nrows);
    ridemodel_drivers_release(&dr);
    return 0;
}

static int do_direct(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    static const char *const head[] = {
        "route", "rides", "paid", "platform_fare", "saved", "driver_platform_take", "driver_gain"};
    static const int align[] = {0,           ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    static const char *const not_taken[] = {"share", "availability", "trial-days", "min-rides",
                                            NULL};
    struct period p;
    struct ride_params rp;
    struct direct_result dr;
    struct output out;
    char base[4], cm[40];
    int rc, digits;
    if ((rc = refuse_options(ctx, o, "direct", not_taken)) ||
        (rc = ride_report_open(ctx, o, 0, &p, &rp, base)) ||
        (rc = report_direct(ctx->db, &p, &rp, &dr, &ctx->err)))
        return rc;
    digits = money_digits(base);
    if (fmt == FMT_TABLE)
        output_linef(stdout, STYLE_BOLD, "direct rides %s (%s)", p.label, base);
    output_begin(&out, fmt, stdout, 7, head, align);
    for (size_t i = 0; i <= dr.nroutes; i++) {
        const struct direct_route *r = i < dr.nroutes ? &dr.routes[i] : &dr.total;
        char b[6][32];
        snprintf(b[0], 32, "%ld", r->rides);
        fmt_money(fmt, r->paid, digits, b[1], 32);
        b[2][0] = b[3][0] = b[4][0] = b[5][0] = 0;
        if (r->has_ref) {
            fmt_money(fmt, r->platform_fare, digits, b[2], 32);
            fmt_money(fmt, r->saved, digits, b[3], 32);
            fmt_money(fmt, r->driver_platform_take, digits, b[4], 32);
            fmt_money(fmt, r->driver_gain, digits, b[5], 32);
        }
        const char *cells[] = {r->label, b[0], b[1], b[2], b[3], b[4], b[5]};
        if (i < dr.nroutes)
            output_row(&out, cells);
        else
            output_rule_row(&out, cells);
    }
    output_end(&out);
    if (fmt == FMT_TABLE) {
        money_format_e9(rp.commission_e9, cm, sizeof cm);
        printf("\nplatform_fare: the route's median platform fare (all history) per ride; "
               "driver_platform_take at commission %s; empty: no platform ride on the route\n",
               cm);
        lawful_line();
    }
    ridemodel_direct_release(&dr);
    return 0;
}

static int do_quote(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    static const char *const head[] = {"route", "rides",       "median_fare", "driver_take",
                                       "offer", "rider_saves", "driver_gains"};
    static const int align[] = {0,           ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT,
                                ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    static const char *const not_taken[] = {"trip",         "month",      "since", "until",
                                            "availability", "trial-days", NULL};
    struct period p;
    struct ride_params rp;
    struct quote_result q;
    struct output out;
    char base[4], sh[40], cm[40];
    int rc, digits;
    if ((rc = refuse_options(ctx, o, "quote", not_taken)) ||
        (rc = ride_report_open(ctx, o, 0, &p, &rp, base)) ||
        (rc = report_quote(ctx->db, &rp, &q, &ctx->err)))
        return rc;
    digits = money_digits(base);
    money_format_e9(rp.share_e9, sh, sizeof sh);
    money_format_e9(rp.commission_e9, cm, sizeof cm);
    if (fmt == FMT_TABLE)
        output_linef(stdout, STYLE_BOLD,
                     "quote (%s): routes with at least %ld platform rides, share %s", base,
                     rp.min_rides, sh);
    output_begin(&out, fmt, stdout, 7, head, align);
    for (size_t i = 0; i < q.nroutes; i++) {
        const struct quote_route *r = &q.routes[i];
        char b[6][32];
        snprintf(b[0], 32, "%ld", r->rides);
        fmt_money(fmt, r->median_fare, digits, b[1], 32);
        fmt_money(fmt, r->driver_take, digits, b[2], 32);
        fmt_money(fmt, r->offer, digits, b[3], 32);
        fmt_money(fmt, r->rider_saves, digits, b[4], 32);
        fmt_money(fmt, r->driver_gains, digits, b[5], 32);
        const char *cells[] = {r->label, b[0], b[1], b[2], b[3], b[4], b[5]};
        enum out_style st[7] = {STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_NONE, STYLE_BOLD};
        output_styled_row(&out, cells, st, 0);
    }
    output_end(&out);
    if (fmt == FMT_TABLE) {
        printf("\noffer: the driver's median take plus %s of what the platform keeps of the "
               "median fare (a ride without a recorded fee: commission %s)\n",
               sh, cm);
        lawful_line();
    }
    ridemodel_quote_release(&q);
    return 0;
}

static int do_plan(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt)
{
    static const char *const head[] = {"category", "past", "forecast", "with_arrangement"};
    static const int align[] = {0, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    static const char *const not_taken[] = {"trip", "month", "since", "until", NULL};
    struct ride_opts ro = ride_opts_of(o);
    struct ride_params rp;
    struct plan_report pr;
    struct trip t = TRIP_INIT;
    struct period p;
    struct output out;
    char base[4], av[40];
    int64_t days;
    int rc, digits;
    if ((rc = refuse_options(ctx, o, "plan", not_taken)))
        return rc;
    if (!args_has(o, "like"))
        return cs_error(&ctx->err, CS_EINPUT, "--like", NULL, "missing (report plan --like TRIP)");
    if (!args_has(o, "days"))
        return cs_error(&ctx->err, CS_EINPUT, "--days", NULL, "missing (report plan --days N)");
    if (parse_whole(args_value(o, "days"), "--days", 1, 100000, &days, &ctx->err) ||
        ride_params_precheck(&ro, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) ||
        (rc = trip_load(ctx->db, args_value(o, "like"), &t, &ctx->err)) ||
        (rc = ride_params_load(ctx->db, &ro, &rp, &ctx->err)) ||
        (rc = config_base_currency(ctx->db, base, &ctx->err)))
        goto cleanup;
    memset(&p, 0, sizeof p);
    p.trip_id = t.id;
    snprintf(p.since, sizeof p.since, "%s", t.start);
    snprintf(p.until, sizeof p.until, "%s", t.end);
    if ((rc = report_plan(ctx->db, &p, (long)days, &rp, &pr, &ctx->err)))
        goto cleanup;
    digits = money_digits(base);
    if (fmt == FMT_TABLE)
        output_linef(stdout, STYLE_BOLD, "plan: %lld days like %s (%s to %s, %ld days), in %s",
                     (long long)days, t.slug, t.start, t.end, pr.k, base);
    output_begin(&out, fmt, stdout, 4, head, align);
    for (int i = 0; i < pr.nrows; i++) {
        const struct plan_row *r = &pr.rows[i];
        char b[3][32];
        fmt_money(fmt, r->past, digits, b[0], 32);
        fmt_money(fmt, r->forecast, digits, b[1], 32);
        fmt_money(fmt, r->with_arrangement, digits, b[2], 32);
        const char *cells[] = {r->category, b[0], b[1], b[2]};
        if (i == pr.nrows - 1)
            output_rule_row(&out, cells);
        else
            output_row(&out, cells);
    }
    output_end(&out);
    if (fmt == FMT_TABLE) {
        char e[32], sv[32];
        money_format_grouped(pr.expected, digits, e, sizeof e);
        money_format_grouped(pr.saving, digits, sv, sizeof sv);
        money_format_e9(rp.availability_e9, av, sizeof av);
        printf("\nforecast = past x %lld / %ld days (ticket, travel: once); the arrangement, "
               "after %ld trial days at availability %s: %s x %lld / %ld = %s saved on rides\n",
               (long long)days, pr.k, rp.trial_days, av, e,
               (long long)(days > rp.trial_days ? days - rp.trial_days : 0), pr.k, sv);
        lawful_line();
    }
cleanup:
    trip_release(&t);
    return rc;
}

/* Per-category and per-day sums of a trip in the base currency, exact whatever the order
 * of the amounts (money_sum), and the figures they come to once each fits in int64. */
struct sums {
    long count;
    struct money_sum total, reimb, personal;
};
struct figs {
    long count;
    int64_t total, reimb, personal;
};

/* Add V (reimbursable when REIMB) to S. */
static void sums_add(struct sums *s, int64_t v, int reimb)
{
    s->count++;
    money_sum_add(&s->total, v);
    money_sum_add(reimb ? &s->reimb : &s->personal, v);
}

/* The figures of S into F; when one does not fit in int64, fill E naming its column and
 * ROW ("category meal") of trip SLUG. */
static int sums_get(const struct sums *s, struct figs *f, const char *row, const char *slug,
                    struct cs_err *e)
{
    static const char *const cols[] = {"total", "reimbursable", "personal"};
    const struct money_sum *v[] = {&s->total, &s->reimb, &s->personal};
    int64_t *out[] = {&f->total, &f->reimb, &f->personal};
    f->count = s->count;
    for (int i = 0; i < 3; i++)
        if (money_sum_get(*v[i], out[i]))
            return cs_error(e, CS_EFAIL, cols[i], NULL,
                            "%s of trip %s does not fit in 64-bit minor units (amounts too large)",
                            row, slug);
    return 0;
}

/* One row; the reimbursable and personal cells only when SPLIT. */
static void put_row(struct output *out, enum out_format fmt, const char *section, const char *item,
                    long count, const struct figs *f, int digits, int split)
{
    char c[24], t[32], r[32], pe[32];
    snprintf(c, sizeof c, "%ld", count);
    fmt_money(fmt, f->total, digits, t, sizeof t);
    fmt_money(fmt, f->reimb, digits, r, sizeof r);
    fmt_money(fmt, f->personal, digits, pe, sizeof pe);
    const char *cells[] = {section, item, c, t, split ? r : "", split ? pe : ""};
    output_row(out, cells);
}

static int do_trip(struct cs_ctx *ctx, struct cs_opt *o, enum out_format fmt, const char *slug)
{
    struct trip t = TRIP_INIT;
    struct period p;
    struct ride_params rp;
    struct ride_result rr = RIDE_RESULT_INIT;
    /* lodging: what the stays with a compare rate and nights cost, what they would have
     * cost at that rate, and the stays without one (not compared) */
    struct sums cat[CS_NCATEGORIES] = {{0}}, all = {0}, *day = NULL, lodging = {0}, compare = {0},
                saved, uncompared = {0};
    struct figs fcat[CS_NCATEGORIES], fall, *fday = NULL, flp, flc, fls, flu;
    char(*days)[11] = NULL;
    int nday = 0, rc, digits, step;
    char base[4], row[64];
    int64_t nights = 0;
    sqlite3_stmt *st = NULL;
    struct rate_conv *conv = NULL;
    struct output out;
    static const char *const head[] = {"section", "item",         "count",
                                       "total",   "reimbursable", "personal"};
    static const int align[] = {0, 0, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    struct ride_opts ro = ride_opts_of(o);

    if (ride_params_precheck(&ro, &ctx->err))
        return CS_EINPUT;
    if ((rc = ctx_open_db(ctx)) || (rc = config_base_currency(ctx->db, base, &ctx->err)) ||
        (rc = trip_load(ctx->db, slug, &t, &ctx->err)) ||
        (rc = ride_params_load(ctx->db, &ro, &rp, &ctx->err)))
        goto cleanup;
    digits = money_digits(base);
    memset(&p, 0, sizeof p);
    p.trip_id = t.id;
    snprintf(p.since, sizeof p.since, "%s", t.start);
    snprintf(p.until, sizeof p.until, "%s", t.end);
    if ((rc = db_prepare(ctx->db,
                         "SELECT date, category, amount, currency, reimbursable, nights, "
                         "compare_rate, id, base_currency, base_amount FROM expense "
                         "WHERE trip_id = ?1 ORDER BY date, id",
                         &st, &ctx->err)))
        goto cleanup;
    sqlite3_bind_int64(st, 1, t.id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        static const struct stored_columns cols = {
            .table = "expense",
            .date_name = "date",
            .id = 7,
            .date = 0,
            .category = 1,
            .amount = 2,
            .currency = 3,
            .provider = -1,
            .tip = -1,
            .platform_fee = -1,
            .nights = 5,
            .compare_rate = 6,
            .reimbursable = 4,
            .until_month = -1,
            .posted_month = -1,
        };
        const char *date = (const char *)sqlite3_column_text(st, 0);
        const char *c = (const char *)sqlite3_column_text(st, 1);
        const char *cur = (const char *)sqlite3_column_text(st, 3);
        int reimb = sqlite3_column_int(st, 4), ci = category_index(c);
        int64_t v;
        struct ratio rt;
        if (!conv)
            conv = rate_conv_new(ctx->db, base);
        if ((rc = stored_row_check(st, &cols, &ctx->err)) ||
            (rc = rate_conv_expense(conv, cur, date, sqlite3_column_int64(st, 2),
                                    (const char *)sqlite3_column_text(st, 8),
                                    sqlite3_column_int64(st, 9), &v, &rt, &ctx->err)))
            goto cleanup;
        if (!nday || strcmp(days[nday - 1], date)) {
            days = xrealloc(days, sizeof *days * (size_t)(nday + 1));
            day = xrealloc(day, sizeof *day * (size_t)(nday + 1));
            snprintf(days[nday], 11, "%s", date);
            memset(&day[nday], 0, sizeof *day);
            nday++;
        }
        sums_add(&cat[ci], v, reimb);
        sums_add(&all, v, reimb);
        sums_add(&day[nday - 1], v, reimb);
        if (!strcmp(c, "lodging")) {
            if (sqlite3_column_type(st, 5) == SQLITE_NULL ||
                sqlite3_column_type(st, 6) == SQLITE_NULL) {
                sums_add(&uncompared, v, 0);
            } else {
                int64_t n = sqlite3_column_int64(st, 5), cmp, at;
                /* at the expense's own rate (what the card charged, when given) */
                if (__builtin_mul_overflow(sqlite3_column_int64(st, 6), n, &at) ||
                    (ratio_apply(rt, at, &cmp) &&
                     (rc = cs_error(&ctx->err, CS_EFAIL, "rate", cur,
                                    "converted amount out of range")))) {
                    if (!rc)
                        rc = cs_error(&ctx->err, CS_EFAIL, "compare_rate", NULL,
                                      "%lld nights at the compare rate do not fit in 64-bit "
                                      "minor units (amounts too large)",
                                      (long long)n);
                    goto cleanup;
                }
                nights += n;
                sums_add(&lodging, v, 0);
                sums_add(&compare, cmp, 0);
            }
        }
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(ctx->db, "cannot read the trip's expenses", &ctx->err);
        goto cleanup;
    }
    /* every figure is known to fit before anything is printed */
    saved = compare;
    saved.total.v -= lodging.total.v;
    fday = xmalloc(sizeof *fday * (size_t)(nday ? nday : 1));
    for (int ci = 0; ci < CS_NCATEGORIES; ci++) {
        snprintf(row, sizeof row, "category %s", cs_categories[ci]);
        if ((rc = sums_get(&cat[ci], &fcat[ci], row, slug, &ctx->err)))
            goto cleanup;
    }
    for (int d = 0; d < nday; d++) {
        snprintf(row, sizeof row, "day %s", days[d]);
        if ((rc = sums_get(&day[d], &fday[d], row, slug, &ctx->err)))
            goto cleanup;
    }
    if ((rc = sums_get(&all, &fall, "the total", slug, &ctx->err)) ||
        (rc = sums_get(&lodging, &flp, "lodging paid", slug, &ctx->err)) ||
        (rc = sums_get(&compare, &flc, "lodging at compare rate", slug, &ctx->err)) ||
        (rc = sums_get(&saved, &fls, "lodging saved", slug, &ctx->err)) ||
        (rc = sums_get(&uncompared, &flu, "lodging not compared", slug, &ctx->err)))
        goto cleanup;
    if ((rc = report_rides(ctx->db, &p, &rp, &rr, &ctx->err)))
        goto cleanup;
    if (fmt == FMT_TABLE) {
        output_linef(stdout, STYLE_NONE, "%s (%s)%s%s, %s to %s, amounts in %s", t.name, t.slug,
                     t.city ? ", " : "", t.city ? t.city : "", t.start, t.end, base);
        printf("\n");
    }
    output_begin(&out, fmt, stdout, 6, head, align);
    for (int ci = 0; ci < CS_NCATEGORIES; ci++)
        if (fcat[ci].count)
            put_row(&out, fmt, "category", cs_categories[ci], fcat[ci].count, &fcat[ci], digits, 1);
    if (fmt == FMT_TABLE) {
        const char *cells[] = {"total", "", "", "", "", ""};
        char c[24], tt[32], r[32], pe[32];
        snprintf(c, sizeof c, "%ld", fall.count);
        fmt_money(fmt, fall.total, digits, tt, sizeof tt);
        fmt_money(fmt, fall.reimb, digits, r, sizeof r);
        fmt_money(fmt, fall.personal, digits, pe, sizeof pe);
        cells[2] = c;
        cells[3] = tt;
        cells[4] = r;
        cells[5] = pe;
        output_rule_row(&out, cells);
        output_end(&out);
        printf("\n");
        output_begin(&out, fmt, stdout, 6, head, align);
    } else {
        put_row(&out, fmt, "total", "all", fall.count, &fall, digits, 1);
    }
    for (int d = 0; d < nday; d++)
        put_row(&out, fmt, "day", days[d], fday[d].count, &fday[d], digits, 1);
    /* lodging saved against the compare rate, over the stays that have one (count: their
     * nights); the others are shown apart (count: stays), so a hotel without a compare
     * rate is not a negative saving */
    if (flp.count || flu.count) {
        if (fmt == FMT_TABLE) {
            output_end(&out);
            printf("\n");
            output_begin(&out, fmt, stdout, 6, head, align);
        }
        if (flp.count) {
            put_row(&out, fmt, "lodging", "paid", nights, &flp, digits, 0);
            put_row(&out, fmt, "lodging", "at compare rate", nights, &flc, digits, 0);
            put_row(&out, fmt, "lodging", "saved vs compare rate", nights, &fls, digits, 0);
        }
        if (flu.count)
            put_row(&out, fmt, "lodging", "not compared (no compare rate or nights)", flu.count,
                    &flu, digits, 0);
    }
    {
        /* rev 2: fares without tips, and each line's count the rides it covers */
        struct {
            const char *name;
            int64_t v;
            long count;
        } rides[] = {{"fares paid (tips excluded)", rr.total.paid, rr.total.rides},
                     {"platform_kept", rr.total.platform_kept, rr.total.rides},
                     {"direct_cost", rr.total.direct_cost, rr.total.rides},
                     {"rider_savings", rr.total.rider_savings, rr.total.eligible},
                     {"driver_gain", rr.total.driver_gain, rr.total.eligible},
                     {"expected_savings", rr.total.expected_savings, rr.total.eligible}};
        if (fmt == FMT_TABLE) {
            output_end(&out);
            printf("\n");
            output_begin(&out, fmt, stdout, 6, head, align);
        }
        for (size_t i = 0; i < sizeof rides / sizeof rides[0]; i++) {
            struct figs s = {0, rides[i].v, 0, 0};
            char item[48];
            snprintf(item, sizeof item, "%s", rides[i].name);
            put_row(&out, fmt, "rides", item, rides[i].count, &s, digits, 0);
        }
    }
    output_end(&out);
cleanup:
    sqlite3_finalize(st);
    rate_conv_free(conv);
    ridemodel_release(&rr);
    trip_release(&t);
    free(day);
    free(fday);
    free(days);
    return rc;
}

static int exec(struct cs_ctx *ctx, int argc, char **argv)
{
    struct cs_opt o[] = {PERIOD_OPTIONS,
                         RIDE_OPTIONS,
                         {"like", OPT_VALUE},
                         {"days", OPT_VALUE},
                         {"format", OPT_VALUE},
                         {"db", OPT_VALUE},
                         {NULL}};
    const char *pos[2];
    int npos, rc;
    enum out_format fmt;

    if ((rc = cmd_parse(ctx, &cmd_report, argc, argv, o, pos, 2, &npos)))
        return rc == CMD_HELPED ? 0 : rc;
    if (output_parse_format(args_value(o, "format"), &fmt, &ctx->err))
        return CS_EINPUT;
    if (npos < 1)
        return cs_error(&ctx->err, CS_EINPUT, "report", NULL,
                        "missing report (budget, rides, drivers, direct, quote, plan, trip)");
    if (!strcmp(pos[0], "trip")) {
        if (npos < 2)
            return cs_error(&ctx->err, CS_EINPUT, "slug", NULL, "missing (report trip SLUG)");
        if (args_has(o, "trip") || args_has(o, "month") || args_has(o, "since") ||
            args_has(o, "until"))
            return cs_error(&ctx->err, CS_EINPUT, "report trip", NULL,
                            "takes the trip's slug, not --trip/--month/--since/--until");
        return do_trip(ctx, o, fmt, pos[1]);
    }
    if (npos > 1)
        return cs_error(&ctx->err, CS_EINPUT, "argument", pos[1], "unexpected argument");
    if (!strcmp(pos[0], "claims")) /* claims by status: cmd_claim.c */
        return report_claims_exec(ctx, args_value(o, "format"));
    if (!strcmp(pos[0], "budget"))
        return do_budget(ctx, o, fmt);
    if (strcmp(pos[0], "plan") && (args_has(o, "like") || args_has(o, "days")))
        return cs_error(&ctx->err, CS_EINPUT, args_has(o, "like") ? "--like" : "--days", NULL,
                        "only for report plan");
    if (!strcmp(pos[0], "rides"))
        return do_rides(ctx, o, fmt);
    if (!strcmp(pos[0], "drivers"))
        return do_drivers(ctx, o, fmt);
    if (!strcmp(pos[0], "direct"))
        return do_direct(ctx, o, fmt);
    if (!strcmp(pos[0], "quote"))
        return do_quote(ctx, o, fmt);
    if (!strcmp(pos[0], "plan"))
        return do_plan(ctx, o, fmt);
    return cs_error(&ctx->err, CS_EINPUT, "report", pos[0],
                    "unknown report (budget, rides, drivers, direct, quote, plan, trip)");
}

const struct cs_cmd cmd_report = {
    "report", "report budget|rides|drivers|direct|quote|plan|trip|claims ... [--format F]", help, 0, exec};
