#!/usr/bin/env bash
# The shared database under faults (docs/SECURITY.md, attack 4): the figures in its
# "Faults, measured" section.
#
#   benches/shared-faults.sh [SECONDS] [WRITERS]      # default: 180 s, 20 writers
#
# 1. kill -9: WRITERS processes loop `yaodian add 13.2 1` for SECONDS while a killer sends
#    SIGKILL to one of their yaodian processes every 50–350 ms, and a reader loops
#    `yaodian status`. After: every acknowledged add (exit 0) is in the value and the log
#    (acked <= value <= acked + killed, one log entry per unit), and `check` passes (the
#    hash chain included).
# 2. SIGSTOP at a random moment: the same writers and reader for SECONDS/3 while a stopper
#    stops one of the writers' processes for 3 s every 4 s (then continues it); the same
#    accounting, and how long the slowest reader and writer took.
# 3. SIGSTOP at the worst moment: a writer stopped by strace at its first fdatasync, inside
#    redb's begin_write, holding redb's header lock and yaodian's writer lock. Readers
#    (`status`, `--readonly status`, `targets --json`) are timed, another writer must give
#    up within its wait (5 s) naming the stopped pid, and nothing changes.
#
# Uses the release binary (built if missing) and strace. Signals go only to processes this
# script started, by pid.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-180}
WRITERS=${2:-20}
command -v strace >/dev/null || { echo "needs strace (apt-get install strace)"; exit 1; }
[ -x target/release/yaodian ] || cargo build --release --quiet
Y="$PWD/target/release/yaodian"
T=$(mktemp -d /tmp/yaodian-faults.XXXXXX)
PLAN=data/2023-work-plan.txt
export LANG=en_US.UTF-8
unset YAODIAN_DB YAODIAN_WRITE_WAIT
echo "# $(date -u +%F) · $(nproc) cores · $WRITERS writers · release build"

now_ms() { date +%s%3N; }
value_of() { "$Y" --db "$1" targets --json 2>/dev/null | python3 -c 'import json,sys; print(int(next(t["value"] for t in json.load(sys.stdin) if t["id"]=="13.2")))'; }
log_len() { "$Y" --db "$1" log 13.2 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

# writer N DB END: adds until END (epoch s); one line per outcome kind in $T/w.N
writer() {
  local n=$1 db=$2 end=$3 ok=0 busy=0 killed=0 stopped_slow=0 other=0 rc t0 t1 slowest=0
  while [ "$(date +%s)" -lt "$end" ]; do
    t0=$(now_ms)
    if "$Y" --db "$db" add 13.2 1 >/dev/null 2>"$T/err.$n"; then rc=0; else rc=$?; fi
    t1=$(now_ms); ((t1 - t0 > slowest)) && slowest=$((t1 - t0))
    if [ $rc = 0 ]; then ok=$((ok + 1))
    elif [ $rc = 137 ]; then killed=$((killed + 1))
    elif grep -q busy "$T/err.$n"; then busy=$((busy + 1))
    else other=$((other + 1)); cat "$T/err.$n" >>"$T/other-errors"; fi
  done
  echo "$ok $busy $killed $other $slowest" >"$T/w.$n"
}

# reader DB END: `status` until END; count, failures, slowest (ms) in $T/reader
reader() {
  local db=$1 end=$2 n=0 bad=0 slowest=0 t0 t1
  while [ "$(date +%s)" -lt "$end" ]; do
    t0=$(now_ms)
    "$Y" --db "$db" status >/dev/null 2>>"$T/reader-errors" || bad=$((bad + 1))
    t1=$(now_ms); ((t1 - t0 > slowest)) && slowest=$((t1 - t0)); n=$((n + 1))
  done
  echo "$n $bad $slowest" >"$T/reader"
}

# the yaodian processes the writer loops started (children of those subshells)
victims() { pgrep -x -P "$(IFS=,; echo "${WPIDS[*]}")" yaodian || true; }

# run_phase NAME DB SECONDS FAULT: writers + reader + FAULT (kill | stop) for SECONDS
run_phase() {
  local name=$1 db=$2 secs=$3 fault=$4 end faults=0 v
  rm -f "$T"/w.* "$T/reader" "$T/other-errors" "$T/reader-errors"
  local before; before=$(value_of "$db")
  end=$(($(date +%s) + secs))
  WPIDS=()
  # (stderr away: bash reports each killed child)
  for n in $(seq 1 "$WRITERS"); do writer "$n" "$db" "$end" 2>/dev/null & WPIDS+=($!); done
  reader "$db" "$end" & local rpid=$!
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ "$fault" = kill ]; then
      sleep "0.$((RANDOM % 300 + 50))"
      v=$(victims | shuf -n 1 || true)
      [ -n "$v" ] && kill -9 "$v" 2>/dev/null && faults=$((faults + 1))
    else
      sleep 1
      v=$(victims | shuf -n 1 || true)
      if [ -n "$v" ] && kill -STOP "$v" 2>/dev/null; then
        faults=$((faults + 1)); sleep 3; kill -CONT "$v" 2>/dev/null || true
      fi
    fi
  done
  wait "${WPIDS[@]}" "$rpid"
  local ok=0 busy=0 killed=0 other=0 wslow=0 a b c d e
  for f in "$T"/w.*; do
    read -r a b c d e <"$f"
    ok=$((ok + a)); busy=$((busy + b)); killed=$((killed + c)); other=$((other + d))
    ((e > wslow)) && wslow=$e
  done
  read -r rn rbad rslow <"$T/reader"
  local after logged
  after=$(value_of "$db"); logged=$(log_len "$db")
  local added=$((after - before))
  local verdict=ok
  if ((added < ok || added > ok + killed)); then verdict="LOST (added $added, acknowledged $ok)"; fi
  "$Y" --db "$db" check >"$T/check" 2>&1 || verdict="check FAILED: $(tail -3 "$T/check")"
  ((other > 0)) && verdict="$verdict; $other unexpected errors, first: $(head -1 "$T/other-errors")"
  echo "$name: ${secs}s, $faults faults; adds acknowledged $ok, refused busy $busy, killed $killed;" \
    "value +$added, log $logged entries; slowest writer ${wslow} ms;" \
    "reader: $rn runs, $rbad failed, slowest ${rslow} ms; check: $verdict"
  [ "$verdict" = ok ]
}

status=0
DB1=$T/kill.redb
"$Y" --db "$DB1" import "$PLAN" >/dev/null
run_phase "kill -9" "$DB1" "$SECS" kill || status=1
DB2=$T/stop.redb
"$Y" --db "$DB2" import "$PLAN" >/dev/null
run_phase "SIGSTOP 3 s every 4 s" "$DB2" $((SECS / 3)) stop || status=1

# --- 3: the worst moment ------------------------------------------------------------------
DB3=$T/stopped.redb
"$Y" --db "$DB3" import "$PLAN" >/dev/null
"$Y" --db "$DB3" set 13.2 7 >/dev/null
strace -f -o /dev/null -e trace=fdatasync,fsync -e inject=fdatasync,fsync:signal=SIGSTOP:when=1 \
  "$Y" --db "$DB3" add 13.1 1 >/dev/null 2>&1 </dev/null &
SPID=$!
stopped=
for _ in $(seq 1 500); do
  for c in $(pgrep -P "$SPID" || true); do
    [ "$(awk '{print $3}' "/proc/$c/stat" 2>/dev/null)" = t ] || [ "$(awk '{print $3}' "/proc/$c/stat" 2>/dev/null)" = T ] && stopped=$c
  done
  [ -n "$stopped" ] && break
  sleep 0.02
done
[ -n "$stopped" ] || { echo "the writer never stopped"; exit 1; }
times() { # times NAME ARGS…: ten runs, "min/max ms, failures"
  local name=$1 lo=999999 hi=0 bad=0 t0 t1; shift
  for _ in $(seq 1 10); do
    t0=$(now_ms); timeout 30 "$Y" --db "$DB3" "$@" >/dev/null 2>&1 || bad=$((bad + 1)); t1=$(now_ms)
    ((t1 - t0 < lo)) && lo=$((t1 - t0)); ((t1 - t0 > hi)) && hi=$((t1 - t0))
  done
  echo "  $name: 10 runs, ${lo}–${hi} ms, $bad failed"
}
echo "writer stopped at its first fdatasync (pid $stopped):"
times "status" status
times "--readonly status" --readonly status
times "targets --json" targets --json
t0=$(now_ms)
if out=$(timeout 30 "$Y" --db "$DB3" add 13.2 1 2>&1); then rc=0; else rc=$?; fi
t1=$(now_ms)
echo "  another writer: exit $rc after $((t1 - t0)) ms: $out"
[ $rc = 1 ] && grep -q "pid $stopped" <<<"$out" || status=1
v=$(value_of "$DB3")
kill -9 "$stopped"; wait "$SPID" 2>/dev/null || true
"$Y" --db "$DB3" check >/dev/null && echo "  stopped writer killed: check passes, 13.2 = $v (was 7)" || status=1
[ "$v" = 7 ] || status=1
rm -rf "$T"
exit $status
