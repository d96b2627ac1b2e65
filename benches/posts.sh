#!/usr/bin/env bash
# Posting to one action of a big plan (issue 16), timed from the client and inside the
# server: serial pairs of reading the action (its ETag) and posting an update with it, as a
# lead officer's client does: by curl (a process and connection per request), then on one kept
# connection (benches/post_kept.py). The server's own time is its request log's `latency_ms`.
#
#   BOARDPLAN_BIN=path bash benches/posts.sh         # a fresh SQLite 2000x50 demo
#   DB=postgres://user:pass@127.0.0.1/empty BOARDPLAN_BIN=path bash benches/posts.sh
#   N=200 (pairs), SIZE=2000x50, PORT=18091
# Prints the medians from the client and from the server's log, and for the kept connection
# the CPU each pair cost the server and PostgreSQL.
# Traffic goes only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-200}"; PORT="${PORT:-18091}"; SIZE="${SIZE:-2000x50}"
. benches/release_bin.sh
release_bin --no-default-features
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="${DB:-$work/big.db}"
"$BOARDPLAN_BIN" demo --no-serve --file "$db" --size "$SIZE" > /dev/null
slug=kingston-lscb
token=$("$BOARDPLAN_BIN" --db "$db" token create manager@demo.test --name bench --partnership "$slug")
BOARDPLAN_LOG=warn,boardplan::request=info BOARDPLAN_LOG_FORMAT=json \
  "$BOARDPLAN_BIN" --db "$db" serve --addr "127.0.0.1:$PORT" --secure-cookies false > "$work/log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$PORT/api/v1/partnerships/$slug"
auth="Authorization: Bearer $token"
# An action from the middle of the plan.
total=$(curl -sf -H "$auth" "$base/actions?per_page=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
id=$(curl -sf -H "$auth" "$base/actions?per_page=1&page=$((total / 2))" |
  sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
enc=${id//#/%23}
. benches/post_pairs.sh
median() { sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'; }
# The server's own medians for the last N reads and posts of the action, from its log.
server_medians() {
  local m
  for m in GET POST; do
    grep "\"method\":\"$m\"" "$work/log" | grep -F '/actions/{id}' |
      grep -o '"latency_ms":[0-9.]*' | cut -d: -f2 | tail -n "$N" > "$work/server.$m" || true
    echo "  server: $m $(median < "$work/server.$m") ms (median of $(wc -l < "$work/server.$m"))"
  done
}
echo "action $id, $N pairs, $SIZE"
# A new curl process and TCP connection per request, as a script would post.
post_pairs "$N"
echo "curl: read $(awk '{print $1 * 1000}' "$work/get.ms" | median) ms, post $(awk '{print $1 * 1000}' "$work/post.ms" | median) ms (medians)"
server_medians
# CPU time (user and system, in clock ticks) of the server, and of every PostgreSQL process
# on this machine (0 without any): a serial client's latency on a noisy machine varies from
# run to run, what each pair costs the two processes much less.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local t=0 p
  for p in $(pgrep -x postgres || true); do t=$((t + $(ticks "$p"))); done
  echo "$t"
}
# One kept connection, as an API client library or integration posts.
server_before=$(ticks "$server"); pg_before=$(pg_ticks)
python3 benches/post_kept.py "$base" "$token" "$enc" "$N"
server_after=$(ticks "$server"); pg_after=$(pg_ticks)
hz=$(getconf CLK_TCK)
echo "  CPU per pair: server $(( (server_after - server_before) * 1000000 / hz / N )) µs," \
  "PostgreSQL $(( (pg_after - pg_before) * 1000000 / hz / N )) µs"
server_medians
