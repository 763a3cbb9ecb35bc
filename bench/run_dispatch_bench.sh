#!/usr/bin/env bash
# End-to-end dispatch benchmark (make bench), issue 5's two goals:
#  1. `drydock fanout` of one AllAccounts + OperateInOrgRoot + [ALL] template over 10,000 accounts x 33
#     regions = 330,000 messages, through S3, the Starbase and the worker queue to a `noop` builtin
#     (batch size 2, upstream's default): invocations per second and peak memory (goal >= 50,000/s,
#     memory flat). Then the dispatcher alone: the same messages queued first, then `drydock drain`
#     (invocations / the drain's wall time), and a 3-region drain to compare peak memory with.
#  2. The `command` transport's own cost per invocation: a worker that is `/bin/true`, 1,023 messages at
#     batch size 1 (one invocation each), against 1,023 bare fork+exec of /bin/true from a bash loop.
#     Goal <= 2 ms per batch on top of the worker's own start-up.
# Prints the figures; docs/BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/build/drydock
accounts=${ACCOUNTS:-10000}
work=build/bench/dispatch-$accounts
mkdir -p "$work/configuration" "$work/templates/Bench" "$work/templates/Cmd"
{ grep -v '^#' fixtures/regions/aws-1.34.74.txt; printf '%s\n' cn-north-1 cn-northwest-1 us-gov-east-1 us-gov-west-1; } \
  > "$work/regions33.txt"
[ -f "$work/org.json" ] || "$bin" org generate --accounts "$accounts" --seed 1 --all-regions --other-partitions \
  --regions "$work/regions33.txt" -o "$work/org.json"
cat > "$work/configuration/starfleet.yaml" <<'YAML'
STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: bench-templates
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/bench-fanout
  AccountIndex: StarfleetDefaultAccountIndex
StarfleetDefaultAccountIndex:
  IndexBucket: bench-index
  BucketRegion: us-east-2
BenchShip:
  Enabled: True
  TemplatePrefix: Bench/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/bench-queue
  InvocationSources: [S3]
CmdShip:
  Enabled: True
  TemplatePrefix: Cmd/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/cmd-queue
  InvocationSources: [S3]
YAML
cat > "$work/drydock.yaml" <<'YAML'
starfleet:
  configuration: configuration/
  templates: templates/
  account_index: org.json
  regions: regions33.txt
workers:
  BenchShip:
    fan_out: ACCOUNT_REGION
    builtin: noop
  CmdShip:
    fan_out: ACCOUNT_REGION
    command: [/bin/true]
    batch_size: 1
YAML
cp bench/templates/everywhere.yaml "$work/templates/Bench/all.yaml"  # the AllAccounts + OrgRoot + [ALL] template
cat > "$work/templates/Bench/three.yaml" <<'YAML'
TemplateName: ThreeRegions
TemplateDescription: Every account of the organization, in three regions.
IncludeAccounts:
  AllAccounts: True
OperateInOrgRoot: True
IncludeRegions:
  - us-east-1
  - us-east-2
  - us-west-2
YAML
cd "$work"
cp drydock.yaml drydock-noop.yaml
grep -v 'builtin: noop' drydock-noop.yaml > drydock-queue-only.yaml
echo "== noop, the whole path (S3 put, Starbase, worker queue): $accounts accounts x 33 regions"
rm -rf .drydock
/usr/bin/time -f 'peak %M KiB, %e s wall, %U s user, %S s sys' "$bin" fanout BenchShip --payload templates/Bench/all.yaml \
  | grep -E 'BenchShip|virtual time'
# The dispatcher alone: queue the messages with no transport configured, then drain them to noop.
for template in all three; do
  echo "== noop, drain only: the messages of $template.yaml queued first"
  rm -rf .drydock
  cp drydock-queue-only.yaml drydock.yaml
  "$bin" fanout BenchShip --payload "templates/Bench/$template.yaml" > /dev/null
  cp drydock-noop.yaml drydock.yaml
  /usr/bin/time -f 'peak %M KiB, %e s wall, %U s user, %S s sys' "$bin" drain BenchShip | grep -E 'BenchShip|virtual time'
done
echo "== command /bin/true: 1,000 invocations (batch size 1)"
head_accounts=$(python3 -c "import json; print(json.dumps(sorted(json.load(open('org.json'))['accounts'])[:31]))")
cat > templates/Cmd/some.yaml <<YAML
TemplateName: SomeAccounts
TemplateDescription: 31 accounts x 33 regions = 1,023 messages.
IncludeAccounts:
  ByIds: $head_accounts
OperateInOrgRoot: True
IncludeRegions:
  - ALL
YAML
rm -rf .drydock
/usr/bin/time -f 'peak %M KiB, %e s wall' "$bin" fanout CmdShip --payload templates/Cmd/some.yaml | grep -E 'CmdShip|virtual time'
echo "== baseline: 1,023 x fork+exec of /bin/true from bash"
start=$(date +%s.%N); for _ in $(seq 1023); do /bin/true; done; end=$(date +%s.%N)
python3 -c "print(f'{($end - $start) * 1000 / 1023:.3f} ms per /bin/true')"
