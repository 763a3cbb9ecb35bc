#!/usr/bin/env bash
# `drydock serve` under load (issue 13, part 4): wrk -t2 -c16 on loopback, SQS SendMessage over the JSON
# and the Query protocol, every answer checked (send_*.lua); beside it, in the same run, moto_server
# when it is on PATH. Bounded: DURATION seconds per run (default 10), 127.0.0.1 only.
# usage: bench/serve/run_serve_bench.sh [DRYDOCK] [DURATION]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
drydock=${1:-$here/../../build/release/drydock}
duration=${2:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
export BENCH_DIR=$here
export BODY_MD5=$(printf 'hello wrk' | md5sum | cut -d' ' -f1)
scratch=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

cp -r "$here/../../tests/serve/project" "$scratch/project"
"$drydock" serve --port 0 --project "$scratch/project" >"$scratch/out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^ready ' "$scratch/out" && break; sleep 0.05; done
drydock_url=$(sed -n 's/^ready //p' "$scratch/out")

create_queue() {  # URL: bench-q through the JSON protocol
  curl -sf -H 'Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0' \
    -H 'X-Amz-Target: AmazonSQS.CreateQueue' -H 'Content-Type: application/x-amz-json-1.0' \
    -d '{"QueueName": "bench-q"}' "$1/" >/dev/null
}
run() {  # NAME URL SCRIPT
  local result
  result=$(wrk -t2 -c16 -d"${duration}s" -s "$here/$3" "$2/")
  printf '%-28s %10s req/s  %s  %s\n' "$1" "$(printf '%s' "$result" | sed -n 's/^Requests\/sec: *//p')" \
    "$(printf '%s' "$result" | grep '^p50')" "$(printf '%s' "$result" | grep '^checked')"
}
create_queue "$drydock_url"
run "drydock SendMessage JSON" "$drydock_url" send_json.lua
run "drydock SendMessage Query" "$drydock_url" send_query.lua
if command -v moto_server >/dev/null; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  moto_server -H 127.0.0.1 -p "$port" >"$scratch/moto.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
  create_queue "http://127.0.0.1:$port"
  run "moto_server SendMessage JSON" "http://127.0.0.1:$port" send_json.lua
  run "moto_server SendMessage Query" "http://127.0.0.1:$port" send_query.lua
fi
