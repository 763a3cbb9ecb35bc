-- Shared by s3_get.lua and s3_put.lua: the 4 KiB object (OBJ_FILE, written by run_serve_bench.sh),
-- the headers a SigV4 client sends, the per-thread count of wrong answers, and done().
local file = assert(io.open(os.getenv("OBJ_FILE"), "rb"))
object = file:read("*a")
file:close()
assert(#object == 4096, "OBJ_FILE must hold 4096 bytes")
-- Unchecked by Drydock; moto routes by the credential scope; s3rver checks the access key (its own,
-- S3RVER), the date (within 15 minutes: S3_DATE is taken at the start of the run) and needs the
-- content-sha256 header (--allow-mismatched-signatures passes the made-up signature).
local date = os.getenv("S3_DATE")
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=S3RVER/" .. date:sub(1, 8) ..
  "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0"
wrk.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
wrk.headers["x-amz-date"] = date
-- Each wrk thread counts in its own Lua state; done() adds them up.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
bad = 0
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format("checked: %d requests, %d wrong answers (wrk's socket errors: %d, of which %d timeouts over 2 s)\n",
    summary.requests, bad, e.connect + e.read + e.write + e.status + e.timeout, e.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
