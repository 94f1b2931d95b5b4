#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md: `yaodian status` wall time (hyperfine) and peak RSS
# (/usr/bin/time) at 100, 10k and 100k targets with 1M updates each; `status --json`;
# `brief` and `reported` at 10k; one durable `yaodian add`; and Taskwarrior 2.6 `task summary` with 10k tasks in 30 projects
# side by side with `yaodian status` at 10k targets (the ratio).
#
#   benches/whole-process.sh [OUT_DIR]      # default: a new temporary directory
#
# Installs hyperfine, GNU time and taskwarrior with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v task >/dev/null || need+=(taskwarrior)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y "${need[@]}" >/dev/null || { $sudo apt-get update >/dev/null; $sudo apt-get install -y "${need[@]}" >/dev/null; }
fi

cargo build --release --quiet
Y="${CARGO_TARGET_DIR:-$PWD/target}/release/yaodian"
OUT="${1:-$(mktemp -d /tmp/yaodian-bench.XXXXXX)}"
mkdir -p "$OUT"
echo "# $(date -u +%F) · $(nproc) cores · $(lscpu | sed -n 's/^Model name: *//p' | head -1) · $(task --version 2>/dev/null | head -1 | sed 's/^/taskwarrior /')"
echo "# data and JSON exports in $OUT"

# size name → generator arguments (themes, items per theme, targets per item)
declare -A SHAPE=(
  [100]="--themes 2 --items-per-theme 5 --targets-per-item 10"
  [10k]="--themes 30 --items-per-theme 34 --targets-per-item 10"
  [100k]="--themes 30 --items-per-theme 334 --targets-per-item 10"
)
for size in 100 10k 100k; do
  [ -f "$OUT/$size.redb" ] || "$Y" demo --generate ${SHAPE[$size]} --updates 1000000 --db "$OUT/$size.redb"
done

# median peak RSS (kB) of 21 runs of a command
rss() {
  for _ in $(seq 21); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 11p
}

echo
echo "| figure | median wall | peak RSS (median of 21) |"
echo "|---|---|---|"
for size in 100 10k 100k; do
  hyperfine -N --warmup 10 --runs 200 --export-json "$OUT/status-$size.json" \
    "$Y --db $OUT/$size.redb status" >/dev/null
  med=$(python3 -c "import json,sys;print('%.2f ms'%(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$OUT/status-$size.json")
  echo "| \`yaodian status\` at $size targets, 1M updates | $med | $(rss "$Y" --db "$OUT/$size.redb" status) kB |"
done
for size in 10k 100k; do
  hyperfine -N --warmup 1 --runs 10 --export-json "$OUT/json-$size.json" \
    "$Y --db $OUT/$size.redb status --json" >/dev/null
  med=$(python3 -c "import json,sys;print('%.0f ms'%(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$OUT/json-$size.json")
  echo "| \`yaodian status --json\` at $size targets | $med | $(rss "$Y" --db "$OUT/$size.redb" status --json) kB |"
done
# the reporting cycle at 10k targets: brief for the whole plan (no roles yet) and for an
# editor of one department (on a copy with a grant), reported for the current period
cp "$OUT/10k.redb" "$OUT/roles.redb"
dept=$("$Y" --db "$OUT/roles.redb" reported --json | python3 -c "import json,sys;print(json.load(sys.stdin)['departments'][0]['name'])")
"$Y" --db "$OUT/roles.redb" grant bench --dept "$dept" >/dev/null
for cmd in "10k.redb brief" "roles.redb brief --user bench" "10k.redb reported" "10k.redb reported --json"; do
  db=${cmd%% *}; args=${cmd#* }
  hyperfine -N --warmup 5 --runs 100 --export-json "$OUT/cycle.json" "$Y --db $OUT/$db $args" >/dev/null
  med=$(python3 -c "import json,sys;print('%.2f ms'%(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$OUT/cycle.json")
  echo "| \`yaodian $args\` at 10k targets, 1M updates | $med | $(rss "$Y" --db "$OUT/$db" $args) kB |"
done
cp "$OUT/10k.redb" "$OUT/add.redb"
hyperfine -N --warmup 3 --runs 100 --export-json "$OUT/add.json" \
  "$Y --db $OUT/add.redb add 13.2 1" >/dev/null
med=$(python3 -c "import json,sys;print('%.2f ms'%(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$OUT/add.json")
echo "| \`yaodian add 13.2 1\` (durable, whole process) at 10k targets | $med | $(rss "$Y" --db "$OUT/add.redb" add 13.2 1) kB |"

# Taskwarrior: 10k pending tasks in 30 projects, imported once from generated JSON.
export TASKDATA="$OUT/taskdata" TASKRC="$OUT/taskrc"
if [ ! -f "$TASKDATA/pending.data" ]; then
  mkdir -p "$TASKDATA"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TASKDATA" >"$TASKRC"
  python3 - "$OUT/tasks.json" <<'PY'
import json, sys, uuid
tasks = []
for k in range(10_000):
    p = k % 30
    tasks.append({
        "uuid": str(uuid.UUID(int=k + 1)),
        "description": f"Target {k} of theme {p}: new sports facilities",
        "project": f"theme{p:02d}.item{(k // 30) % 34:02d}",
        "status": "completed" if k % 3 == 0 else "pending",
        "entry": "20260101T080000Z",
        **({"end": "20260601T080000Z"} if k % 3 == 0 else {}),
        "due": "20261231T000000Z",
    })
json.dump(tasks, open(sys.argv[1], "w"))
PY
  task rc.confirmation=off rc.verbose=nothing import "$OUT/tasks.json" >/dev/null 2>&1
fi
echo "| \`task summary\` (Taskwarrior $(task --version | head -1)), 10k tasks in 30 projects | see below | $(rss task summary) kB |"
echo
hyperfine -N --warmup 2 --runs 20 --export-json "$OUT/vs-taskwarrior.json" \
  "task summary" "$Y --db $OUT/10k.redb status" | sed -n '/Summary/,$p'
python3 - "$OUT/vs-taskwarrior.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
t, y = r[0]["median"], r[1]["median"]
print(f"\nmedians: task summary {t*1000:.1f} ms, yaodian status {y*1000:.2f} ms -> {t/y:.0f}x")
PY
