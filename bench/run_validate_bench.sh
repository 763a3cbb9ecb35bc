#!/usr/bin/env bash
# Validation benchmark (make bench): generated projects of 1,000, 3,000 and 10,000 templates, validated end to
# end by the drydock binary (process start-up, file reads, configuration, every template), plus the
# in-process throughput and `drydock --version` start-up. Prints medians; docs/BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/drydock
bench_bin=build/release/bench/drydock_bench
work=build/bench
runs=${RUNS:-7}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall time of one run of "$@" in seconds (nanosecond clock).
wall() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo "scale=6; ($e-$s)/1000000000" | bc; }

for n in 1000 3000 10000; do
  dir=$work/validate-$n
  [ -d "$dir" ] || python3 bench/gen_validate_project.py "$dir" "$n" --seed 1
  (cd "$dir" && "$OLDPWD/$bin" validate >/dev/null 2>&1) || true   # warm the page cache
  t=$(for i in $(seq "$runs"); do (cd "$dir" && wall "$OLDPWD/$bin" validate); done | median)
  echo "validate $n templates end to end: median ${t} s over $runs runs = $(echo "$n / $t" | bc) templates/s"
  "$bench_bin" "$dir" 5
done
t=$(for i in $(seq 31); do wall "$bin" --version; done | median)
echo "drydock --version: median ${t} s over 31 runs"
