#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The change log's property: any sequence of write commands (every kind), then undo all the
# way back, gives a database equal in every user table to the start; redo all the way
# forward gives the end state again. Random sequences from fixed seeds (PROPERTY_SEEDS to
# try more), each step checked against the real CLI's exit status.
. "$(dirname "$0")/lib.sh"
SEEDS=${PROPERTY_SEEDS:-"1 2 3 4"}
STEPS=${PROPERTY_STEPS:-45}

for seed in $SEEDS; do
  export CONFSPEND_DB="$TMP/p$seed.db"
  out=$(python3 - "$CONFSPEND" "$CONFSPEND_DB" "$seed" "$STEPS" "$TMP" <<'PY'
import random, sqlite3, subprocess, sys
exe, db, seed, steps, tmp = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rnd = random.Random(seed)

def cs(*args):
    p = subprocess.run([exe, "--db", db, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

# every user table, every row, every column; not the log itself nor the id counters (ids
# are never given out twice, so sqlite_sequence only grows)
def dump():
    c = sqlite3.connect(db)
    names = [r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
        "('change', 'sqlite_sequence', 'parked_expense') ORDER BY name")]
    out = []
    for n in names:
        out.append((n, sorted(repr(r) for r in c.execute('SELECT * FROM "%s"' % n))))
    c.close()
    return out

cats = ["ride", "meal", "lodging", "donation", "ticket", "travel", "other"]
trips = []

def ids():
    c = sqlite3.connect(db)
    r = [x[0] for x in c.execute("SELECT id FROM expense")]
    c.close()
    return r

def step(k):
    kind = rnd.choice(["add", "add", "add", "edit", "rm", "trip add", "trip edit", "trip rm",
                       "trip use", "budget set", "budget rm", "config set", "rate set",
                       "import", "monthly", "schedule edit", "schedule stop", "schedule rm"])
    day = "2026-11-%02d" % rnd.randint(1, 10)
    if kind == "add":
        cat = rnd.choice(cats)
        a = ["add", cat, "%d.%02d" % (rnd.randint(1, 90), rnd.randint(0, 99)), "--date", day]
        if cat == "ride":
            a += ["--provider", rnd.choice(["lyft", "uber", "taxi"]), "--from", "A", "--to", "B"]
        if trips and rnd.random() < 0.4:
            a += ["--trip", rnd.choice(trips)]
        if rnd.random() < 0.3:
            a += ["--merchant", rnd.choice(["Cafe", "Zoë's", "x,y"])]
        return a
    e = ids()
    if kind == "edit" and e:
        return ["edit", str(rnd.choice(e)), "--amount", "%d.50" % rnd.randint(1, 50), "--note", "n%d" % k]
    if kind == "rm" and e:
        return ["rm", str(rnd.choice(e))]
    if kind == "trip add":
        slug = "t%d" % k
        trips.append(slug)
        return ["trip", "add", slug, "--name", "Trip %d" % k, "--start", "2026-11-01", "--end", "2026-11-09"]
    if kind == "trip edit" and trips:
        return ["trip", "edit", rnd.choice(trips), "--name", "Renamed %d" % k, "--city", "Prague"]
    if kind == "trip rm" and trips:
        return ["trip", "rm", rnd.choice(trips)]
    if kind == "trip use" and trips:
        return ["trip", "use", rnd.choice(trips)] if rnd.random() < 0.7 else ["trip", "use", "--none"]
    if kind == "budget set":
        a = ["budget", "set", rnd.choice(cats + ["total"]), str(rnd.randint(10, 500))]
        if rnd.random() < 0.3:
            a += ["--month", "2026-11"]
        elif trips and rnd.random() < 0.3:
            a += ["--trip", rnd.choice(trips)]
        return a
    if kind == "budget rm":
        return ["budget", "rm", rnd.choice(cats + ["total"])]
    if kind == "config set":
        return rnd.choice([["config", "set", "owner", "Ann %d" % k], ["config", "set", "ride.commission", "0.3"]])
    if kind == "rate set":
        return ["rate", "set", rnd.choice(["EUR", "JPY", "GBP"]), "1.%d" % rnd.randint(1, 9), "--date", day]
    if kind == "import":
        f = "%s/imp%d-%d.csv" % (tmp, seed, k)
        with open(f, "w") as fp:
            fp.write("date,category,amount,currency,merchant,note,trip\n")
            for i in range(rnd.randint(1, 30)):
                fp.write("2026-10-%02d,meal,%d.00,USD,M%d,%d-%d,%s\n" % (
                    rnd.randint(1, 28), rnd.randint(1, 40), i, k, i, "imp%d" % k if i % 3 == 0 else ""))
        return ["import", "csv", f]
    if kind.startswith("schedule "):
        c = sqlite3.connect(db)
        sch = [x[0] for x in c.execute("SELECT id FROM schedule")]
        c.close()
        if sch:
            sid = str(rnd.choice(sch))
            if kind == "schedule edit":
                return ["schedule", "edit", sid, "--amount", "%d" % rnd.randint(5, 50), "--note", "e%d" % k]
            return ["schedule", kind.split()[1], sid]
    if kind == "monthly":
        return ["add", "donation", "20", "--recipient", "PSF", "--monthly", "--date", "2026-09-15"]
    return ["add", "meal", "1.25"]

cs("list")
start = dump()
done = 0
for k in range(steps):
    a = step(k)
    before = dump()
    rc, o, err = cs(*a)
    if rc not in (0, 2):
        print("step %d %s: exit %d %s" % (k, a, rc, err.strip()))
        sys.exit(1)
    if rc == 2 and dump() != before:
        print("step %d %s: refused (%s) but the database changed" % (k, a, err.strip()))
        sys.exit(1)
    done += rc == 0
end = dump()
n = 0
while True:
    rc, o, err = cs("undo")
    if rc == 2 and "nothing to undo" in err:
        break
    if rc != 0:
        print("undo %d: exit %d %s" % (n, rc, err.strip()))
        sys.exit(1)
    n += 1
back = dump()
if back != start:
    for (a, ra), (b, rb) in zip(start, back):
        if ra != rb:
            print("undo all: table %s differs: %s" % (a, sorted(set(rb) ^ set(ra))[:3]))
    sys.exit(1)
m = 0
while True:
    rc, o, err = cs("redo")
    if rc == 2 and "nothing to redo" in err:
        break
    if rc != 0:
        print("redo %d: exit %d %s" % (m, rc, err.strip()))
        sys.exit(1)
    m += 1
again = dump()
if again != end:
    for (a, ra), (b, rb) in zip(end, again):
        if ra != rb:
            print("redo all: table %s differs: %s" % (a, sorted(set(rb) ^ set(ra))[:3]))
    sys.exit(1)
print("ok %d commands, %d undone, %d redone" % (done, n, m))
PY
)
  case $out in
  ok*) ok; echo "# seed $seed: $out" ;;
  *) bad "seed $seed: $out" ;;
  esac
  check "seed $seed: integrity" "$(sql 'PRAGMA integrity_check')" = ok
  check "seed $seed: foreign keys" "$(sql 'PRAGMA foreign_key_check' | wc -l)" = 0
done

finish
