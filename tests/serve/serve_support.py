"""What the boto3 tests of `drydock serve` share: the checks, and a server started on a free port over a
scratch copy of tests/serve/project and stopped with SIGTERM. Importing it exits 77 (skipped) when the
running interpreter has no boto3."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile

try:
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError:
    print("skipped: no boto3 for", sys.executable)
    sys.exit(77)

__all__ = ["boto3", "botocore", "ClientError", "Config", "check", "error_code", "client", "serve_and_check"]

FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print("FAIL:", what)


def error_code(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def client(service, endpoint, **config):
    """A boto3 client of `service` for the server at `endpoint`, with dummy credentials and no retries."""
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-2", aws_access_key_id="test",
                        aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}, **config))


def start_server(binary, project, workers):
    arguments = [binary, "serve", "--port", "0", "--project", project] + ([] if workers else ["--no-workers"])
    server = subprocess.Popen(arguments,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in server.stdout:
        if line.startswith("ready "):
            return server, line.split()[1]
    raise SystemExit("drydock serve ended before it was ready: " + server.stderr.read())


def serve_and_check(run_checks, what, prepare=None, workers=False):
    """usage: <test>.py DRYDOCK_BINARY SOURCE_DIR. Calls prepare(project_dir) on the scratch copy when given,
    starts the server (with --no-workers unless `workers`), calls run_checks(endpoint, project_dir), then
    stops the server and exits 1 if any check failed. With `workers`, run_checks may return a function that
    is called with the server's stdout once it has stopped."""
    binary, source = sys.argv[1], sys.argv[2]
    scratch = tempfile.mkdtemp(prefix="drydock-serve-")
    try:
        project = os.path.join(scratch, "project")
        shutil.copytree(os.path.join(source, "tests/serve/project"), project)
        if prepare:
            prepare(project)
        server, endpoint = start_server(binary, project, workers)
        check_output = None
        try:
            check_output = run_checks(endpoint, project)
        finally:
            server.send_signal(signal.SIGTERM)
            out, err = server.communicate(timeout=10)
            check(server.returncode == 0, "serve exits 0 on SIGTERM, got %s: %s" % (server.returncode, err))
            check("drydock serve: stopped" in out, "serve says it stopped")
        if check_output:
            check_output(out)
    finally:
        shutil.rmtree(scratch)
    protocol = "JSON" if botocore.__version__ >= "1.34.90" else "Query"
    print("boto3 %s (SQS %s protocol), %s: %d failures" % (boto3.__version__, protocol, what, len(FAILURES)))
    sys.exit(1 if FAILURES else 0)
