"""`drydock serve` against a real boto3: SQS calls as a worker or a platform team makes them.

Run with the interpreter whose boto3 is under test: Debian's /usr/bin/python3 (boto3 1.26, the Query
protocol) or the python3 on PATH (a boto3 from 1.34.90 on, the JSON protocol). Starts the server on a
free port over a scratch copy of tests/serve/project, checks what boto3 gets back (boto3 checks no
MD5, so this does), and stops the server with SIGTERM. Exits 77 (skipped) when boto3 is missing.

usage: sqs_clients_test.py DRYDOCK_BINARY SOURCE_DIR
"""

import hashlib
import json
import os
import struct
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_support import check, client, error_code, serve_and_check  # noqa: E402


def md5_of_attributes(attributes):
    """AWS's MD5OfMessageAttributes (aws-wire.md section 4), written from the SQS developer guide."""
    data = b""
    for name in sorted(attributes):
        value = attributes[name]
        data += struct.pack(">I", len(name.encode())) + name.encode()
        data += struct.pack(">I", len(value["DataType"].encode())) + value["DataType"].encode()
        if "StringValue" in value:
            raw = value["StringValue"].encode()
            data += b"\x01" + struct.pack(">I", len(raw)) + raw
        else:
            raw = value["BinaryValue"]
            data += b"\x02" + struct.pack(">I", len(raw)) + raw
    return hashlib.md5(data).hexdigest()


def run_checks(endpoint, project):
    with urllib.request.urlopen(endpoint + "/_drydock/health", timeout=5) as answer:
        health = json.load(answer)
    check(health["status"] == "ready" and health["services"] == ["sqs", "s3"], "health: %s" % health)

    sqs = client("sqs", endpoint)

    # The project's queues, under this endpoint; the AWS-format URL of the configuration works too.
    urls = sqs.list_queues()["QueueUrls"]
    check(endpoint + "/100000000002/serve-worker-queue" in urls, "list_queues has the project's queues: %s" % urls)
    aws_url = "https://sqs.us-east-2.amazonaws.com/100000000002/serve-worker-queue"
    arn = sqs.get_queue_attributes(QueueUrl=aws_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    check(arn == "arn:aws:sqs:us-east-2:100000000002:serve-worker-queue", "QueueArn of an AWS URL: " + arn)
    page = sqs.list_queues(QueueNamePrefix="serve-", MaxResults=1)
    check(len(page["QueueUrls"]) == 1 and "NextToken" in page, "ListQueues pages: %s" % page)
    rest = sqs.list_queues(QueueNamePrefix="serve-", MaxResults=1000, NextToken=page["NextToken"])
    check(len(rest["QueueUrls"]) == 3 and page["QueueUrls"][0] not in rest["QueueUrls"], "the next page: %s" % rest)

    # CreateQueue is idempotent for the same attributes, and refuses others.
    url = sqs.create_queue(QueueName="wire-q", Attributes={"VisibilityTimeout": "30"})["QueueUrl"]
    check(url == endpoint + "/100000000002/wire-q", "queue URL routes back here: " + url)
    check(sqs.create_queue(QueueName="wire-q", Attributes={"VisibilityTimeout": "30"})["QueueUrl"] == url,
          "CreateQueue again with the same attributes")
    check(error_code(sqs.create_queue, QueueName="wire-q", Attributes={"VisibilityTimeout": "31"}) ==
          "QueueAlreadyExists", "CreateQueue with other attributes: QueueAlreadyExists")
    check(error_code(sqs.get_queue_url, QueueName="no-such-queue") == "AWS.SimpleQueueService.NonExistentQueue",
          "GetQueueUrl of an unknown queue")
    check(error_code(sqs.create_queue, QueueName="wire.fifo", Attributes={"FifoQueue": "true"}) is not None,
          "FIFO queues are refused with an error")

    # Bodies and attributes round-trip byte-exact, with AWS's MD5s.
    body = "hello wire \u00e9 <&>\"' \r\n\t \U0001F680"
    attributes = {"Blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff"},
                  "Color": {"DataType": "String", "StringValue": "blue"},
                  "Count": {"DataType": "Number", "StringValue": "42"}}
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=attributes)
    check(sent["MD5OfMessageBody"] == hashlib.md5(body.encode()).hexdigest(), "MD5OfMessageBody")
    check(sent["MD5OfMessageAttributes"] == md5_of_attributes(attributes), "MD5OfMessageAttributes")
    check(md5_of_attributes({"Blob": attributes["Blob"], "Color": attributes["Color"],
                             "Count": attributes["Count"]}) == "78e573c49442e6c8c62693a29db10d00",
          "the test's own MD5 matches the captured vector")
    got = sqs.receive_message(QueueUrl=url, AttributeNames=["All"], MessageAttributeNames=["All"],
                              MaxNumberOfMessages=10)["Messages"]
    check(len(got) == 1 and got[0]["Body"] == body, "the body round-trips: %r" % got)
    message = got[0]
    check(message["MD5OfBody"] == sent["MD5OfMessageBody"] and message["MessageId"] == sent["MessageId"],
          "MD5OfBody and MessageId")
    check(message["MessageAttributes"]["Blob"]["BinaryValue"] == b"\x00\x01\xfe\xff", "binary attribute")
    check(message["MessageAttributes"]["Count"] == {"DataType": "Number", "StringValue": "42"}, "number attribute")
    check(message["Attributes"]["ApproximateReceiveCount"] == "1", "ApproximateReceiveCount 1")
    only = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)
    check("Messages" not in only, "an in-flight message is not received again")

    # Visibility: back at once with 0, received again with its count raised, then deleted.
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"],
                                MessageAttributeNames=["Color"])["Messages"][0]
    check(again["Attributes"] == {"ApproximateReceiveCount": "2"}, "only the attribute asked for: %s" % again)
    check(list(again.get("MessageAttributes", {})) == ["Color"], "only the message attribute asked for: %s" % again)
    check(error_code(sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=message["ReceiptHandle"],
                     VisibilityTimeout=10) == "InvalidParameterValue", "a stale receipt handle")
    sqs.delete_message(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"])
    check(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
          ["ApproximateNumberOfMessagesNotVisible"] == "0", "deleted")

    # Batches: partial success, AWS's batch errors.
    batch = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "one"},
                                                          {"Id": "b", "MessageBody": "two", "DelaySeconds": 901}])
    check([e["Id"] for e in batch["Successful"]] == ["a"] and [e["Id"] for e in batch.get("Failed", [])] == ["b"],
          "a batch with one bad entry: %s" % batch)
    check(error_code(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": "x", "MessageBody": "1"},
                                                                    {"Id": "x", "MessageBody": "2"}]) ==
          "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "duplicate batch ids")
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": "d%d" % k, "ReceiptHandle": m["ReceiptHandle"]}
                                                              for k, m in enumerate(received)])
    check(len(deleted["Successful"]) == 1 and not deleted.get("Failed"), "DeleteMessageBatch: %s" % deleted)
    check(error_code(sqs.send_message, QueueUrl=url, MessageBody="x" * (1024 * 1024 + 1)) is not None,
          "a message over the size limit is refused")

    # Long polling: a receive waits for a message sent while it waits, without blocking the sender.
    def send_later():
        time.sleep(0.3)
        sqs.send_message(QueueUrl=url, MessageBody="late")
    sender = threading.Thread(target=send_later)
    started = time.monotonic()
    sender.start()
    waited = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)
    sender.join()
    check([m["Body"] for m in waited.get("Messages", [])] == ["late"], "long poll gets the late message")
    check(time.monotonic() - started < 5, "long poll answers when the message arrives, not at the end")
    sqs.purge_queue(QueueUrl=url)
    check(error_code(sqs.purge_queue, QueueUrl=url) == "AWS.SimpleQueueService.PurgeQueueInProgress",
          "a second purge within 60 s")

    # Redrive: one receive allowed, the next moves it to the DLQ; the DLQ names its source.
    dlq_url = sqs.create_queue(QueueName="wire-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(QueueName="wire-src", Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"})})["QueueUrl"]
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["RedrivePolicy"])
                        ["Attributes"]["RedrivePolicy"])
    check(policy == {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}, "RedrivePolicy: %s" % policy)
    sqs.send_message(QueueUrl=source, MessageBody="poison")
    check(len(sqs.receive_message(QueueUrl=source, VisibilityTimeout=0)["Messages"]) == 1, "first receive")
    check("Messages" not in sqs.receive_message(QueueUrl=source), "the second receive redrives it")
    dead = sqs.receive_message(QueueUrl=dlq_url, AttributeNames=["All"])["Messages"][0]
    check(dead["Body"] == "poison", "the message is in the DLQ")
    check(sqs.list_dead_letter_source_queues(QueueUrl=dlq_url)["queueUrls"] == [source], "dead-letter sources")
    if hasattr(sqs, "start_message_move_task"):  # botocore 1.29 (Debian) lacks it
        sqs.change_message_visibility(QueueUrl=dlq_url, ReceiptHandle=dead["ReceiptHandle"], VisibilityTimeout=0)
        handle = sqs.start_message_move_task(SourceArn=dlq_arn)["TaskHandle"]
        check(bool(handle), "StartMessageMoveTask gives a handle")
        tasks = sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"]
        check(len(tasks) == 1, "ListMessageMoveTasks: %s" % tasks)
        back = sqs.receive_message(QueueUrl=source).get("Messages", [])
        check([m["Body"] for m in back] == ["poison"], "the move task took it back: %s" % back)
    sqs.tag_queue(QueueUrl=url, Tags={"team": "platform", "env": "dev"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["env"])
    check(sqs.list_queue_tags(QueueUrl=url).get("Tags") == {"team": "platform"}, "queue tags round-trip")
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "1"})
    waited = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ReceiveMessageWaitTimeSeconds"])
    check(waited["Attributes"] == {"ReceiveMessageWaitTimeSeconds": "1"}, "ReceiveMessageWaitTimeSeconds: %s" % waited)
    sqs.delete_queue(QueueUrl=source)
    check(error_code(sqs.get_queue_url, QueueName="wire-src") == "AWS.SimpleQueueService.NonExistentQueue",
          "deleted queue")


if __name__ == "__main__":
    serve_and_check(run_checks, "SQS")
