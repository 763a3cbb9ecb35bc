#!/usr/bin/env bash
# Plan benchmark (make bench): an organization of 10,000 accounts, every account in all 33 regions
# (upstream's test-index universe: the 29 of botocore 1.34.74 plus cn-* and us-gov-*), one
# AllAccounts + OperateInOrgRoot + [ALL] template = 330,000 messages, built and written as JSON by
# `drydock plan --format json --messages`. Prints the median wall time and peak memory;
# docs/BENCHMARKS.md records the figures and the comparison with upstream's Python.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/drydock
work=build/bench/plan-10000
runs=${RUNS:-5}
mkdir -p "$work"
{ grep -v '^#' fixtures/regions/aws-1.34.74.txt; printf '%s\n' cn-north-1 cn-northwest-1 us-gov-east-1 us-gov-west-1; } \
  > "$work/regions33.txt"
[ -f "$work/org.json" ] || "$bin" org generate --accounts 10000 --seed 1 --all-regions --other-partitions \
  --regions "$work/regions33.txt" -o "$work/org.json"
cp bench/templates/everywhere.yaml "$work/all.yaml"  # the AllAccounts + OrgRoot + [ALL] template
cd "$work"
plan() { "$bin" plan --kind ACCOUNT_REGION --accounts org.json --regions regions33.txt --format json --messages all.yaml "$@"; }
messages=$(plan 2>/dev/null | grep -o '"Id"' | wc -l)
times=()
for i in $(seq "$runs"); do
  times+=("$( { /usr/bin/time -f '%e %M' bash -c "$(declare -f plan); bin=$bin; plan -o /dev/null 2>/dev/null"; } 2>&1 | tail -1)")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$messages" '{t[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2);
  printf "plan --messages, %d messages: median %.3f s over %d runs, peak %.1f MiB\n", n, t[i], NR, m[i]/1024}'
