#!/usr/bin/env python3
"""Runs a Starfleet worker ship's Lambda handler as a Drydock `command` worker.

Usage: python3 starfleet_adapter.py MODULE:FUNCTION

Drydock starts this once per SQS batch, from the project root, with the Lambda SQS event on stdin and
a Lambda's environment (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, STARFLEET_COMMIT, ...). The adapter
imports MODULE (the project root and this folder are on the import path), builds a minimal Lambda
context object, calls FUNCTION(event, context), and answers as Drydock expects:

* exit 0 when the handler returns; if it returns a dict (such as a partial batch response,
  {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}), it is printed as JSON on the last
  line of stdout;
* exit 1 with the traceback on stderr when it raises (or returns something JSON cannot encode);
* exit 2 on a usage error.

Only the Python standard library is used. Log output goes to stderr, as Lambda sends it to CloudWatch.
"""

import importlib
import json
import logging
import os
import sys
import time
import traceback

USAGE = "usage: python3 starfleet_adapter.py MODULE:FUNCTION   (the event JSON on stdin)"


class LambdaContext:
    """The attributes and method of the Lambda Python runtime's context object that workers use."""

    def __init__(self):
        env = os.environ
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME", "drydock-worker")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.invoked_function_arn = env.get("DRYDOCK_FUNCTION_ARN", "")
        self.memory_limit_in_mb = int(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.aws_request_id = env.get("DRYDOCK_REQUEST_ID", "")
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + self.function_name)
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]drydock")
        self.identity = None
        self.client_context = None
        timeout_s = int(env.get("AWS_LAMBDA_FUNCTION_TIMEOUT", "300"))
        self._deadline_ms = int(env.get("DRYDOCK_DEADLINE_MS", str(int(time.time() * 1000) + timeout_s * 1000)))

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def load_handler(spec):
    """MODULE:FUNCTION -> the function; raises ValueError for a malformed spec."""
    module_name, sep, function_name = spec.partition(":")
    if not sep or not module_name or not function_name:
        raise ValueError(f"expected MODULE:FUNCTION, got {spec!r}")
    for path in (os.path.dirname(os.path.abspath(__file__)), os.getcwd()):
        if path not in sys.path:
            sys.path.insert(0, path)
    module = importlib.import_module(module_name)
    return getattr(module, function_name)


def main(argv):
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr)
        return 2
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    try:
        handler = load_handler(argv[0])
        event = json.load(sys.stdin)
        result = handler(event, LambdaContext())
        answer = json.dumps(result) if isinstance(result, dict) else None
    except Exception:  # the worker's failure: Lambda reports it and fails the batch
        traceback.print_exc(file=sys.stderr)
        return 1
    if answer is not None:
        sys.stdout.flush()
        print(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
