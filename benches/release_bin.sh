# Sourced by the benchmarks: `release_bin [cargo args]` keeps BOARDPLAN_BIN when it is set,
# else builds the server for release now (passing on arguments such as
# --no-default-features) and points BOARDPLAN_BIN at it.
release_bin() {
  if [ -z "${BOARDPLAN_BIN:-}" ]; then
    cargo build --release -p boardplan "$@" >&2
    BOARDPLAN_BIN="${CARGO_TARGET_DIR:-target}/release/boardplan"
  fi
}
