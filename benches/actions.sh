#!/usr/bin/env bash
# Load benchmark (issue 16): work on one action of a big plan, on the generated demo
# (`boardplan demo --size`, default 2000x50: 2,000 actions, 100,000 updates of ~200
# characters), served by the real server, at 64 connections. Measures one action's updates
# as JSON, one action read (with its ETag), a page of 100 actions, the dashboard against
# /healthz, posting updates one after another (median, durable), and the server's peak
# resident memory through the whole run.
#
#   bash benches/actions.sh                         # builds the release binary, then runs
#   BOARDPLAN_BIN=path bash benches/actions.sh      # use an already-built binary
#   DB=postgres://user:pass@127.0.0.1/empty bash benches/actions.sh   # on PostgreSQL
#   GEN_BIN=new BOARDPLAN_BIN=old bash benches/actions.sh  # an older server on the same data
#   PERF_STAT=1 bash benches/actions.sh            # and the server's CPU per dashboard (perf)
#   PERF_SPLIT=1 bash benches/actions.sh           # and how the machine's CPU divides (perf)
#
# Targets: updates >= 5,000 req/s and < 1 ms alone; one action < 1 ms; a post < 1.1 ms
# median; list of 100 >= 2,500 req/s; dashboard >= 0.3 x /healthz, p99 < 20 ms; RSS < 100 MB.
# Traffic goes only to 127.0.0.1, and every run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18081}"
SIZE="${SIZE:-2000x50}"
POSTS="${POSTS:-200}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
. benches/release_bin.sh
release_bin --no-default-features

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="${DB:-$work/big.db}"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
"${GEN_BIN:-$BOARDPLAN_BIN}" demo --no-serve --file "$db" --size "$SIZE" > "$work/demo.txt"
head -2 "$work/demo.txt"
echo "generated $SIZE in $(echo "$(date +%s.%N) - $start" | bc) s (load $(cut -d' ' -f1 /proc/loadavg))"
[ -f "$db" ] && echo "database: $(du -m "$db" | cut -f1) MB"
slug=kingston-lscb
token=$("$BOARDPLAN_BIN" --db "$db" token create manager@demo.test --name bench --partnership "$slug")

BOARDPLAN_LOG=error "$BOARDPLAN_BIN" --db "$db" serve --addr "127.0.0.1:$PORT" --secure-cookies false >/dev/null &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

peak_file="$work/peak"
( peak=0; while kill -0 "$server" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
    # Written aside and moved in, so that stopping the sampler never leaves it empty.
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" > "$peak_file.new" &&
      mv "$peak_file.new" "$peak_file"
    sleep 0.2
  done ) &
sampler=$!

base="http://127.0.0.1:$PORT/api/v1/partnerships/$slug"
auth="Authorization: Bearer $token"
# An action from the middle of the plan.
total=$(curl -sf -H "$auth" "$base/actions?per_page=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
id=$(curl -sf -H "$auth" "$base/actions?per_page=1&page=$((total / 2))" |
  sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
enc=${id//#/%23}
echo "action: $id"

# Sign in through the form for the dashboard.
jar="$work/jar"
curl -sf -c "$jar" "http://127.0.0.1:$PORT/sign-in" >/dev/null
csrf=$(awk '/bp_signin/ {print $7}' "$jar")
curl -sf -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "next=/" \
  --data-urlencode "email=manager@demo.test" --data-urlencode "password=demo password 2009" \
  "http://127.0.0.1:$PORT/sign-in" -o /dev/null
session=$(awk '/bp_session/ {print $7}' "$jar")

alone() { # median of 20 sequential requests, in ms
  for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done |
    sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] * 1000}'
}
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
report() { # name file
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$2"); p99=$(awk '/ 99%/ {print $2}' "$2")
  if grep -q "Non-2xx" "$2"; then echo "FAIL: $1 answered errors under load" >&2; exit 1; fi
  printf '%-22s %10s req/s  p99 %-8s (load %s)\n' "$1" "$rps" "$p99" "$(cut -d' ' -f1 /proc/loadavg)"
}

declare -A urls=(
  [updates]="$base/actions/$enc/updates"
  [action]="$base/actions/$enc"
  [list100]="$base/actions?per_page=100&page=$(( (total + 199) / 200 ))"
)
for name in updates action list100; do
  echo "$name alone: $(alone -H "$auth" "${urls[$name]}") ms (median of 20)"
  run -H "$auth" "${urls[$name]}" > "$work/$name.txt"
done
# The dashboard as a browser asks for it (every browser takes gzip), and as plain HTML.
# PERF_STAT=1 also counts the server's CPU time and context switches through that run.
if [ -n "${PERF_STAT:-}" ]; then
  perf stat -e context-switches,task-clock -x, -o "$work/perf.csv" -p "$server" &
  perf_pid=$!
fi
run -H "Cookie: bp_session=$session" -H "Accept-Encoding: gzip, deflate, br" \
  "http://127.0.0.1:$PORT/p/$slug" > "$work/dashboard.txt"
if [ -n "${PERF_STAT:-}" ]; then
  kill -INT "$perf_pid"; wait "$perf_pid" || true
fi
# PERF_SPLIT=1: sample the whole machine through the plain dashboard's run, to see how its
# CPU divides between this server, the database's processes and wrk.
if [ -n "${PERF_SPLIT:-}" ]; then
  perf record -a -F 999 -o "$work/split.data" 2>/dev/null &
  split_pid=$!
fi
run -H "Cookie: bp_session=$session" "http://127.0.0.1:$PORT/p/$slug" > "$work/dashboard-plain.txt"
if [ -n "${PERF_SPLIT:-}" ]; then
  kill -INT "$split_pid"; wait "$split_pid" || true
  perf report -i "$work/split.data" --sort comm --stdio 2>/dev/null |
    awk '/%/ && $1+0 >= 1 {printf "dashboard (plain), CPU share: %s %s\n", $1, $2}' > "$work/split.txt"
fi
run "http://127.0.0.1:$PORT/healthz" > "$work/healthz.txt"

# Posting updates one after another, each after reading the action's ETag.
. benches/post_pairs.sh
post_pairs "$POSTS"
kill "$sampler" 2>/dev/null || true
median() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)] * 1000}'; }

echo
echo "== results ($SIZE, $CONNECTIONS connections, $DURATION each)"
report "updates of one action" "$work/updates.txt"
report "one action" "$work/action.txt"
report "list 100 actions" "$work/list100.txt"
report "dashboard (gzip)" "$work/dashboard.txt"
report "dashboard (plain)" "$work/dashboard-plain.txt"
report "/healthz" "$work/healthz.txt"
h=$(awk '/Requests\/sec/ {print $2}' "$work/healthz.txt")
for kind in dashboard dashboard-plain; do
  d=$(awk '/Requests\/sec/ {print $2}' "$work/$kind.txt")
  echo "$kind / healthz: $(awk -v a="$d" -v b="$h" 'BEGIN { printf "%.2f", a / b }')"
done
if [ -f "$work/perf.csv" ]; then
  n=$(awk '/requests in/ {print $1}' "$work/dashboard.txt")
  awk -F, -v n="$n" '/task-clock/ {printf "dashboard (gzip), server CPU per request: %.1f us\n", $1 * 1000 / n}
    /context-switches/ {printf "dashboard (gzip), context switches per request: %.2f\n", $1 / n}' "$work/perf.csv"
fi
[ -f "$work/split.txt" ] && cat "$work/split.txt"
echo "post an update:        $(median "$work/post.ms") ms median of $POSTS, serial (reading the ETag first: $(median "$work/get.ms") ms)"
echo "peak resident memory:  $(( $(cat "$peak_file" 2>/dev/null || echo 0) / 1024 )) MB"
echo "load average after:    $(cut -d' ' -f1-3 /proc/loadavg)"
