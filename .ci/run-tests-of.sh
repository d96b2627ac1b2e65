#!/usr/bin/env bash
# Runs the test binaries of the named packages exactly as `cargo test` runs them (from the
# package's folder), without building anything that `cargo test --workspace` did not: asking
# cargo for `-p store -p web …` instead would resolve their features on their own and
# recompile much of the tree.
#
#   TEST_DATABASE_URL=postgres://… .ci/run-tests-of.sh store web boardplan
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || { echo "usage: $0 PACKAGE…" >&2; exit 2; }

list="$(mktemp)"
trap 'rm -f "$list"' EXIT
cargo test --workspace --locked --no-run --message-format=json 2>/dev/null |
  python3 -c '
import json, os, sys
wanted = set(sys.argv[1:])
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") != "compiler-artifact" or not m.get("profile", {}).get("test"):
        continue
    # "path+file:///…/crates/store#0.1.0", or "…#name@0.1.0" when the folder has another name
    url, _, fragment = m["package_id"].partition("#")
    name = fragment.split("@")[0] if "@" in fragment else url.rstrip("/").rsplit("/", 1)[-1]
    if name in wanted and m.get("executable"):
        print(os.path.dirname(m["manifest_path"]) + "\t" + m["executable"])
' "$@" >"$list"
[ -s "$list" ] || { echo "FAIL: no test binaries found for: $*" >&2; exit 1; }

while IFS=$'\t' read -r dir exe; do
  printf '     Running %s\n' "${exe##*/}"
  (cd "$dir" && CARGO_MANIFEST_DIR="$dir" "$exe")
done <"$list"
