-- Shared by send_json.lua and send_query.lua: every answer must be a 200 carrying BODY_MD5 (a 200
-- with the wrong body counts as an error); done() prints the count and the latency percentiles.
local expected = os.getenv("BODY_MD5")  -- any server's answer carries it, however it spaces its JSON
-- Each wrk thread counts in its own Lua state; done() adds them up.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
bad = 0
function response(status, headers, body)
  if status ~= 200 or not string.find(body, expected, 1, true) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("bad")
  end
  io.write(string.format("checked: %d requests, %d wrong answers (wrk's socket errors: %d)\n",
    summary.requests, bad, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
