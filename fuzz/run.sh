#!/usr/bin/env bash
# Run the tables-import fuzz targets one after another, each for SECONDS (default 600), with
# their dictionaries and limits, a log each in LOGS (default fuzz/logs). Seeds first:
#   cargo run -p formats --example fuzz_seeds -- fuzz/corpus
# Usage: bash fuzz/run.sh [TARGET...]   (default: all six tables targets)
set -u
cd "$(dirname "$0")"
SECONDS_EACH=${SECONDS_EACH:-600}
LOGS=${LOGS:-logs}
mkdir -p "$LOGS"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(plan_pdf plan_docx plan_xlsx plan_odt plan_csv plan_ods)
for t in "${targets[@]}"; do
  case $t in
    plan_docx) dict=docx.dict; len=65536 ;;
    plan_odt | plan_ods) dict=opendocument.dict; len=65536 ;;
    plan_xlsx | indicators_xlsx) dict=xlsx.dict; len=65536 ;;
    plan_csv) dict=csv.dict; len=16384 ;;
    plan_pdf) dict=pdf.dict; len=131072 ;;
    plan_text) dict=plan_text.dict; len=65536 ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  mkdir -p "corpus/$t"
  echo "== $t from $(date -u +%FT%TZ), ${SECONDS_EACH}s" | tee -a "$LOGS/fuzz-$t.log"
  nice -n 15 cargo +nightly fuzz run -s none "$t" "corpus/$t" -- \
    -dict="dict/$dict" -max_len="$len" -max_total_time="$SECONDS_EACH" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >>"$LOGS/fuzz-$t.log" 2>&1
  echo "== $t exit $? at $(date -u +%FT%TZ)" | tee -a "$LOGS/fuzz-$t.log"
done
