#!/usr/bin/env bash
# The whole-pipeline benchmark (issue 13): generate N customers, run `jobs/churnlens pipeline` on them, measure the
# floors on the same data, and write the per-stage table to BENCHMARKS.md.
#
#   bench/run-benchmark.sh quick            # 100,000 customers (development)
#   bench/run-benchmark.sh full             # 1,000,000 customers (the figures of record)
#   bench/run-benchmark.sh quick --runs 3   # force the number of pipeline runs (default: 3 when one is < 60 s, else 1)
#
# Env: BENCH_DIR (work folder, default /tmp/churnlens-bench-<mode>; generated data is reused when present),
#      CHURNLENS_DRIVER_MEMORY (default 4g), BENCH_CUSTOMERS (override N), BENCH_AS_OF (default 2026-09-30).
#
# Measured per stage: wall time (run record _runs/<id>.json duration_ms), ratio to its floor (PipelineFloors, same
# JVM settings, median of 3 when a floor run is under a minute), the run record's counts, and the peak resident set
# (RSS) of the driver JVM: /proc/<pid>/status VmRSS sampled every 0.5 s, attributed to the stage whose progress line
# was the last printed. RSS includes Spark's off-heap and the JVM itself, so it can exceed the heap.
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-quick}"
shift || true
RUNS=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown option $1 (usage: bench/run-benchmark.sh quick|full [--runs N])" >&2; exit 2 ;;
  esac
done
case "$MODE" in
  quick) CUSTOMERS="${BENCH_CUSTOMERS:-100000}" ;;
  full) CUSTOMERS="${BENCH_CUSTOMERS:-1000000}" ;;
  *) echo "mode must be quick or full, not '$MODE'" >&2; exit 2 ;;
esac
AS_OF="${BENCH_AS_OF:-2026-09-30}"
DIR="${BENCH_DIR:-/tmp/churnlens-bench-$MODE}"
export CHURNLENS_DRIVER_MEMORY="${CHURNLENS_DRIVER_MEMORY:-4g}"
mkdir -p "$DIR"
COMMAND="bench/run-benchmark.sh $MODE${RUNS:+ --runs $RUNS}"

echo "bench: building (jar, runtime classpath, test classes)" >&2
(cd "$HOME_DIR" && mvn -B -q -Dstyle.color=never -DskipTests package) >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Data: the generator at the issue's settings (alpha 2.4: about 9-10 transactions per customer).
GEN="$DIR/gen-$CUSTOMERS"
RAW="$GEN/generated/transactions"
if [[ ! -f "$GEN/.done" ]]; then
  rm -rf "$GEN"
  "$HOME_DIR/jobs/churnlens" generate --output "$GEN" --set simulate.customers="$CUSTOMERS" \
      --set simulate.bgnbd.alpha=2.4 > "$DIR/generate.log" 2>&1
  touch "$GEN/.done"
fi

# 2. Pipeline runs, each on a fresh output root, with an RSS sampler and timestamped stage lines.
run_pipeline() {
  local out="$1" log="$1.log"
  rm -rf "$out"
  "$HOME_DIR/jobs/churnlens" pipeline --input "$RAW" --as-of "$AS_OF" --output "$out" \
      > >(while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done > "$log") 2> "$out.err" &
  local pid=$!
  : > "$out.rss"
  while kill -0 "$pid" 2>/dev/null; do
    awk -v t="$(date +%s.%N)" '/^VmRSS/ {print t, $2}' "/proc/$pid/status" 2>/dev/null >> "$out.rss" || true
    sleep 0.5
  done
  wait "$pid"
}

n=1
while :; do
  echo "bench: pipeline run $n on $CUSTOMERS customers" >&2
  start=$(date +%s)
  run_pipeline "$DIR/run-$n"
  took=$(( $(date +%s) - start ))
  wanted="${RUNS:-$([[ $took -lt 60 ]] && echo 3 || echo 1)}"
  [[ $n -ge $wanted ]] && break
  n=$((n + 1))
done

# 3. Floors on the same data: the raw export and the transactions the first run ingested.
echo "bench: floors" >&2
FLAGS="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$HOME_DIR/pom.xml")"
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java -Xmx"$CHURNLENS_DRIVER_MEMORY" $FLAGS \
    -cp "$HOME_DIR/target/classes:$HOME_DIR/target/test-classes:$(cat "$HOME_DIR/target/runtime-classpath.txt")" \
    io.churnlens.bench.PipelineFloors "$RAW" "$DIR/run-1/transactions" "$DIR" 3 2> "$DIR/floors.err" \
    | grep '^floor ' > "$DIR/floors.txt"

# 4. The table, printed and written to BENCHMARKS.md (this mode's section replaced, the other kept).
SPARK_VERSION="$(grep -o 'spark-core_2.13/[^/]*' "$HOME_DIR/target/runtime-classpath.txt" | head -1 | cut -d/ -f2)"
python3 "$HOME_DIR/bench/benchmark_table.py" --dir "$DIR" --runs "$n" --mode "$MODE" --customers "$CUSTOMERS" \
    --command "$COMMAND" --spark "$SPARK_VERSION" --load "$LOAD_BEFORE" --out "$HOME_DIR/BENCHMARKS.md"
