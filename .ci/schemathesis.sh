#!/usr/bin/env bash
# Fuzz the JSON API against its own OpenAPI document with schemathesis (from PyPI, pinned):
# build boardplan, make a database from the sample plan with a business manager and the board's
# chair, each with a fresh API token (through the CLI, as an operator would), and an action
# complete with evidence; serve it on 127.0.0.1, and run every check (no 5xx, every response as
# documented, valid requests accepted and invalid ones refused) in every phase, the stateful one
# following the document's links from real ids and ETags. Two runs, one per token, because an
# action's ETag is the caller's own view of it: the chair's run reaches sign-off and
# withdrawal, the business manager's everything else. Stops the server however it ends.
#
#   .ci/schemathesis.sh                      # as CI runs it
#   SCHEMATHESIS_EXAMPLES=200 .ci/schemathesis.sh
#
# Environment: BOARDPLAN_BIN (a boardplan already built, e.g. by the tests; else it is built),
# CARGO_TARGET_DIR (where cargo builds), SCHEMATHESIS_VENV (where the pinned
# schemathesis is installed; kept between runs), SCHEMATHESIS_EXAMPLES (cases per operation),
# SCHEMATHESIS_SEED (to replay a run), SCHEMATHESIS_CHECKS (default all).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.32.5
VENV="${SCHEMATHESIS_VENV:-/var/tmp/boardplan-schemathesis-$VERSION}"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-40}"
SEED="${SCHEMATHESIS_SEED:-20091231}"
CHECKS="${SCHEMATHESIS_CHECKS:-all}"
TARGET="${CARGO_TARGET_DIR:-target}"

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "installing schemathesis $VERSION into $VENV"
  python3 -m venv "$VENV" 2>/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi

if [ -n "${BOARDPLAN_BIN:-}" ]; then
  BIN="$BOARDPLAN_BIN"
  [ -x "$BIN" ] || { echo "FAIL: BOARDPLAN_BIN=$BIN is not an executable" >&2; exit 1; }
else
  cargo build --locked --quiet -p boardplan
  BIN="$TARGET/debug/boardplan"
fi

WORK="$(mktemp -d)"
SERVER=""
stop() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill -INT "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT

DB="$WORK/api.db"
EMAIL="schemathesis@boardplan.test"
"$BIN" --db "$DB" import tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt >/dev/null
# Published figures and the neighbours model, so that the indicator routes are fuzzed with
# data to read, not only as "nothing imported yet".
for f in d3_cpps_subsequent_plan_2013_to_2025.csv sn_model_2025_wide.csv; do
  "$BIN" --db "$DB" pi import "tests/fixtures/realdata/$f" >/dev/null
done
password() { printf '%s' "a password nobody types: $(date +%s%N)"; }
password | "$BIN" --db "$DB" --actor ci user add "$EMAIL" --role business_manager --name "Schemathesis" --password-stdin >/dev/null
TOKEN="$("$BIN" --db "$DB" token create "$EMAIL" --name "schemathesis in CI" 2>/dev/null)"
# The board's chair may sign off (a business manager may not), so sign-off is fuzzed as the chair.
CHAIR="chair@boardplan.test"
password | "$BIN" --db "$DB" --actor ci user add "$CHAIR" --role board_member --name "Board Chair" --holds lscb-chair --password-stdin >/dev/null
CHAIR_TOKEN="$("$BIN" --db "$DB" token create "$CHAIR" --name "schemathesis sign-off in CI" 2>/dev/null)"
# The plan's first action complete with a file as evidence: the first action a page lists, so
# the stateful phase reaches sign-off with it, and the evidence download with a real hash.
printf 'Minutes of the board meeting that agreed the business plan.\n' >"$WORK/minutes.txt"
"$BIN" --db "$DB" --actor ci update 1.1 --rag blue --percent 100 \
  --note "Business plan agreed by the board" --evidence "$WORK/minutes.txt" >/dev/null

# Port 0: the system picks a free port, and the server says which on its first line, once it
# is listening; reading that line is the readiness check (no sleeping).
exec 3< <(exec "$BIN" --db "$DB" serve --addr 127.0.0.1:0 2>"$WORK/server.log")
SERVER=$!
IFS= read -r -t 60 first <&3 || { echo "FAIL: boardplan serve did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
cat <&3 >/dev/null &
BASE="$(printf '%s\n' "$first" | grep -o 'http://127\.0\.0\.1:[0-9]*')"
# The token's own partnership, as the API lists it.
SLUG="$(python3 - "$BASE" "$TOKEN" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/api/v1/partnerships",
                             headers={"Authorization": "Bearer " + sys.argv[2]})
print(json.load(urllib.request.urlopen(req, timeout=10))["items"][0]["slug"])
PY
)"
echo "boardplan serving $SLUG at $BASE"

# Path parameters: the partnership is the one the token acts in (others are 404, which the
# permission tests cover); action and update ids are generated or come from links.
# Statuses a schema-valid request may still get, each documented on its operations: 409 (already
# signed off), 412 (an ETag that is well formed but not the current one: generated tags never
# are), 422 (a domain rule the schema cannot say, e.g. a period as published, or sign-off of an
# action not complete) and 428 (a blank If-Match names no version).
cat >"$WORK/schemathesis.toml" <<EOF
[parameters]
"path.slug" = "$SLUG"

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "428", "429"]

# A write without If-Match is 428 Precondition Required (RFC 6585), the status made for it.
[checks.missing_required_header]
expected-statuses = ["400", "401", "403", "406", "415", "422", "428"]
EOF

# One worker: with two, hypothesis describes strategies by parsing source in both threads at
# once, and CPython 3.11 keeps one AST recursion counter for the whole interpreter, so a run
# could fail with "AST constructor recursion depth mismatch" though Boardplan did nothing wrong.
start=$SECONDS
cd "$WORK"
fuzz() {
  local who="$1" token="$2"
  shift 2
  echo "== schemathesis as the $who"
  "$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$BASE/api/v1/openapi.json" \
    --checks "$CHECKS" \
    --header "Authorization: Bearer $token" \
    --max-examples "$EXAMPLES" \
    --seed "$SEED" \
    --generation-database none \
    --workers 1 \
    --request-timeout 10 \
    --no-color \
    "$@"
}
# The chair first, while action 1.1 is still complete (the business manager's run posts updates
# that may rate it otherwise): the routes of an action and its evidence, without posting updates.
fuzz chair "$CHAIR_TOKEN" --include-path-regex '/actions|/evidence/' --exclude-operation-id create_update
fuzz "business manager" "$TOKEN" --exclude-operation-id sign_off_action --exclude-operation-id withdraw_sign_off
echo "schemathesis passed in $((SECONDS - start)) s"
