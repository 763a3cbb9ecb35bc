-- wrk: S3 PutObject of the 4 KiB object (OBJ_FILE) to rotating keys put-<thread>-<0..255>, path-style;
-- every answer is checked: status 200 and the ETag header equal to the quoted MD5 of the body (OBJ_MD5).
dofile(os.getenv("BENCH_DIR") .. "/s3_common.lua")
local etag = '"' .. os.getenv("OBJ_MD5") .. '"'
local n = 0
function request()
  n = n + 1
  return wrk.format("PUT", string.format("/bench-bucket/put-%d-%d", id, n % 256), nil, object)
end
function response(status, headers, body)
  -- Header names as the server spells them (ETag, or etag from s3rver).
  local got
  for name, value in pairs(headers) do
    if name:lower() == "etag" then got = value end
  end
  if status ~= 200 or got ~= etag then
    bad = bad + 1
  end
end
