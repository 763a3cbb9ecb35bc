-- wrk: SQS SendMessage over the Query protocol; every answer is checked for the body's MD5.
wrk.method = "POST"
-- A SigV4 header as real clients send (unchecked by Drydock; moto routes by its credential scope).
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
wrk.body = "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%2F123456789012%2F" ..
  (os.getenv("QUEUE") or "bench-q") .. "&MessageBody=hello+wrk"
dofile(os.getenv("BENCH_DIR") .. "/check_md5.lua")
