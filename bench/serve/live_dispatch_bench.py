"""How fast `drydock serve` runs a worker for messages clients send: the time from a SendMessage to the
message's deletion by the dispatcher (one message at a time, 20 times), then 2,000 messages sent in
batches of 10 and the time until every one was invoked and deleted. The worker is the builtin noop
ship, so the figures are Drydock's own overhead. Polls GetQueueAttributes to see the queue empty.

usage: live_dispatch_bench.py DRYDOCK_BINARY SOURCE_DIR (needs boto3)
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import boto3
from botocore.config import Config

PROJECT = """starfleet:
  configuration: configuration/
  templates: templates/
workers:
  ServeWorkerShip:
    fan_out: SINGLE_INVOCATION
    builtin: noop
    batch_size: 10
state: .drydock/
"""


def main(binary, source):
    scratch = tempfile.mkdtemp(prefix="drydock-live-bench-")
    project = os.path.join(scratch, "project")
    shutil.copytree(os.path.join(source, "tests/serve/project"), project)
    with open(os.path.join(project, "drydock.yaml"), "w") as settings:
        settings.write(PROJECT)
    server = subprocess.Popen([binary, "serve", "--port", "0", "--project", project], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        endpoint = next(line.split()[1] for line in server.stdout if line.startswith("ready "))
        sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-2", aws_access_key_id="test",
                           aws_secret_access_key="test", config=Config(retries={"max_attempts": 1}))
        url = sqs.get_queue_url(QueueName="serve-worker-queue")["QueueUrl"]

        def left():
            a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
            return int(a["ApproximateNumberOfMessages"]) + int(a["ApproximateNumberOfMessagesNotVisible"])

        latencies = []
        for _ in range(20):
            start = time.monotonic()
            sqs.send_message(QueueUrl=url, MessageBody="{}")
            while left():
                pass
            latencies.append((time.monotonic() - start) * 1000)
        latencies.sort()
        start = time.monotonic()
        for _ in range(200):
            sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(k), "MessageBody": "{}"} for k in range(10)])
        sent = time.monotonic() - start
        while left():
            pass
        done = time.monotonic() - start
        print("SendMessage to deleted: min %.1f ms, median %.1f ms, max %.1f ms (20 messages, one at a time)"
              % (latencies[0], latencies[len(latencies) // 2], latencies[-1]))
        print("2,000 messages: sent in %.2f s; all invoked and deleted %.2f s after the first send (%.0f/s)"
              % (sent, done, 2000 / done))
    finally:
        server.terminate()
        server.communicate(timeout=30)
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
