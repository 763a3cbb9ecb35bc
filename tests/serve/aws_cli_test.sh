#!/usr/bin/env bash
# `drydock serve` against a real aws-cli: Debian's /usr/bin/aws (2.9, the Query protocol) or the aws on
# PATH (1.45 from pip, the JSON protocol). The queue and s3 commands a platform team types, checked by
# what they print (each aws start costs seconds here, so they are few; boto3's test goes further). Exits 77 (skipped) when the aws given is not installed.
# usage: aws_cli_test.sh AWS DRYDOCK SOURCE_DIR
set -euo pipefail
aws_bin=$1 drydock=$2 source=$3
command -v "$aws_bin" >/dev/null 2>&1 || { echo "skipped: no $aws_bin"; exit 77; }
scratch=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
cp -r "$source/tests/serve/project" "$scratch/project"
"$drydock" serve --port 0 --no-workers --project "$scratch/project" >"$scratch/out" 2>"$scratch/err" &
server=$!
for _ in $(seq 100); do grep -q '^ready ' "$scratch/out" && break; sleep 0.05; done
endpoint=$(sed -n 's/^ready //p' "$scratch/out")
[ -n "$endpoint" ] || { echo "FAIL: serve did not become ready: $(cat "$scratch/err")"; exit 1; }
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-2 AWS_PAGER= \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
sqs() { "$aws_bin" --endpoint-url "$endpoint" --output json sqs "$@"; }
failures=0
expect() {  # expect WHAT TEXT NEEDLE
  if [[ "$2" != *"$3"* ]]; then echo "FAIL: $1: expected '$3' in: $2"; failures=$((failures + 1)); fi
}

expect "list-queues" "$(sqs list-queues)" "$endpoint/100000000002/serve-worker-queue"
url=$(sqs create-queue --queue-name cli-q --attributes VisibilityTimeout=45 --query QueueUrl --output text)
expect "create-queue" "$url" "$endpoint/100000000002/cli-q"
sent=$(sqs send-message --queue-url "$url" --message-body 'hello from the cli + 100% é')
expect "send-message MD5" "$sent" '"MD5OfMessageBody": "'"$(printf '%s' 'hello from the cli + 100% é' | md5sum | cut -d' ' -f1)"'"'
received=$(sqs receive-message --queue-url "$url" --attribute-names All)
expect "receive-message body" "$received" '"Body": "hello from the cli + 100% é"'
expect "receive-message count" "$received" '"ApproximateReceiveCount": "1"'
handle=$(printf '%s' "$received" | sed -n 's/.*"ReceiptHandle": "\([^"]*\)".*/\1/p')
sqs delete-message --queue-url "$url" --receipt-handle "$handle"
attributes=$(sqs get-queue-attributes --queue-url "$url" --attribute-names All)
expect "get-queue-attributes" "$attributes" '"VisibilityTimeout": "45"'
expect "get-queue-attributes after delete" "$attributes" '"ApproximateNumberOfMessagesNotVisible": "0"'
if error=$(sqs get-queue-url --queue-name no-such-queue 2>&1); then
  echo "FAIL: get-queue-url of an unknown queue succeeded"; failures=$((failures + 1))
else
  expect "unknown queue error" "$error" "NonExistentQueue"
fi
sqs delete-queue --queue-url "$url"
after=$(sqs list-queues)
expect "delete-queue" "$after" "serve-fanout"
[[ "$after" != *cli-q* ]] || { echo "FAIL: cli-q still listed"; failures=$((failures + 1)); }

# S3: the commands a platform team types. A 9 MiB file is a multipart upload (aws s3 cp switches at 8 MB).
s3() { "$aws_bin" --endpoint-url "$endpoint" s3 "$@"; }
mkdir -p "$scratch/sync/Serve/sub"
printf 'Name: synced\n' >"$scratch/sync/Serve/one.yaml"
printf 'Name: deeper\n' >"$scratch/sync/Serve/sub/two file.yaml"
head -c $((9 << 20)) /dev/urandom >"$scratch/nine.bin"
s3 mb s3://cli-bucket >/dev/null
s3 cp "$scratch/nine.bin" "s3://cli-bucket/big/nine mb.bin" >/dev/null
s3 sync "$scratch/sync" s3://cli-bucket/tree >/dev/null
listing=$(s3 ls --recursive s3://cli-bucket/)
expect "s3 ls after cp (multipart)" "$listing" "$((9 << 20)) big/nine mb.bin"
expect "s3 ls after sync" "$listing" "tree/Serve/sub/two file.yaml"
s3 cp "s3://cli-bucket/big/nine mb.bin" "$scratch/back.bin" >/dev/null
cmp -s "$scratch/nine.bin" "$scratch/back.bin" || { echo "FAIL: the 9 MiB object came back different"; failures=$((failures + 1)); }
expect "s3 ls of the template bucket lists the templates directory" "$(s3 ls s3://serve-templates/)" " 0 .keep"
s3 cp "$scratch/sync/Serve/one.yaml" s3://serve-templates/Serve/one.yaml >/dev/null
expect "the upload notified the Starbase" "$(sqs receive-message --queue-url "$endpoint/100000000002/serve-fanout")" 'Serve/one.yaml'
s3 rm --recursive s3://cli-bucket/ >/dev/null
s3 rb s3://cli-bucket >/dev/null
[[ "$(s3 ls)" != *cli-bucket* ]] || { echo "FAIL: cli-bucket still listed"; failures=$((failures + 1)); }

kill -TERM "$server"
wait "$server" && status=0 || status=$?
server=
[ "$status" = 0 ] || { echo "FAIL: serve exited $status on SIGTERM"; failures=$((failures + 1)); }
expect "serve stops cleanly" "$(cat "$scratch/out")" "drydock serve: stopped"
echo "$("$aws_bin" --version 2>&1 | cut -d' ' -f1): $failures failures"
[ "$failures" = 0 ]
