-- wrk script: client_credentials, each request authenticated as the next of many clients
-- (BENCH_CREDS_FILE: one base64 "client_id:secret" per line). Thread i of n starts at line i and
-- steps by n, so the threads together walk every client in turn. Every answer is checked.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup

function init(args)
  common.reset()
  creds = common.my_lines(os.getenv("BENCH_CREDS_FILE"))
  -- start at a different place in each run, so a run does not replay the previous one's order
  pos = math.random(#creds)
end

function request()
  pos = pos % #creds + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. creds[pos],
    ["Accept"] = "application/json",
  }, "grant_type=client_credentials")
end

function response(status, headers, body) common.count(status, body, '"access_token"') end
done = common.done
