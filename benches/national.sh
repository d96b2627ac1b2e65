#!/usr/bin/env bash
# Load test at national scale (issue 16, item 5): PARTNERSHIPS partnerships (default 150, one
# per English local authority), each with a plan of SIZE (default 2000x50: 2,000 actions with
# 50 updates each, 15 million updates in all) and its area's indicators, generated into a fresh
# PostgreSQL database; two `boardplan serve` behind HAProxy on loopback; then through HAProxy,
# at 64 connections spread over the partnerships: the dashboard, the plan page, an action's
# page and the API's list of 100 actions (p99 target < 50 ms each); then both servers writing
# updates to the same actions at once (If-Match, a 412 retried with the new ETag: no update
# lost), and a write on one server read at once from the other.
#
#   bash benches/national.sh                                  # the full run (~26 GB of disk)
#   PARTNERSHIPS=3 SIZE=200x5 bash benches/national.sh        # a quick run
#   BOARDPLAN_BIN=path KEEP=1 bash benches/national.sh        # keep the database afterwards
#   DB=postgres://postgres@127.0.0.1:5432/boardplan_national_x SKIP_LOAD=1 bash benches/national.sh
#                                                             # serve a kept database again
#
# Knobs: PG (a server URL whose user may create databases), JOBS (partnerships loaded at once),
# DURATION, CONNECTIONS, THREADS, WRITE_ROUNDS, WRITE_ACTIONS, PORT (three ports from it),
# READS (which reads to time, default "dashboard plan action list100"), BOARDPLAN_CACHE_MB.
# Every process it starts is stopped on exit; every request goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTNERSHIPS="${PARTNERSHIPS:-150}"
SIZE="${SIZE:-2000x50}"
JOBS="${JOBS:-2}"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WRITE_ROUNDS="${WRITE_ROUNDS:-25}"
WRITE_ACTIONS="${WRITE_ACTIONS:-4}"
PORT="${PORT:-18190}"
READS="${READS:-dashboard plan action list100}"
P99_MS=50
lb_port=$PORT a_port=$((PORT + 1)) b_port=$((PORT + 2))

for tool in wrk haproxy psql curl jq; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "$tool is needed (apt-get install wrk haproxy postgresql-client curl jq)" >&2; exit 1; }
done
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
. benches/release_bin.sh
release_bin --no-default-features

work=$(mktemp -d)
pids=()
dbname=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$dbname" ] && [ "${KEEP:-0}" != 1 ]; then
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $dbname" || true
  elif [ -n "$dbname" ]; then
    echo "kept the database: $PG/$dbname"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ -n "${DB:-}" ]; then
  db=$DB
else
  dbname="boardplan_national_$(date -u +%Y%m%d%H%M%S)"
  psql "$PG/postgres" -qc "CREATE DATABASE $dbname"
  db="$PG/$dbname"
fi
bp() { "$BOARDPLAN_BIN" --db "$db" "$@"; }

echo "== national scale: $PARTNERSHIPS partnerships of $SIZE on $db ($(nproc) cores)"
echo "load average before: $(load)"
if [ "${SKIP_LOAD:-0}" != 1 ]; then
  start=$(date +%s.%N)
  "$BOARDPLAN_BIN" demo --no-serve --file "$db" --size "$SIZE" --partnerships "$PARTNERSHIPS" \
    --jobs "$JOBS" > "$work/demo.txt"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  printf 'loaded %s partnerships of %s in %.0f s (%.1f min; %s at once; load %s)\n' \
    "$PARTNERSHIPS" "$SIZE" "$secs" "$(echo "$secs / 60" | bc -l)" "$JOBS" "$(load)" | tee "$work/summary"
fi
psql "$db" -Atc "SELECT 'database: ' || pg_size_pretty(pg_database_size(current_database()))
  || ', ' || (SELECT count(*) FROM partnerships) || ' partnerships, '
  || (SELECT count(*) FROM progress_updates) || ' updates, '
  || (SELECT count(*) FROM change_log) || ' change-log entries'" | tee -a "$work/summary"
mapfile -t slugs < <(psql "$db" -Atc "SELECT slug FROM partnerships ORDER BY id")

# Two app servers and HAProxy in front, round robin, each checked on /readyz.
for port in "$a_port" "$b_port"; do
  BOARDPLAN_LOG=error "$BOARDPLAN_BIN" --db "$db" serve --addr "127.0.0.1:$port" \
    --secure-cookies false > "$work/serve-$port.log" 2>&1 &
  pids+=($!)
done
server_a=${pids[0]} server_b=${pids[1]}
cat > "$work/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
frontend national
    bind 127.0.0.1:$lb_port
    default_backend boardplan
backend boardplan
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    http-response set-header X-Server %s
    server a 127.0.0.1:$a_port check inter 1s
    server b 127.0.0.1:$b_port check inter 1s
EOF
"$HAPROXY" -c -q -f "$work/haproxy.cfg"
"$HAPROXY" -db -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=($!)
for port in "$a_port" "$b_port" "$lb_port"; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "FAIL: nothing ready on $port" >&2; exit 1; }
done
lb="http://127.0.0.1:$lb_port" A="http://127.0.0.1:$a_port" B="http://127.0.0.1:$b_port"
# HAProxy sends to a server once its health check has passed: wait until both answer.
for _ in $(seq 1 100); do
  seen=$(for _ in 1 2 3 4; do curl -s -o /dev/null -D - "$lb/readyz" |
    awk 'tolower($1)=="x-server:" {print $2}' | tr -d '\r'; done | sort -u | tr '\n' ' ')
  [ "$seen" = "a b " ] && break
  sleep 0.2
done
[ "$seen" = "a b " ] || { echo "FAIL: haproxy sends only to: $seen" >&2; exit 1; }
echo "haproxy on $lb_port sends to both servers, round robin: $seen"

# One session for the pages (sessions are in the database, so it works on both servers)...
jar="$work/jar"
curl -sf -c "$jar" "$lb/sign-in" >/dev/null
csrf=$(awk '/bp_signin/ {print $7}' "$jar")
curl -sf -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "next=/" \
  --data-urlencode "email=manager@demo.test" --data-urlencode "password=demo password 2009" \
  "$lb/sign-in" -o /dev/null
session=$(awk '/bp_session/ {print $7}' "$jar")
[ -n "$session" ] || { echo "FAIL: could not sign in" >&2; exit 1; }
# ... and an API token per partnership.
declare -A tokens
for s in "${slugs[@]}"; do
  tokens[$s]=$(bp token create manager@demo.test --name national --partnership "$s" 2>/dev/null)
done
echo "signed in; ${#tokens[@]} API tokens made"

# Action ids every partnership has (all have the same plan): up to 200 spread over it.
api() { curl -sf -H "Authorization: Bearer ${tokens[$1]}" "$2"; }
total=$(api "${slugs[0]}" "$lb/api/v1/partnerships/${slugs[0]}/actions?per_page=1" | jq .total)
step=$(( (total + 199) / 200 ))
mapfile -t ids < <(for page in $(seq 1 $(( (total + 199) / 200 ))); do
  api "${slugs[0]}" "$lb/api/v1/partnerships/${slugs[0]}/actions?per_page=200&page=$page" | jq -r '.items[].id'
done | awk -v s="$step" 'NR % s == 1 || s == 1')
pages=$(( (total + 99) / 100 ))
echo "$total actions a plan; reading ${#ids[@]} of them, $pages pages of 100"

# Each server reads each partnership once before the timed runs: a first read builds the
# plan's view (kept per server until the partnership's change log moves), so the runs below
# measure the steady state. How long the first reads take is printed too.
warm() { # base
  local s
  for s in "${slugs[@]}"; do
    curl -s -o /dev/null -w '%{time_total}\n' -b "bp_session=$session" "$1/p/$s"
    curl -s -o /dev/null -H "Authorization: Bearer ${tokens[$s]}" "$1/api/v1/partnerships/$s/actions?per_page=1"
  done
}
wstart=$(date +%s.%N)
warm "$A" > "$work/warm.a" & warm_a=$!
warm "$B" > "$work/warm.b" & warm_b=$!
wait "$warm_a" "$warm_b"
printf 'first read of every partnership on both servers: %.1f s (a dashboard drawn from a cold view: median %.0f ms, slowest %.0f ms)\n' \
  "$(echo "$(date +%s.%N) - $wstart" | bc)" \
  "$(sort -n "$work/warm.a" "$work/warm.b" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')" \
  "$(sort -n "$work/warm.a" "$work/warm.b" | tail -1 | awk '{print $1 * 1000}')" | tee -a "$work/summary"

lua="$work/spread.lua"
{
  echo "local slugs = {"; for s in "${slugs[@]}"; do printf '  "%s",\n' "$s"; done; echo "}"
  echo "local tokens = {"; for s in "${slugs[@]}"; do printf '  ["%s"] = "%s",\n' "$s" "${tokens[$s]}"; done; echo "}"
  echo "local ids = {"; for i in "${ids[@]}"; do printf '  "%s",\n' "${i//#/%23}"; done; echo "}"
  cat <<EOF
local kind = os.getenv("KIND")
local cookie = "bp_session=$session"
local pages = $pages
local n = 0
function setup(thread) n = n + 1; thread:set("seed", n) end
function init(args) math.randomseed(seed * 7919) end
function request()
  local slug = slugs[math.random(#slugs)]
  if kind == "dashboard" then
    return wrk.format("GET", "/p/" .. slug, { Cookie = cookie })
  elseif kind == "plan" then
    return wrk.format("GET", "/p/" .. slug .. "/plan", { Cookie = cookie })
  elseif kind == "action" then
    return wrk.format("GET", "/p/" .. slug .. "/actions/" .. ids[math.random(#ids)], { Cookie = cookie })
  else
    return wrk.format("GET", "/api/v1/partnerships/" .. slug .. "/actions?per_page=100&page="
      .. math.random(pages), { Authorization = "Bearer " .. tokens[slug] })
  end
end
EOF
} > "$lua"

# p99 in ms from wrk's latency line (us, ms or s).
p99_ms() { awk '/ 99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
  print (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$1"; }
results="$work/results"
: > "$results"
for kind in $READS; do
  KIND=$kind wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "$lb" > "$work/$kind.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$kind.txt")
  p99=$(p99_ms "$work/$kind.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/$kind.txt")
  verdict=$(awk -v p="$p99" -v t="$P99_MS" -v e="${errors:-0}" 'BEGIN { print (p < t && e == 0) ? "PASS" : "FAIL" }')
  printf '%-8s %-10s %9s req/s  p99 %7.1f ms (< %d ms)  errors %s  (load %s)\n' \
    "$verdict" "$kind" "$rps" "$p99" "$P99_MS" "${errors:-0}" "$(load)" | tee -a "$results"
done

# Both servers writing at once to the same actions of one partnership.
ws=${slugs[$(( ${#slugs[@]} / 2 ))]}
wtoken=${tokens[$ws]}
mapfile -t wids < <(printf '%s\n' "${ids[@]}" | head -"$WRITE_ACTIONS")
run_id=$(date -u +%H%M%S) # a kept database may hold an earlier run's posts
writer() { # name base: WRITE_ROUNDS posts to each action, each retried on 412 until it lands
  local name=$1 base=$2 round id enc etag code tries
  for round in $(seq 1 "$WRITE_ROUNDS"); do
    for id in "${wids[@]}"; do
      enc=${id//#/%23}
      tries=0
      while :; do
        etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $wtoken" \
          "$base/api/v1/partnerships/$ws/actions/$enc" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $wtoken" \
          -H "If-Match: $etag" -H 'Content-Type: application/json' \
          -d "{\"rag\":\"amber\",\"percent\":50,\"narrative\":\"national-bench $run_id $name $round\"}" \
          "$base/api/v1/partnerships/$ws/actions/$enc/updates")
        case $code in
          201) echo "$id|national-bench $run_id $name $round" >> "$work/landed"; break ;;
          412) tries=$((tries + 1)); echo x >> "$work/retries.$name"
               [ "$tries" -lt 50 ] || { echo "$id $name $round: 50 conflicts" >> "$work/write-errors"; break; } ;;
          *) echo "$id $name $round: answered $code" >> "$work/write-errors"; break ;;
        esac
      done
    done
  done
}
: > "$work/landed"; : > "$work/write-errors"; : > "$work/retries.a"; : > "$work/retries.b"
wstart=$(date +%s.%N)
writer a "$A" & wa=$!
writer b "$B" & wb=$!
wait "$wa" "$wb"
wsecs=$(echo "$(date +%s.%N) - $wstart" | bc)
lost=0 missing_count=0
for id in "${wids[@]}"; do
  enc=${id//#/%23}
  curl -sf -H "Authorization: Bearer $wtoken" "$lb/api/v1/partnerships/$ws/actions/$enc/updates" |
    jq -r --arg p "national-bench $run_id " '.items[].narrative | select(startswith($p))' | sort > "$work/stored"
  grep -F "$id|" "$work/landed" | cut -d'|' -f2 | sort > "$work/posted"
  lost=$((lost + $(comm -23 "$work/posted" "$work/stored" | wc -l)))
  [ "$(wc -l < "$work/posted")" = "$(wc -l < "$work/stored")" ] || missing_count=$((missing_count + 1))
done
landed=$(wc -l < "$work/landed") asked=$((2 * WRITE_ROUNDS * ${#wids[@]}))
retries=$(( $(wc -l < "$work/retries.a") + $(wc -l < "$work/retries.b") ))
verdict=$([ "$lost" = 0 ] && [ "$missing_count" = 0 ] && [ "$landed" = "$asked" ] && [ ! -s "$work/write-errors" ] && echo PASS || echo FAIL)
printf '%-8s both servers writing: %d of %d posts landed (201) on %d actions of %s in %.1f s, %d retried 412s; %d lost, %d actions with a wrong count\n' \
  "$verdict" "$landed" "$asked" "${#wids[@]}" "$ws" "$wsecs" "$retries" "$lost" "$missing_count" | tee -a "$results"
[ -s "$work/write-errors" ] && head -5 "$work/write-errors"

# A write on one server, read at once from the other: the API, the action's ETag and its page.
stale=0 tries=0
for i in $(seq 1 10); do
  for pair in "$A $B" "$B $A"; do
    read -r w r <<< "$pair"
    enc=${wids[$((i % ${#wids[@]}))]//#/%23}
    # Each server has read the action (and its page) before the write, so a stale cache would show.
    curl -sf -b "bp_session=$session" "$r/p/$ws/actions/$enc" -o /dev/null
    curl -sf -H "Authorization: Bearer $wtoken" "$r/api/v1/partnerships/$ws/actions/$enc/updates" -o /dev/null
    etag=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $wtoken" "$w/api/v1/partnerships/$ws/actions/$enc" |
      awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
    note="national-bench visible $i ${w##*:}"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $wtoken" \
      -H "If-Match: $etag" -H 'Content-Type: application/json' \
      -d "{\"rag\":\"green\",\"percent\":60,\"narrative\":\"$note\"}" \
      "$w/api/v1/partnerships/$ws/actions/$enc/updates")
    tries=$((tries + 1))
    [ "$code" = 201 ] || { stale=$((stale + 1)); echo "  post on $w answered $code"; continue; }
    etag_after=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $wtoken" "$r/api/v1/partnerships/$ws/actions/$enc" |
      awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
    api_ok=$(curl -sf -H "Authorization: Bearer $wtoken" "$r/api/v1/partnerships/$ws/actions/$enc/updates" |
      jq --arg n "$note" '[.items[].narrative] | index($n) != null')
    page_ok=$(curl -sf -b "bp_session=$session" "$r/p/$ws/actions/$enc" | grep -c -F "$note" || true)
    if [ "$api_ok" != true ] || [ "$page_ok" = 0 ] || [ "$etag_after" = "$etag" ]; then
      stale=$((stale + 1))
      echo "  written on $w, read on $r: updates list $api_ok, page ${page_ok}, ETag $([ "$etag_after" = "$etag" ] && echo unchanged || echo changed)"
    fi
  done
done
printf '%-8s a write on one server read from the other at the next request: %d of %d stale\n' \
  "$([ "$stale" = 0 ] && echo PASS || echo FAIL)" "$stale" "$tries" | tee -a "$results"

rss() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
echo
echo "== results ($PARTNERSHIPS partnerships of $SIZE; $CONNECTIONS connections for $DURATION each, through HAProxy to 2 servers)"
cat "$work/summary"
cat "$results"
echo "peak resident memory: server a $(rss "$server_a") MB, server b $(rss "$server_b") MB"
echo "load average after: $(load)"
! grep -q '^FAIL' "$results"
