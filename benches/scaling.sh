#!/usr/bin/env bash
# How each command grows with the plan and its log (issue 13): every command below at 1k,
# 10k and 100k targets with ~100 updates per target (100k, 1M, 1M updates), whole processes
# of the release binary. Prints, per command, the median wall time at each size, the 1k→10k
# and 10k→100k factors, the CPU time (user + system: what a busy machine's wall time hides),
# the time to the first byte of output at 100k and the peak RSS. The first row is the floor:
# a process that opens the file and reads one record (examples/floor.rs).
#
#   benches/scaling.sh [COMMAND_FILTER]    # e.g. benches/scaling.sh export
#
# The databases are generated once and kept under $CARGO_TARGET_DIR/scaling (default
# target/scaling); delete that directory to generate them again. A run that takes longer
# than $SCALING_TIMEOUT seconds (default 60) is stopped and shown as "> N s".
set -euo pipefail
cd "$(dirname "$0")/.."

T="${CARGO_TARGET_DIR:-$PWD/target}"
# YAODIAN_BIN measures another build (e.g. a copy of an older one) on the same databases.
if [ -n "${YAODIAN_BIN:-}" ]; then Y="$YAODIAN_BIN"; else cargo build --release --quiet; Y="$T/release/yaodian"; fi
# the floor: a process that opens the file and reads one record (redb alone)
cargo build --release --quiet --example floor
FLOOR="$T/release/examples/floor"
DIR="$T/scaling"
mkdir -p "$DIR"
# A fixed day, so the data and the statuses are the same whenever this runs.
DAY=2026-11-30
ASOF=2026-09-30

# size name → generator arguments (themes, items per theme, targets per item, updates)
declare -A SHAPE=(
  [1k]="--themes 2 --items-per-theme 50 --targets-per-item 10 --updates 100000"
  [10k]="--themes 20 --items-per-theme 50 --targets-per-item 10 --updates 1000000"
  [100k]="--themes 20 --items-per-theme 500 --targets-per-item 10 --updates 1000000"
)
for size in 1k 10k 100k; do
  if [ ! -f "$DIR/$size.redb" ]; then
    "$Y" --today "$DAY" demo --generate ${SHAPE[$size]} --db "$DIR/$size.tmp.redb" >/dev/null
    mv "$DIR/$size.tmp.redb" "$DIR/$size.redb"
  fi
done

echo "# $(date -u +%F) · $(nproc) cores · $(lscpu | sed -n 's/^Model name: *//p' | head -1) · $($Y --version | head -1)"
echo "# databases in $DIR; --today $DAY; as-of date $ASOF"
echo

python3 - "$Y" "$DIR" "$DAY" "$ASOF" "${1:-}" "${SCALING_TIMEOUT:-60}" "$FLOOR" <<'PY'
import os, subprocess, sys, time, statistics, select, tempfile

Y, DIR, DAY, ASOF, FILTER, TIMEOUT, FLOOR = sys.argv[1:8]
TIMEOUT = float(TIMEOUT)
out_dir = tempfile.mkdtemp(prefix="yaodian-scaling.")

COMMANDS = [
    ("floor: open, read one record", None),
    ("status", ["status"]),
    (f"status --as-of {ASOF}", ["status", "--as-of", ASOF]),
    ("status --json", ["status", "--json"]),
    ("targets", ["targets"]),
    ("targets --json", ["targets", "--json"]),
    ("log", ["log"]),
    (f"export --as-of {ASOF} --format csv", ["export", "--as-of", ASOF, "--format", "csv"]),
    (f"export --as-of {ASOF} --format md", ["export", "--as-of", ASOF, "--format", "md"]),
    (f"export --as-of {ASOF} --format json", ["export", "--as-of", ASOF, "--format", "json"]),
    ("export --format json --full", ["export", "--format", "json", "--full"]),
    (f"export --as-of {ASOF} --format xlsx", ["export", "--as-of", ASOF, "--format", "xlsx", "-o", os.path.join(out_dir, "out.xlsx")]),
    ("check", ["check"]),
]

def program(args):
    """The floor helper takes the file alone; everything else is yaodian."""
    return [FLOOR, args[1]] if args[-1] is None else [Y] + args

def peak_rss(args):
    """Peak RSS (kB) of one run, from GNU time: a child of this Python would count Python's
    own pages, which Linux carries over exec into the child's maximum."""
    with tempfile.NamedTemporaryFile() as f:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + program(args),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        return int(open(f.name).read().split()[-1])

def run_once(args):
    """(wall s, first byte s or None, timed out) of one whole process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(program(args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = None
    fd = p.stdout.fileno()
    timed_out = False
    while True:
        left = TIMEOUT - (time.perf_counter() - t0)
        if left <= 0:
            p.kill()
            timed_out = True
            break
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        if first is None:
            first = time.perf_counter() - t0
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.stdout.close()
    if not timed_out and status != 0:
        sys.exit(f"{args}: exit status {status}")
    return wall, first, timed_out, ru.ru_utime + ru.ru_stime

def measure(args):
    """Median figures of repeated runs: more runs for quick commands."""
    runs = [run_once(args)]
    if runs[0][2]:
        return None
    n = 1 if runs[0][0] > 2 else 5 if runs[0][0] > 0.2 else 21 if runs[0][0] > 0.02 else 51
    runs += [run_once(args) for _ in range(n - 1)]
    med = lambda xs: statistics.median(xs)
    firsts = [r[1] for r in runs if r[1] is not None]
    rss = med([peak_rss(args) for _ in range(1 if n == 1 else 5)])
    return med([r[0] for r in runs]), (med(firsts) if firsts else None), rss, med([r[3] for r in runs])

def ms(s):
    if s is None:
        return "—"
    return f"{s*1000:.2f} ms" if s < 0.01 else f"{s*1000:.0f} ms" if s < 1 else f"{s:.2f} s"

def mb(kb):
    return f"{kb/1024:.1f}"

print("| command | 1k | 10k | 100k | ×10k/1k | ×100k/10k | CPU 1k / 10k / 100k | first byte 100k | RSS MB 1k / 10k / 100k |")
print("|---|---|---|---|---|---|---|---|---|")
for name, args in COMMANDS:
    if FILTER and FILTER not in name:
        continue
    res = {}
    for size in ("1k", "10k", "100k"):
        # log and check refuse --today (they do not measure against a day)
        today = [] if args is None or args[0] in ("log", "check") else ["--today", DAY]
        # a size after one that timed out would time out too
        slow = size != "1k" and res[{"10k": "1k", "100k": "10k"}[size]] is None
        res[size] = None if slow else measure(["--db", os.path.join(DIR, f"{size}.redb")] + today + (args or [None]))
    def wall(s):
        return ms(res[s][0]) if res[s] else f"> {TIMEOUT:.0f} s"
    def factor(a, b):
        if res[a] and res[b]:
            return f"{res[b][0] / res[a][0]:.1f}"
        return "—"
    rss = " / ".join(mb(res[s][2]) if res[s] else "—" for s in ("1k", "10k", "100k"))
    first = ms(res["100k"][1]) if res["100k"] else "—"
    cpu = " / ".join(ms(res[s][3]) if res[s] else "—" for s in ("1k", "10k", "100k"))
    print(f"| `{name}` | {wall('1k')} | {wall('10k')} | {wall('100k')} | {factor('1k','10k')} "
          f"| {factor('10k','100k')} | {cpu} | {first} | {rss} |", flush=True)
PY
