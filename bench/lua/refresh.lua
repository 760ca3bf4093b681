-- wrk script: the refresh_token grant with rotation. Each thread holds a pool of refresh tokens
-- (from BENCH_TOKENS_FILE, one per line, split between the threads; at least as many per thread
-- as it has connections). A request takes a token out of the pool; its answer puts the NEW
-- refresh token back, so every token is used exactly once (works with one-time-use rotation and
-- reuse detection, and with servers that hand back the same token).
--   BENCH_AUTH         base64 client_id:secret (client_secret_basic)
--   BENCH_TOKENS_FILE  the refresh tokens
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local auth = os.getenv("BENCH_AUTH")
setup = common.setup

function init(args)
  common.reset()
  pool = common.my_lines(os.getenv("BENCH_TOKENS_FILE"))
end

function request()
  local t = table.remove(pool)
  if t == nil then t = "pool-empty" end  -- answered 400 and counted as an error
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. auth,
    ["Accept"] = "application/json",
  }, "grant_type=refresh_token&refresh_token=" .. t)
end

function response(status, headers, body)
  if common.count(status, body, '"access_token"') then
    local rt = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if rt then table.insert(pool, rt) else bad2xx = bad2xx + 1; ok = ok - 1 end
  end
end

done = common.done
