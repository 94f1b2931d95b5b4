#!/usr/bin/env bash
# The attacks of docs/SECURITY.md that need users, a group and root, against the setgid
# shape: a group that owns the data and has no people, operators with shells outside it,
# a setgid copy of yaodian. Run as root by .ci/run (CI is a throwaway machine); creates its
# users and group, and removes them, the files and /etc/yaodian.conf's change on exit.
#
#   tests/setgid-attacks.sh [path/to/yaodian]     (default: target/debug/yaodian)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/debug/yaodian}
[ "$(id -u)" = 0 ] || { echo "setgid-attacks: needs root (CI runs it as root)"; exit 1; }
[ -x "$BIN" ] || { echo "setgid-attacks: no binary at $BIN (cargo build first)"; exit 1; }

# one run at a time on a machine: users, group and /etc/yaodian.conf are machine-wide
exec 9>/run/lock/yaodian-setgid-attacks.lock
flock 9

GROUP=yd_data
ADMIN=yd_alice EDITOR=yd_bob VIEWER=yd_eve
T=$(mktemp -d /tmp/yaodian-attacks.XXXXXX)
CONF=/etc/yaodian.conf
SAVED_CONF=
[ -e "$CONF" ] && SAVED_CONF=$(mktemp) && cp -p "$CONF" "$SAVED_CONF"

cleanup() {
  set +e
  pkill -9 -u "$ADMIN" 2>/dev/null; pkill -9 -u "$EDITOR" 2>/dev/null; pkill -9 -u "$VIEWER" 2>/dev/null
  for u in $ADMIN $EDITOR $VIEWER; do userdel "$u" >/dev/null 2>&1; done
  groupdel "$GROUP" >/dev/null 2>&1
  if [ -n "$SAVED_CONF" ]; then cp -p "$SAVED_CONF" "$CONF"; rm -f "$SAVED_CONF"; else rm -f "$CONF"; fi
  rm -rf "$T"
}
trap cleanup EXIT

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# as USER CMD…: runs with only that user's ids and groups, in $T (a clean environment)
as() {
  local user=$1; shift
  (cd "$T" && setpriv --reuid="$user" --regid="$user" --init-groups \
    env -i PATH=/usr/bin:/bin HOME="$T/home-$user" LANG=en_US.UTF-8 "$@")
}
expect_ok() { local what=$1; shift; if out=$("$@" 2>&1); then pass "$what"; else fail "$what: $out"; fi; }
expect_refused() { local what=$1; shift; if out=$("$@" 2>&1); then fail "$what (was allowed): $out"; else pass "$what"; fi; }

cleanup_users_only() { for u in $ADMIN $EDITOR $VIEWER; do userdel "$u" >/dev/null 2>&1 || true; done; groupdel "$GROUP" >/dev/null 2>&1 || true; }
cleanup_users_only
groupadd --system "$GROUP"
for u in $ADMIN $EDITOR $VIEWER; do
  useradd --no-create-home --shell /bin/sh --user-group "$u"
  mkdir -p "$T/home-$u" && chown "$u:" "$T/home-$u"
done
chmod 755 "$T"

# --- the installation: data dir, database, setgid binary, configuration -----------------
DATA=$T/data
mkdir -p "$T/bin"
cp "$BIN" "$T/bin/yaodian"
Y=$T/bin/yaodian
expect_ok "root: init --shared names the admin at once" \
  env -u YAODIAN_DB SUDO_USER= "$Y" init --shared "$DATA" --group "$GROUP" --admin "$ADMIN"
chown "root:$GROUP" "$Y" && chmod 2755 "$Y"
printf 'db = %s\n' "$DATA/yaodian.redb" > "$CONF" && chmod 644 "$CONF"
DB=$DATA/yaodian.redb
[ "$(stat -c '%U:%G %a' "$DATA")" = "root:$GROUP 2770" ] && pass "data dir root:$GROUP 2770" || fail "data dir $(stat -c '%U:%G %a' "$DATA")"
[ "$(stat -c '%U:%G %a' "$DB")" = "root:$GROUP 660" ] && pass "database root:$GROUP 0660" || fail "database $(stat -c '%U:%G %a' "$DB")"

expect_ok "admin grants an editor and a viewer" sh -c \
  "$(declare -f as); T=$T; as $ADMIN $Y grant $EDITOR --dept '群众**科' && as $ADMIN $Y grant $VIEWER --viewer"
expect_ok "editor records a figure of their department" as "$EDITOR" "$Y" add 13.1 5
expect_refused "editor: another department's item" as "$EDITOR" "$Y" set 18.1 1
expect_refused "viewer: a write" as "$VIEWER" "$Y" add 13.1 1
expect_ok "viewer reads the board" as "$VIEWER" "$Y" status

# --- attack 3: roles are a boundary against a member with a shell -----------------------
expect_refused "viewer: write the database file directly" as "$VIEWER" sh -c ": > '$DB'"
expect_refused "viewer: read the database file directly" as "$VIEWER" cat "$DB"
expect_refused "viewer: list the data directory" as "$VIEWER" ls "$DATA"
expect_refused "viewer: grant self --admin" as "$VIEWER" "$Y" grant "$VIEWER" --admin
as "$VIEWER" "$Y" export --format json --full -o "$T/home-$VIEWER/full.json" >/dev/null 2>&1 \
  && pass "viewer exports the full backup (reading is allowed)" || fail "viewer export --full"
sed -i "s/\"user\": \"$EDITOR\"/\"user\": \"$ADMIN\"/" "$T/home-$VIEWER/full.json"
expect_refused "viewer: restore a forged backup into the shared database" \
  as "$VIEWER" "$Y" restore "$T/home-$VIEWER/full.json"
expect_ok "viewer: restore into a file of their own (their business)" \
  as "$VIEWER" "$Y" --db "$T/home-$VIEWER/mine.redb" restore "$T/home-$VIEWER/full.json"
expect_refused "viewer: copy that file over the shared one" \
  as "$VIEWER" cp "$T/home-$VIEWER/mine.redb" "$DB"
expect_refused "viewer: YAODIAN_DB naming the shared file does not lend rights" \
  as "$VIEWER" env YAODIAN_DB="$DB" "$Y" add 13.1 1
ln -s "$DB" "$T/home-$VIEWER/link.redb" 2>/dev/null || true
expect_refused "viewer: a symlink to the shared file opens with the viewer's own rights" \
  as "$VIEWER" "$Y" --db "$T/home-$VIEWER/link.redb" status
expect_refused "viewer: debugger on the setgid process (non-dumpable)" \
  as "$VIEWER" sh -c "$Y status >/dev/null & p=\$!; cat /proc/\$p/environ >/dev/null 2>&1 && ls /proc/\$p/fd/ >/dev/null 2>&1 && ls -l /proc/\$p/fd/ | grep -q yaodian.redb"
log=$(as "$ADMIN" "$Y" log --json)
echo "$log" | grep -q "\"user\": \"$EDITOR\"" && pass "the log names the editor from the real uid" || fail "log users: $log"
expect_ok "root: check passes" "$Y" --db "$DB" check

# --- attack 7: exports never write through a planted symlink -----------------------------
mkdir -p "$T/share" && chgrp "$VIEWER" "$T/share" && chmod 2775 "$T/share"
echo precious > "$T/root-file" && chmod 644 "$T/root-file"
as "$VIEWER" ln -s "$T/root-file" "$T/share/ledger.md"
as "$EDITOR" "$Y" export --format md -o "$T/share/ledger.md" >/dev/null 2>&1 || true
[ "$(cat "$T/root-file")" = precious ] && pass "export -o through a planted symlink leaves its target alone" \
  || fail "root's file was overwritten"
as "$EDITOR" "$Y" export --format csv -o "$T/home-$EDITOR/l.csv" >/dev/null 2>&1
mode=$(stat -c %a "$T/home-$EDITOR/l.csv")
[ "$mode" = 660 ] && pass "an export takes the database's mode (0660)" || fail "export mode $mode"

# --- attack 1: root's init never follows a planted link -----------------------------------
mkdir -p "$T/victim" && chmod 755 "$T/victim"
mkdir -p "$T/evil" && chown "$VIEWER:" "$T/evil"
as "$VIEWER" ln -s "$T/victim" "$T/evil/data"
expect_refused "root: init --shared into a directory a user controls" \
  "$Y" init --shared "$T/evil/data" --group "$GROUP"
[ "$(stat -c '%G %a' "$T/victim")" = "root 755" ] && pass "the victim directory is untouched" \
  || fail "victim changed: $(stat -c '%G %a' "$T/victim")"
mkdir -p "$T/open" && chmod 1777 "$T/open"
as "$VIEWER" ln -s "$T/victim" "$T/open/data"
expect_refused "root: init --shared through a symlink in a sticky directory" \
  "$Y" init --shared "$T/open/data" --group "$GROUP"

# --- the configuration is root's only --------------------------------------------------
chmod 666 "$CONF"
expect_refused "a configuration others can write is ignored (the default database is used)" \
  as "$EDITOR" "$Y" add 13.1 1
chmod 644 "$CONF"

echo "setgid attacks: $passed passed, $failed failed"
[ "$failed" = 0 ]
