"""A Starfleet-style worker ship that fails on purpose, to try retries, DLQs and partial batch responses.

Run it with Drydock's `command` transport through the adapter:

    command: [python3, examples/workers/starfleet_adapter.py, flaky_worker:lambda_handler]

Like a Starfleet worker's handler, it loads each record's body with json.loads (the payload template
the Starbase sent, with StarbaseAssignedAccount / StarbaseAssignedRegion filled in) and raises when
something is wrong. Here "wrong" is chosen by environment variables:

* FAIL_ACCOUNTS: comma-separated account ids whose records fail;
* REPORT_FAILURES=true: instead of raising, answer a partial batch response naming the failing
  records (the worker needs `report_batch_item_failures: true` in drydock.yaml for it to count).

Only the Python standard library is used.
"""

import json
import logging
import os

LOGGER = logging.getLogger("FlakyWorkerShip")


class FlakyWorkerError(Exception):
    """Raised for a record whose account is listed in FAIL_ACCOUNTS."""


def fail_accounts():
    return {account.strip() for account in os.environ.get("FAIL_ACCOUNTS", "").split(",") if account.strip()}


def lambda_handler(event, context):
    """The Lambda entry point: one call per SQS batch."""
    commit = os.environ.get("STARFLEET_COMMIT", "").lower() == "true"  # as @worker_lambda reads it
    report = os.environ.get("REPORT_FAILURES", "").lower() == "true"
    failing = fail_accounts()
    failures = []
    LOGGER.info(f"[🛸] Starting the FlakyWorkerShip ({context.aws_request_id or 'no request id'})...")
    for record in event["Records"]:
        payload = json.loads(record["body"])
        account = payload.get("StarbaseAssignedAccount")
        region = payload.get("StarbaseAssignedRegion")
        if account in failing:
            if not report:
                raise FlakyWorkerError(f"[💥] Account {account} is listed in FAIL_ACCOUNTS")
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        where = f"{account}/{region}" if region else str(account)
        LOGGER.info(f"[{'✅' if commit else '🧪'}] {payload.get('TemplateName')}: done for {where}")
    if report:
        return {"batchItemFailures": failures}
    return None
