#!/usr/bin/env bash
# The static binary (x86_64-unknown-linux-musl) beside the glibc build, for BENCHMARKS.md:
# size; `status` wall time (hyperfine, median) and peak RSS (/usr/bin/time, median of 21) on
# the bundled plan and at 10k targets with 1M updates; the allocation-heavy commands
# (`targets`, `status --json`, `check` at 10k, and generating the 10k database); and the
# completion helper (`yaodian complete`) at 10k targets. Each binary reads the database the
# glibc build wrote (the file format is the same).
#
#   benches/static-build.sh [OUT_DIR]      # default: a new temporary directory
#
# Installs hyperfine and GNU time with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y "${need[@]}" >/dev/null || { $sudo apt-get update >/dev/null; $sudo apt-get install -y "${need[@]}" >/dev/null; }
fi

cargo build --release --quiet
cargo build --release --quiet --target x86_64-unknown-linux-musl
declare -A BIN=([glibc]="$PWD/target/release/yaodian" [musl]="$PWD/target/x86_64-unknown-linux-musl/release/yaodian")
OUT="${1:-$(mktemp -d /tmp/yaodian-static.XXXXXX)}"
mkdir -p "$OUT"
echo "# $(date -u +%F) · $(nproc) cores · $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "# data and JSON exports in $OUT"
G=${BIN[glibc]}
[ -f "$OUT/10k.redb" ] || "$G" demo --generate --themes 30 --items-per-theme 34 --targets-per-item 10 --updates 1000000 --db "$OUT/10k.redb" >/dev/null
[ -f "$OUT/bundled.redb" ] || "$G" --db "$OUT/bundled.redb" import data/2023-work-plan.txt >/dev/null

rss() {
  for _ in $(seq 21); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 11p
}
# median of a hyperfine run, in ms: median NAME RUNS WARMUP COMMAND...
median() {
  local name=$1 runs=$2 warmup=$3; shift 3
  hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$OUT/$name.json" "$*" >/dev/null
  python3 -c "import json,sys;print('%.2f ms'%(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$OUT/$name.json"
}

echo
echo "| figure | glibc | musl |"
echo "|---|---|---|"
echo "| binary size | $(stat -c %s "$G") B | $(stat -c %s "${BIN[musl]}") B |"
for db in bundled 10k; do
  row="| \`status\`, $db: median wall"
  for libc in glibc musl; do row+=" | $(median "status-$db-$libc" 200 10 "${BIN[$libc]}" --db "$OUT/$db.redb" status)"; done
  echo "$row |"
  row="| \`status\`, $db: peak RSS"
  for libc in glibc musl; do row+=" | $(rss "${BIN[$libc]}" --db "$OUT/$db.redb" status) kB"; done
  echo "$row |"
done
for cmd in targets "status --json" check; do
  row="| \`$cmd\`, 10k: median wall"
  for libc in glibc musl; do row+=" | $(median "${cmd// /}-$libc" 10 1 "${BIN[$libc]}" --db "$OUT/10k.redb" $cmd)"; done
  echo "$row |"
done
row="| \`demo --generate\` 10k targets, 1M updates (one run)"
for libc in glibc musl; do
  rm -f "$OUT/gen-$libc.redb"
  start=$(date +%s.%N)
  "${BIN[$libc]}" demo --generate --themes 30 --items-per-theme 34 --targets-per-item 10 --updates 1000000 --db "$OUT/gen-$libc.redb" >/dev/null
  row+=" | $(python3 -c "import sys;print('%.2f s'%(float(sys.argv[2])-float(sys.argv[1])))" "$start" "$(date +%s.%N)")"
done
echo "$row |"
for args in "targets 13." "targets" "departments"; do
  row="| \`complete $args\`, 10k: median wall"
  for libc in glibc musl; do row+=" | $(median "complete-${args// /}-$libc" 200 10 "${BIN[$libc]}" --db "$OUT/10k.redb" complete $args)"; done
  echo "$row |"
done
