-- wrk: SQS SendMessage over the JSON protocol; every answer is checked (a 200 with the wrong body counts
-- as an error): it must carry the body's MD5 (BODY_MD5, the md5 of "hello wrk").
wrk.method = "POST"
-- A SigV4 header as real clients send (unchecked by Drydock; moto routes by its credential scope).
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.SendMessage"
wrk.body = '{"QueueUrl": "http://127.0.0.1/123456789012/' .. (os.getenv("QUEUE") or "bench-q") .. '", "MessageBody": "hello wrk"}'
dofile(os.getenv("BENCH_DIR") .. "/check_md5.lua")
