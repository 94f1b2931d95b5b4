#!/usr/bin/env bash
# Whole-process TUI figures for BENCHMARKS.md: start -> first frame, bytes of the first frame,
# of one `j` per pane, while idle, and idle CPU over 60 s (live refresh polls the store every
# 500 ms) — the release binary in a 120x40 pseudo-terminal driven by benches/tui-figures.py
# (python3 stdlib only), on the bundled plan (today pinned to 2023-09-30, as the tests do)
# and on generated plans of 10k and 100k targets with 1M updates.
#
#   benches/tui-figures.sh [OUT_DIR] [IDLE_SECONDS]   # defaults: a new temp dir, 60
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
Y="$PWD/target/release/yaodian"
OUT="${1:-$(mktemp -d /tmp/yaodian-tui.XXXXXX)}"
IDLE="${2:-60}"
mkdir -p "$OUT"
[ -f "$OUT/bundled.redb" ] || "$Y" --db "$OUT/bundled.redb" import data/2023-work-plan.txt >/dev/null
[ -f "$OUT/10k.redb" ] || "$Y" demo --generate --themes 30 --items-per-theme 34 --targets-per-item 10 --updates 1000000 --db "$OUT/10k.redb" >/dev/null
[ -f "$OUT/100k.redb" ] || "$Y" demo --generate --themes 30 --items-per-theme 334 --targets-per-item 10 --updates 1000000 --db "$OUT/100k.redb" >/dev/null
echo "# $(date -u +%F) · $(nproc) cores · data in $OUT · idle window ${IDLE} s"
# the bundled plan: theme 四, its first item with targets, its target pane (keys jjj l l)
echo "bundled: $(python3 benches/tui-figures.py "$Y" "$OUT/bundled.redb" --today 2023-09-30 --idle "$IDLE" --to-targets jjjll)"
echo "10k:     $(python3 benches/tui-figures.py "$Y" "$OUT/10k.redb" --idle "$IDLE" --runs 11)"
echo "100k:    $(python3 benches/tui-figures.py "$Y" "$OUT/100k.redb" --idle "$IDLE" --runs 11)"
