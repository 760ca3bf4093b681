-- wrk script: one fixed request, every answer checked (2xx and a body containing BENCH_EXPECT).
--   BENCH_METHOD  GET (default) or POST
--   BENCH_BODY    form body for POST (application/x-www-form-urlencoded)
--   BENCH_AUTH    base64 client_id:secret for client_secret_basic (optional)
--   BENCH_EXPECT  a string every good answer contains (optional)
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local expect = os.getenv("BENCH_EXPECT")
if expect == "" then expect = nil end

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = "Basic " .. auth end
wrk.headers["Accept"] = "application/json"

setup = common.setup
function init(args) common.reset() end
function response(status, headers, body) common.count(status, body, expect) end
done = common.done
