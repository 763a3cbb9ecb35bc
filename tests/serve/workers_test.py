"""`drydock serve` runs the workers: a template uploaded with boto3 goes through the Starbase to the worker,
a message a client sends to a worker's queue invokes the worker, a failing one is retried after its
visibility timeout and dead-lettered, and an EventBridge rule fires when the server's clock passes it.
Every step is made deterministic by POST /_drydock/clock/advance, which answers once a dispatch pass
begun after it has ended. Exits 77 (skipped) when boto3 is missing.

usage: workers_test.py DRYDOCK_BINARY SOURCE_DIR
"""

import json
import os
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_support import check, client, serve_and_check  # noqa: E402

# The worker: appends each record's body to invoked.jsonl in the project root; fails the batch when a
# body asks it to.
WORKER = """import json, sys
event = json.load(sys.stdin)
with open("invoked.jsonl", "a") as log:
    for record in event["Records"]:
        log.write(json.dumps(record["body"]) + "\\n")
if any("please-fail" in record["body"] for record in event["Records"]):
    sys.exit("failing as asked")
"""

CONFIGURATION_TAIL = """  InvocationSources: [S3, EVENTBRIDGE_TIMED_EVENT]
  EventBridgeTimedFrequency: HOURLY
"""


def prepare(project):
    with open(os.path.join(project, "worker.py"), "w") as worker:
        worker.write(WORKER)
    with open(os.path.join(project, "drydock.yaml"), "w") as settings:
        settings.write("""starfleet:
  configuration: configuration/
  templates: templates/
workers:
  ServeWorkerShip:
    fan_out: SINGLE_INVOCATION
    command: [%s, worker.py]
    visibility_timeout: 30s
    max_receive_count: 2
state: .drydock/
""" % json.dumps(sys.executable))
    configuration = os.path.join(project, "configuration/starfleet.yaml")
    with open(configuration) as text:
        lines = text.read().replace("  InvocationSources: [S3]\n", CONFIGURATION_TAIL)
    with open(configuration, "w") as text:
        text.write(lines)


def advance(endpoint, by):
    request = urllib.request.Request(endpoint + "/_drydock/clock/advance", data=json.dumps({"by": by}).encode(),
                                     method="POST")
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def invoked(project):
    try:
        with open(os.path.join(project, "invoked.jsonl")) as log:
            return [json.loads(line) for line in log]
    except FileNotFoundError:
        return []


def counts(sqs, url):
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return (int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"]))


def run_checks(endpoint, project):
    s3 = client("s3", endpoint)
    sqs = client("sqs", endpoint)
    health = json.load(urllib.request.urlopen(endpoint + "/_drydock/health", timeout=10))
    check(health.get("workers") is True, "health says workers are dispatched: %s" % health)

    # A template upload: the Starbase fans it out (SINGLE_INVOCATION: one message) and the worker runs.
    s3.put_object(Bucket="serve-templates", Key="Serve/uploaded.yaml",
                  Body=b"TemplateName: Uploaded\nTemplateDescription: from boto3\n")
    advance(endpoint, "0s")
    bodies = [json.loads(body) for body in invoked(project)]
    check([body.get("TemplateName") for body in bodies] == ["Uploaded"],
          "the uploaded template reached the worker: %s" % bodies)
    fan_out = sqs.get_queue_url(QueueName="serve-fanout")["QueueUrl"]
    check(counts(sqs, fan_out) == (0, 0), "the fan-out queue is empty: %s" % (counts(sqs, fan_out),))

    # A message a client sends to the worker's queue.
    worker_queue = sqs.get_queue_url(QueueName="serve-worker-queue")["QueueUrl"]
    sqs.send_message(QueueUrl=worker_queue, MessageBody='{"sent": "by boto3"}')
    advance(endpoint, "0s")
    check(invoked(project)[-1:] == ['{"sent": "by boto3"}'], "the client's message reached the worker: %s"
          % invoked(project)[-1:])
    check(counts(sqs, worker_queue) == (0, 0), "and was deleted: %s" % (counts(sqs, worker_queue),))

    # A failing message: in flight after its first attempt, retried after the visibility timeout, then
    # dead-lettered (max_receive_count 2).
    sqs.send_message(QueueUrl=worker_queue, MessageBody='{"please-fail": true}')
    advance(endpoint, "0s")
    attempts = lambda: sum(1 for body in invoked(project) if "please-fail" in body)  # noqa: E731
    check(attempts() == 1, "one attempt so far: %d" % attempts())
    check(counts(sqs, worker_queue) == (0, 1), "in flight until its visibility timeout: %s"
          % (counts(sqs, worker_queue),))
    advance(endpoint, "31s")
    check(attempts() == 2, "retried once the visibility timeout ended: %d" % attempts())
    advance(endpoint, "31s")
    check(attempts() == 2, "not retried a third time: %d" % attempts())
    redrive = json.loads(sqs.get_queue_attributes(QueueUrl=worker_queue, AttributeNames=["RedrivePolicy"])
                         ["Attributes"]["RedrivePolicy"])
    dlq = sqs.get_queue_url(QueueName=redrive["deadLetterTargetArn"].split(":")[-1])["QueueUrl"]
    check(counts(sqs, dlq)[0] == 1, "dead-lettered: %s" % (counts(sqs, dlq),))

    # An EventBridge rule: HOURLY fires within the next hour and tasks every template of the prefix.
    before = len(invoked(project))
    advance(endpoint, "61m")
    hourly = [json.loads(body).get("TemplateName") for body in invoked(project)[before:]]
    check("Uploaded" in hourly, "the HOURLY rule ran the templates: %s" % hourly)

    # Other commands on the same state while serving: `clock advance` moves the server's clock (and the
    # server runs what falls due), `drain` takes its turn with the server's passes.
    binary = sys.argv[1]
    sqs.send_message(QueueUrl=worker_queue, MessageBody='{"sent": "before clock advance"}')
    moved = subprocess.run([binary, "clock", "advance", "1m", "--project", project], capture_output=True,
                           text=True, timeout=60)
    check(moved.returncode == 0 and "serves this state: its clock moved on by 1m" in moved.stdout,
          "clock advance goes through the server: %s %s" % (moved.stdout, moved.stderr))
    check(invoked(project)[-1:] == ['{"sent": "before clock advance"}'],
          "and the server ran what was queued before it answered: %s" % invoked(project)[-1:])
    drained = subprocess.run([binary, "drain", "--project", project], capture_output=True, text=True, timeout=60)
    check(drained.returncode == 0, "drain runs beside the server: %s %s" % (drained.stdout, drained.stderr))

    def check_output(out):
        check("EventBridge rule StarfleetHourly fired" in out, "serve printed the firing: %s" % out)
        check("ServeWorkerShip: 1 invocation, 1 succeeded" in out, "serve printed a pass: %s" % out)
        check("dead-lettered" in out, "serve printed the dead letter: %s" % out)
    return check_output


if __name__ == "__main__":
    serve_and_check(run_checks, "workers while serving", prepare=prepare, workers=True)
