# Sourced by actions.sh and posts.sh: `post_pairs N` reads action `$enc` (its ETag) and posts
# an update with it, N times one after the other, as `$auth` at `$base`; each read's and
# each post's time from the client, in seconds, goes to `$work/get.ms` and `$work/post.ms`.
post_pairs() {
  local hdr etag code
  local body='{"rag":"amber","percent":40,"narrative":"Benchmark update: half the sessions delivered."}'
  : > "$work/get.ms"; : > "$work/post.ms"
  for _ in $(seq 1 "$1"); do
    hdr=$(curl -s -D - -o /dev/null -w '%{time_total}\n' -H "$auth" "$base/actions/$enc")
    echo "$hdr" | tail -1 >> "$work/get.ms"
    etag=$(echo "$hdr" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
    code=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X POST -H "$auth" \
      -H "If-Match: $etag" -H 'Content-Type: application/json' -d "$body" "$base/actions/$enc/updates")
    [ "${code%% *}" = 201 ] || { echo "FAIL: a post answered ${code%% *}" >&2; exit 1; }
    echo "${code#* }" >> "$work/post.ms"
  done
}
