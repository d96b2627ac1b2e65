#!/usr/bin/env bash
# Load benchmark (issue 4): the dashboard of the demo partnership at 64 connections, and
# /healthz on the same server in the same run, with the server's resident memory sampled
# throughout. Targets: dashboard >= 3,000 requests/s with p99 < 20 ms; RSS < 100 MB.
#
#   bash benches/load.sh            # builds the release binary, then runs (~1 minute)
#   BOARDPLAN_BIN=path bash benches/load.sh   # use an already-built binary
#
# Traffic goes only to 127.0.0.1, and every run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18080}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
. benches/release_bin.sh
release_bin

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/load.db"
"$BOARDPLAN_BIN" --db "$db" import tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt >/dev/null
printf '%s' 'load test password 123' |
  "$BOARDPLAN_BIN" --db "$db" user add chair@load.test --role board_member --holds lscb-chair --password-stdin >/dev/null

BOARDPLAN_LOG=error "$BOARDPLAN_BIN" --db "$db" serve --addr "127.0.0.1:$PORT" --secure-cookies false >/dev/null &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

# Sign in through the form to get a session cookie.
jar="$work/jar"
curl -sf -c "$jar" "http://127.0.0.1:$PORT/sign-in" >/dev/null
csrf=$(awk '/bp_signin/ {print $7}' "$jar")
curl -sf -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "next=/" \
  --data-urlencode "email=chair@load.test" --data-urlencode "password=load test password 123" \
  "http://127.0.0.1:$PORT/sign-in" -o /dev/null
session=$(awk '/bp_session/ {print $7}' "$jar")
[ -n "$session" ] || { echo "could not sign in" >&2; exit 1; }
dashboard="http://127.0.0.1:$PORT/p/kingston-lscb"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: bp_session=$session" "$dashboard")
[ "$code" = 200 ] || { echo "dashboard answered $code" >&2; exit 1; }

# Sample the server's resident memory every 200 ms while the load runs.
peak_file="$work/peak"
( peak=0; while kill -0 "$server" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
    # Written aside and moved in, so that stopping the sampler never leaves it empty.
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" > "$peak_file.new" &&
      mv "$peak_file.new" "$peak_file"
    sleep 0.2
  done ) &
sampler=$!

run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
echo "== dashboard ($CONNECTIONS connections, $DURATION)"
run -H "Cookie: bp_session=$session" "$dashboard" | tee "$work/dash.txt"
echo "== /healthz ($CONNECTIONS connections, $DURATION)"
run "http://127.0.0.1:$PORT/healthz" | tee "$work/health.txt"
kill "$sampler" 2>/dev/null || true

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '/ 99%/ {print $2}' "$1"; }
peak_kb=$(cat "$peak_file" 2>/dev/null || echo 0)
if grep -q "Non-2xx" "$work/dash.txt"; then echo "FAIL: the dashboard answered errors under load" >&2; exit 1; fi
d=$(rps "$work/dash.txt"); h=$(rps "$work/health.txt")
echo
echo "dashboard: ${d} requests/s, p99 $(p99 "$work/dash.txt")"
echo "healthz:   ${h} requests/s, p99 $(p99 "$work/health.txt")"
echo "dashboard / healthz: $(awk -v a="$d" -v b="$h" 'BEGIN { printf "%.2f", a / b }')"
echo "peak resident memory: $((peak_kb / 1024)) MB"
