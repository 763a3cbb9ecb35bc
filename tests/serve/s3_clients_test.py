"""`drydock serve` against a real boto3: S3 calls as a worker ship or a platform team makes them.

Run with the interpreter whose boto3 is under test (Debian's /usr/bin/python3, boto3 1.26: Content-MD5
on uploads; the python3 on PATH, a current boto3: CRC32 checksums, no Content-MD5). Starts the server
over a scratch copy of tests/serve/project and checks what boto3 gets back, byte for byte. Exits 77
(skipped) when boto3 is missing.

usage: s3_clients_test.py DRYDOCK_BINARY SOURCE_DIR
"""

import hashlib
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_support import boto3, check, client, error_code, serve_and_check  # noqa: E402

from boto3.s3.transfer import TransferConfig  # noqa: E402

KEYS = ["plain.txt", "dir/hello world+x.txt", "dir/100% é ü.txt", "dir/sub/deep.txt", "a/../b.txt",
        "dir/unicode-\U0001F680.txt", "dir/"]


def run_checks(endpoint, project):
    s3 = client("s3", endpoint)
    sqs = client("sqs", endpoint)

    names = [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
    check("serve-templates" in names, "list_buckets has the template bucket: %s" % names)

    # A template uploaded to the template bucket reaches the Starbase's fan-out queue as S3 sends it.
    s3.put_object(Bucket="serve-templates", Key="Serve/new template+1.yaml", Body=b"Name: x\n")
    fan_out = sqs.get_queue_url(QueueName="serve-fanout")["QueueUrl"]
    messages = sqs.receive_message(QueueUrl=fan_out, MaxNumberOfMessages=10).get("Messages", [])
    records = [json.loads(message["Body"])["Records"][0] for message in messages]
    check([(r["eventName"], r["s3"]["object"]["key"]) for r in records] ==
          [("ObjectCreated:Put", "Serve/new+template%2B1.yaml")], "the fan-out queue's record: %s" % records)
    check(not os.path.exists(os.path.join(project, "templates/Serve/new template+1.yaml")),
          "the project's templates directory is not written")
    check(os.path.exists(os.path.join(project, ".drydock/buckets/serve-templates/Serve/new template+1.yaml")),
          "the upload lives in the state directory's overlay")

    s3.create_bucket(Bucket="wire-bucket", CreateBucketConfiguration={"LocationConstraint": "us-east-2"})
    check(error_code(s3.create_bucket, Bucket="wire-bucket",
                     CreateBucketConfiguration={"LocationConstraint": "us-east-2"}) == "BucketAlreadyOwnedByYou",
          "creating it again")
    s3.head_bucket(Bucket="wire-bucket")

    # Keys round-trip byte-exact; "a/../b.txt" is refused rather than stored outside the bucket.
    for key in KEYS:
        body = ("body of %s\r\n\x00\xff" % key).encode("utf-8", "surrogateescape")
        if key == "a/../b.txt":
            check(error_code(s3.put_object, Bucket="wire-bucket", Key=key, Body=body) == "InvalidArgument",
                  "a key with a .. segment is refused")
            continue
        put = s3.put_object(Bucket="wire-bucket", Key=key, Body=body)
        check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "ETag of %r" % key)
        got = s3.get_object(Bucket="wire-bucket", Key=key)
        check(got["Body"].read() == body and got["ContentLength"] == len(body), "the body of %r" % key)
    listed = s3.list_objects_v2(Bucket="wire-bucket", Prefix="dir/", Delimiter="/")
    check(sorted(o["Key"] for o in listed["Contents"]) ==
          sorted(k for k in KEYS if k.startswith("dir/") and "/" not in k[4:]), "ListObjectsV2: %s" % listed)
    check([p["Prefix"] for p in listed["CommonPrefixes"]] == ["dir/sub/"], "CommonPrefixes")

    # Paging, v2 and v1, through boto3's own paginators.
    for i in range(25):
        s3.put_object(Bucket="wire-bucket", Key="many/%02d" % i, Body=b"x")
    for operation in ("list_objects_v2", "list_objects"):
        pages = list(s3.get_paginator(operation).paginate(Bucket="wire-bucket", Prefix="many/",
                                                          PaginationConfig={"PageSize": 10}))
        keys = [o["Key"] for page in pages for o in page["Contents"]]
        check(len(pages) == 3 and keys == ["many/%02d" % i for i in range(25)], "%s pages" % operation)

    # Range and conditional GETs, HEAD.
    got = s3.get_object(Bucket="wire-bucket", Key="plain.txt", Range="bytes=0-3")
    check(got["Body"].read() == b"body" and got["ContentRange"].startswith("bytes 0-3/"), "Range")
    etag = s3.head_object(Bucket="wire-bucket", Key="plain.txt")["ETag"]
    check(error_code(s3.get_object, Bucket="wire-bucket", Key="plain.txt", IfNoneMatch=etag) == "304",
          "If-None-Match: 304")
    check(error_code(s3.get_object, Bucket="wire-bucket", Key="plain.txt", IfMatch='"nope"') ==
          "PreconditionFailed", "If-Match: 412")
    check(error_code(s3.get_object, Bucket="wire-bucket", Key="missing") == "NoSuchKey", "NoSuchKey")
    check(error_code(s3.get_object, Bucket="no-such-bucket", Key="k") == "NoSuchBucket", "NoSuchBucket")
    check(error_code(s3.put_object, Bucket="wire-bucket", Key="md5", Body=b"x",
                     ContentMD5="AAAAAAAAAAAAAAAAAAAAAA==") == "BadDigest", "a wrong Content-MD5")

    # A multipart upload (9 MiB in 5 MiB parts), as upload_fileobj makes it; then CopyObject.
    big = os.urandom(9 << 20)
    s3.upload_fileobj(io.BytesIO(big), "wire-bucket", "big/nine mb.bin",
                      Config=TransferConfig(multipart_threshold=5 << 20, multipart_chunksize=5 << 20))
    check(s3.head_object(Bucket="wire-bucket", Key="big/nine mb.bin")["ContentLength"] == len(big), "multipart size")
    out = io.BytesIO()
    s3.download_fileobj("wire-bucket", "big/nine mb.bin", out)
    check(out.getvalue() == big, "the multipart object downloads byte-exact")
    s3.copy_object(Bucket="wire-bucket", Key="copy.txt", CopySource={"Bucket": "wire-bucket", "Key": "plain.txt"})
    check(s3.get_object(Bucket="wire-bucket", Key="copy.txt")["Body"].read().startswith(b"body of plain.txt"),
          "CopyObject")

    # DeleteObjects, then the bucket once it is empty.
    check(error_code(s3.delete_bucket, Bucket="wire-bucket") == "BucketNotEmpty", "BucketNotEmpty")
    everything = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="wire-bucket")
                  for o in page.get("Contents", [])]
    deleted = s3.delete_objects(Bucket="wire-bucket", Delete={"Objects": [{"Key": k} for k in everything]})
    check(sorted(d["Key"] for d in deleted["Deleted"]) == sorted(everything) and not deleted.get("Errors"),
          "DeleteObjects deleted %d keys" % len(everything))
    s3.delete_bucket(Bucket="wire-bucket")
    check(error_code(s3.head_bucket, Bucket="wire-bucket") == "404", "the bucket is gone")


if __name__ == "__main__":
    serve_and_check(run_checks, "S3 " + boto3.__version__)
