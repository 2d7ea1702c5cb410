#!/usr/bin/env bash
# Makes the database dump UpgradeIT migrates (issue 18, item 4): runs this checkout's Glassplate demo on
# a fresh data directory (one day of history, no live traffic), changes the policy once through the API
# (two administrators) and makes a few searches (one refused), waits until the audit log is sequenced
# and signed, then dumps the database as plain SQL (INSERTs, no owner, no privileges: a test loads it
# through JDBC), restores that file into a scratch database and answers checks.properties there.
#
#   glassplate-server/src/test/resources/org/glassplate/server/upgrade/make-upgrade-dump.sh [OUT_DIR]
#
# OUT_DIR defaults to v<latest migration> beside this script. It writes there:
#   glassplate.sql.gz        the dump
#   expected.properties      the answers of checks.properties, and every table's row count (table.NAME)
#   latest-checkpoint.txt    the log's latest signed checkpoint in the dump (UpgradeIT's trusted checkpoint)
#   audit-signer.key         the log's signer key (throwaway: this log exists only in the dump)
#   glassplate.properties    the installation's settings (agency id: part of the log's origin)
#   api-tokens.properties    the demo people's API tokens and the cameras' tokens (throwaway)
#   manifest.properties      git commit, schema version, date, pg_dump version, sha256 of each file above
# Needs: Java 17, jq, curl, PostgreSQL 15 client programs (PGBIN, default /usr/lib/postgresql/15/bin),
# and the server jar (GLASSPLATE_JAR, default glassplate-server/target/glassplate.jar: `./glassplate help`
# builds it). No system PostgreSQL server: the demo's embedded one is dumped.
# Give the new directory a test class of its own (UpgradeIT's Javadoc says how); keep the old dumps and their
# tests: each must keep migrating to the newest schema.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
JAR="${GLASSPLATE_JAR:-$ROOT/glassplate-server/target/glassplate.jar}"
MIGRATIONS="$ROOT/glassplate-server/src/main/resources/db/migration"
VERSION="$(ls "$MIGRATIONS" | sed -n 's/^V\([0-9]*\)__.*/\1/p' | sort -n | tail -1)"
OUT="${1:-$HERE/v$VERSION}"
[[ -f "$JAR" ]] || { echo "no server jar at $JAR: run ./glassplate help first, or set GLASSPLATE_JAR" >&2; exit 2; }
for tool in jq curl "$PGBIN/pg_dump" "$PGBIN/psql"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
if [[ -e "$OUT/glassplate.sql.gz" ]]; then
  echo "$OUT/glassplate.sql.gz exists: give another OUT_DIR or remove it first" >&2
  exit 2
fi
mkdir -p "$OUT"
WORK="$(mktemp -d)"
DATA="$WORK/data"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
echo "demo on port $PORT, data $DATA (log: $WORK/demo.log)" >&2
java -Xmx1g -jar "$JAR" demo --data "$DATA" --port "$PORT" --rate 0 --history-days 1 >"$WORK/demo.log" 2>&1 &
DEMO=$!
trap 'kill -TERM $DEMO 2>/dev/null || true; wait $DEMO 2>/dev/null || true' EXIT

wait_for() { # what, seconds, command...
  local what="$1" limit="$2"; shift 2
  for ((i = 0; i < limit; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    kill -0 $DEMO 2>/dev/null || { echo "the demo stopped; see $WORK/demo.log" >&2; exit 1; }
    sleep 1
  done
  echo "timed out waiting for $what" >&2
  exit 1
}
wait_for "the demo" 300 grep -q "Glassplate is running" "$WORK/demo.log"
wait_for "the demo history" 300 grep -q "days seeded" "$WORK/demo.log"

export PGPASSWORD="$(cat "$DATA/db-owner.password")"
PGPORT="$(jq .port "$DATA/embedded-postgres.json")"
sql() { # database, query
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$1" -At -c "$2"
}
token() { jq -r --arg u "$1" '.users[] | select(.username == $u) | .apiToken' "$DATA/demo-credentials.json"; }
api() { # user, method, path, [json]
  curl -sf -X "$2" -H "Authorization: Bearer $(token "$1")" -H 'Content-Type: application/json' \
    ${4:+--data "$4"} "$BASE$3"
}

# A second policy version, through the two-administrator flow (a revised comment: no expansion).
DOC="$(curl -sf "$BASE/api/v1/policy" | jq -r .document)"
PROPOSAL="$(api admin POST /api/v1/policy/proposals "$(jq -n --arg d "$DOC
# Revised for the upgrade test's dump (make-upgrade-dump.sh).
" '{document: $d, note: "comment only: the upgrade fixture'"'"'s second version"}')" | jq -r .id)"
api admin2 POST "/api/v1/policy/proposals/$PROPOSAL/approvals" '{"note":"approved for the fixture"}' >/dev/null
# Searches: one performed, one refused (a prohibited purpose): each is audited.
PLATE="$(sql glassplate "SELECT plate FROM plate_read GROUP BY plate ORDER BY count(*) DESC, plate LIMIT 1")"
FROM="$(sql glassplate "SELECT to_char(min(captured_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM plate_read")"
TO="$(date -u +%FT%TZ)"
api investigator POST /api/v1/searches "$(jq -n --arg p "$PLATE" --arg f "$FROM" --arg t "$TO" \
  '{plate: $p, from: $f, to: $t, caseNumber: "26-004411", offense: "ROBBERY",
    reason: "armed robbery at the bus depot, suspect vehicle seen leaving northbound"}')" >/dev/null
curl -s -o /dev/null -X POST -H "Authorization: Bearer $(token investigator)" -H 'Content-Type: application/json' \
  --data "$(jq -n --arg p "$PLATE" --arg f "$FROM" --arg t "$TO" \
  '{plate: $p, from: $f, to: $t, caseNumber: "26-004412", offense: "ROBBERY", reason: "immigration enforcement check"}')" \
  "$BASE/api/v1/searches"

# The first self-audit runs two minutes after start; then everything sequenced and signed.
self_audited() { [[ "$(sql glassplate 'SELECT count(*) > 0 FROM self_audit_run')" == t ]]; }
all_signed() {
  [[ "$(sql glassplate "SELECT (SELECT count(*) FROM audit_pending) = 0
      AND (SELECT max(size) FROM audit_checkpoint) = (SELECT size FROM audit_log_state)")" == t ]]
}
wait_for "the first self-audit" 300 self_audited
sleep 12 # the findings rules run every 10 s
wait_for "the log to be sequenced and signed" 60 all_signed

"$PGBIN/pg_dump" -h 127.0.0.1 -p "$PGPORT" -U postgres --inserts --rows-per-insert=200 --no-owner --no-privileges \
  --no-comments glassplate | gzip -9n >"$OUT/glassplate.sql.gz"

# The answers, from a copy restored from the very file (not from the running database, which moves on).
SCRATCH="upgrade_check_$$"
sql postgres "CREATE DATABASE $SCRATCH"
gunzip -c "$OUT/glassplate.sql.gz" | "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$SCRATCH" >/dev/null
declare -A ANSWER
{
  echo "# Answers of checks.properties on this dump (make-upgrade-dump.sh); table.NAME is each table's row count."
  while IFS= read -r line; do
    [[ -z "${line// }" || "$line" == \#* ]] && continue
    name="$(echo "${line%%=*}" | xargs)"
    query="${line#*=}"
    for known in "${!ANSWER[@]}"; do
      query="${query//\$\{$known\}/${ANSWER[$known]}}"
    done
    ANSWER[$name]="$(sql "$SCRATCH" "$query")"
    echo "$name = ${ANSWER[$name]}"
  done <"$HERE/checks.properties"
  sql "$SCRATCH" "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1" |
    while read -r table; do
      echo "table.$table = $(sql "$SCRATCH" "SELECT count(*) FROM \"$table\"")"
    done
} >"$OUT/expected.properties"
sql "$SCRATCH" "SELECT note FROM audit_checkpoint ORDER BY size DESC LIMIT 1" >"$OUT/latest-checkpoint.txt"
sql postgres "DROP DATABASE $SCRATCH"

cp "$DATA/audit-signer.key" "$DATA/glassplate.properties" "$OUT/"
jq -r '(.users[] | "\(.username) = \(.apiToken)"), (.cameras[] | "camera.\(.id) = \(.token)")' \
  "$DATA/demo-credentials.json" >"$OUT/api-tokens.properties"
{
  echo "# How this dump was made (make-upgrade-dump.sh)"
  echo "git.commit = $(git -C "$ROOT" rev-parse HEAD)$(git -C "$ROOT" diff --quiet HEAD -- glassplate-server/src/main || echo ' (with local changes)')"
  echo "schema.version = $VERSION"
  echo "made.at = $(date -u +%FT%TZ)"
  echo "pg_dump = $("$PGBIN/pg_dump" --version)"
  echo "server = $(sql glassplate 'SHOW server_version')"
  for f in glassplate.sql.gz expected.properties latest-checkpoint.txt audit-signer.key glassplate.properties api-tokens.properties; do
    echo "sha256.$f = $(sha256sum "$OUT/$f" | cut -d' ' -f1)"
  done
} >"$OUT/manifest.properties"
kill -TERM $DEMO
wait $DEMO || true
trap - EXIT
rm -rf "$WORK" # kept when something failed: its demo.log says why
echo "wrote $OUT ($(du -h "$OUT/glassplate.sql.gz" | cut -f1) compressed)" >&2
