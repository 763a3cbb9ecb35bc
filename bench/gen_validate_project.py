#!/usr/bin/env python3
"""Writes a Drydock project with N generated payload templates for the validation benchmark.

usage: gen_validate_project.py OUT_DIR N [--seed S]

The templates are realistic: a mix of SINGLE_INVOCATION, ACCOUNT and ACCOUNT_REGION workers, account
selectors by names, ids, OUs and tags, region lists, and worker-specific fields. Deterministic per seed.
Uses only the standard library (the same files feed upstream's Python for the comparison run).
"""
import argparse
import os
import random

REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1",
           "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1", "sa-east-1"]

CONFIG = """STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: bench-templates
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/starbase-fanout-queue
  AccountIndex: StarfleetDefaultAccountIndex
{workers}"""

WORKER = """{name}:
  Enabled: True
  TemplatePrefix: {name}/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/{name}
  InvocationSources:
    - S3
    - EVENTBRIDGE_TIMED_EVENT
  EventBridgeTimedFrequency: HOURLY
"""

KINDS = [("BenchSingleShip", "SINGLE_INVOCATION"), ("BenchAccountShip", "ACCOUNT"),
         ("BenchAccountRegionShip", "ACCOUNT_REGION")]


def account_block(rng):
    lines = ["IncludeAccounts:"]
    choice = rng.randrange(4)
    if choice == 0:
        lines.append("  AllAccounts: True")
    elif choice == 1:
        lines.append("  ByNames:")
        lines += [f"    - Account {rng.randrange(1, 500)}" for _ in range(rng.randrange(1, 6))]
    elif choice == 2:
        lines.append("  ByIds:")
        lines += [f'    - "{rng.randrange(10**11, 10**12)}"' for _ in range(rng.randrange(1, 6))]
    else:
        lines.append("  ByOrgUnits:")
        lines += ["    - Workloads", "    - ou-a1b2-prd00001"]
        lines.append("  ByTags:")
        lines += ["    - Name: Environment", "      Value: prod"]
    lines += ["ExcludeAccounts:", "  ByNames:", f"    - Account {rng.randrange(1, 500)}"]
    if rng.random() < 0.3:
        lines.append("OperateInOrgRoot: True")
    return lines


def template(rng, kind, n):
    lines = [f"TemplateName: BenchTemplate{n}",
             f"TemplateDescription: Generated template number {n} for the validation benchmark."]
    if kind != "SINGLE_INVOCATION":
        lines += account_block(rng)
    if kind == "ACCOUNT_REGION":
        if rng.random() < 0.5:
            lines += ["IncludeRegions:", "  - ALL", "ExcludeRegions:", f"  - {rng.choice(REGIONS)}"]
        else:
            lines.append("IncludeRegions:")
            lines += [f"  - {r}" for r in rng.sample(REGIONS, rng.randrange(1, 6))]
    lines += ["WorkerSettings:", f"  Mode: {rng.choice(['audit', 'enforce'])}",
              f"  Retries: {rng.randrange(1, 5)}", "  Tags:", "    - Key: Owner", "      Value: platform"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "configuration_files"), exist_ok=True)
    with open(os.path.join(args.out, "configuration_files", "starfleet.yaml"), "w") as f:
        f.write(CONFIG.format(workers="\n".join(WORKER.format(name=name) for name, _ in KINDS)))
    with open(os.path.join(args.out, "drydock.yaml"), "w") as f:
        f.write("starfleet:\n  configuration: configuration_files/\n  templates: templates/\nworkers:\n")
        for name, kind in KINDS:
            f.write(f"  {name}:\n    fan_out: {kind}\n")
    for n in range(args.count):
        name, kind = KINDS[n % 3]
        directory = os.path.join(args.out, "templates", name, f"group{n // 1000}")
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, f"t{n}.yaml"), "w") as f:
            f.write(template(rng, kind, n))


if __name__ == "__main__":
    main()
