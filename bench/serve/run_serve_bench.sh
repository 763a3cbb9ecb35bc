#!/usr/bin/env bash
# `drydock serve` under load (issue 13, part 4): wrk -t2 -c16 on loopback, SQS SendMessage over the JSON
# and the Query protocol (send_*.lua), S3 GetObject and PutObject of a 4 KiB object (s3_get.lua,
# s3_put.lua), every answer checked; beside it, in the same run, moto_server when it is on PATH and
# s3rver (S3 only) when it is on PATH or named by $S3RVER (npm install --prefix DIR s3rver@3.7.1; then
# S3RVER=DIR/node_modules/.bin/s3rver). Each line gives the server's VmRSS before and after its run.
# Bounded: DURATION seconds per run (default 10), 127.0.0.1 only.
# usage: bench/serve/run_serve_bench.sh [DRYDOCK] [DURATION]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
drydock=${1:-$here/../../build/release/drydock}
duration=${2:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
export BENCH_DIR=$here
BODY_MD5=$(printf 'hello wrk' | md5sum | cut -d' ' -f1)
export BODY_MD5
scratch=$(mktemp -d)
export OBJ_FILE=$scratch/obj-4k  # the 4 KiB object, random bytes; s3_*.lua read it in init
head -c 4096 /dev/urandom >"$OBJ_FILE"
OBJ_MD5=$(md5sum "$OBJ_FILE" | cut -d' ' -f1)
S3_DATE=$(date -u +%Y%m%dT%H%M%SZ)  # s3rver refuses an x-amz-date over 15 minutes off
export OBJ_MD5 S3_DATE
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

cp -r "$here/../../tests/serve/project" "$scratch/project"
"$drydock" serve --port 0 --project "$scratch/project" >"$scratch/out" 2>&1 &
drydock_pid=$!
pids+=("$drydock_pid")
for _ in $(seq 100); do grep -q '^ready ' "$scratch/out" && break; sleep 0.05; done
drydock_url=$(sed -n 's/^ready //p' "$scratch/out")

create_queue() {  # URL: bench-q through the JSON protocol
  curl -sf -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0' \
    -H 'X-Amz-Target: AmazonSQS.CreateQueue' -H 'Content-Type: application/x-amz-json-1.0' \
    -d '{"QueueName": "bench-q"}' "$1/" >/dev/null
}
s3_setup() {  # URL: CreateBucket bench-bucket, PutObject bench-bucket/obj-4k (the headers of s3_common.lua)
  # Content-Length and Content-Type are given as an SDK gives them (Drydock also takes curl's defaults,
  # no Content-Length and a form Content-Type, as tests/emulator/http check; the others are not tried).
  local auth="Authorization: AWS4-HMAC-SHA256 Credential=S3RVER/${S3_DATE%T*}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0"
  curl -sf -X PUT -H "$auth" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' -H "x-amz-date: $S3_DATE" \
    -H 'Content-Length: 0' "$1/bench-bucket" >/dev/null
  curl -sf -X PUT -H "$auth" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' -H "x-amz-date: $S3_DATE" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$OBJ_FILE" "$1/bench-bucket/obj-4k" >/dev/null
}
rss() { sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$1/status"; }  # PID
run() {  # NAME URL SCRIPT PID
  local result before
  before=$(rss "$4")
  result=$(wrk -t2 -c16 -d"${duration}s" -s "$here/$3" "$2/")
  printf '%-28s %10s req/s  %s  %s  RSS %s -> %s\n' "$1" "$(printf '%s' "$result" | sed -n 's/^Requests\/sec: *//p')" \
    "$(printf '%s' "$result" | grep '^p50')" "$(printf '%s' "$result" | grep '^checked')" "$before" "$(rss "$4")"
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
create_queue "$drydock_url"
s3_setup "$drydock_url"
run "drydock SendMessage JSON" "$drydock_url" send_json.lua "$drydock_pid"
run "drydock SendMessage Query" "$drydock_url" send_query.lua "$drydock_pid"
run "drydock S3 GetObject 4 KiB" "$drydock_url" s3_get.lua "$drydock_pid"
run "drydock S3 PutObject 4 KiB" "$drydock_url" s3_put.lua "$drydock_pid"
if command -v moto_server >/dev/null; then
  port=$(free_port)
  moto_server -H 127.0.0.1 -p "$port" >"$scratch/moto.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
  create_queue "http://127.0.0.1:$port"
  s3_setup "http://127.0.0.1:$port"
  run "moto_server SendMessage JSON" "http://127.0.0.1:$port" send_json.lua "$pid"
  run "moto_server SendMessage Query" "http://127.0.0.1:$port" send_query.lua "$pid"
  run "moto_server S3 GetObject 4 KiB" "http://127.0.0.1:$port" s3_get.lua "$pid"
  run "moto_server S3 PutObject 4 KiB" "http://127.0.0.1:$port" s3_put.lua "$pid"
fi
s3rver=${S3RVER:-$(command -v s3rver || true)}
if [[ -n $s3rver ]]; then
  port=$(free_port)
  "$s3rver" -d "$scratch/s3rver" -a 127.0.0.1 -p "$port" -s --allow-mismatched-signatures >"$scratch/s3rver.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
  s3_setup "http://127.0.0.1:$port"
  run "s3rver S3 GetObject 4 KiB" "http://127.0.0.1:$port" s3_get.lua "$pid"
  run "s3rver S3 PutObject 4 KiB" "http://127.0.0.1:$port" s3_put.lua "$pid"
fi
