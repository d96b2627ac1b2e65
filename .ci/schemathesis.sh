#!/usr/bin/env bash
# Fuzz the JSON API against its own OpenAPI document with schemathesis (from PyPI, pinned):
# build boardplan, make a database from the sample plan with one account and a fresh API token
# (through the CLI, as an operator would), serve it on 127.0.0.1, and check that no request
# gets a 5xx and that every response matches the document. Stops the server however it ends.
#
#   .ci/schemathesis.sh                      # as CI runs it
#   SCHEMATHESIS_EXAMPLES=200 .ci/schemathesis.sh
#
# Environment: BOARDPLAN_BIN (a boardplan already built, e.g. by the tests; else it is built),
# CARGO_TARGET_DIR (where cargo builds), SCHEMATHESIS_VENV (where the pinned
# schemathesis is installed; kept between runs), SCHEMATHESIS_EXAMPLES (cases per operation),
# SCHEMATHESIS_SEED (to replay a run).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.32.5
VENV="${SCHEMATHESIS_VENV:-/var/tmp/boardplan-schemathesis-$VERSION}"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-40}"
SEED="${SCHEMATHESIS_SEED:-20091231}"
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
printf '%s' "a password nobody types: $(date +%s%N)" |
  "$BIN" --db "$DB" --actor ci user add "$EMAIL" --role business_manager --name "Schemathesis" --password-stdin >/dev/null
TOKEN="$("$BIN" --db "$DB" token create "$EMAIL" --name "schemathesis in CI" 2>/dev/null)"

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
# permission tests cover); action and update ids are generated, so most of those are 404s.
cat >"$WORK/schemathesis.toml" <<EOF
[parameters]
"path.slug" = "$SLUG"
EOF

start=$SECONDS
cd "$WORK"
"$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$BASE/api/v1/openapi.json" \
  --checks not_a_server_error,response_schema_conformance \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$EXAMPLES" \
  --seed "$SEED" \
  --generation-database none \
  --workers 2 \
  --request-timeout 10 \
  --no-color
echo "schemathesis passed in $((SECONDS - start)) s"
