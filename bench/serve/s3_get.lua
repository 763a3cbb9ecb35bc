-- wrk: S3 GetObject of the 4 KiB object, path-style; every answer is checked (a 200 with the wrong
-- body counts as an error): status 200 and the body byte-equal to OBJ_FILE's 4096 bytes.
dofile(os.getenv("BENCH_DIR") .. "/s3_common.lua")
wrk.method = "GET"
wrk.path = "/bench-bucket/obj-4k"
function response(status, headers, body)
  -- LuaJIT interns strings, so the comparison is cheap; the length check says which way it failed.
  if status ~= 200 or #body ~= 4096 or body ~= object then
    bad = bad + 1
  end
end
