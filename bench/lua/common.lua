-- Shared by the benchmark's wrk scripts: per-thread counters and the RESULT line (same keys as the
-- peers' token.lua, so one summarizer reads both).
local M = {}
M.threads = {}

function M.setup(thread)
  table.insert(M.threads, thread)
  thread:set("id", #M.threads)
end

-- This thread's share of a file's non-empty lines: thread i of BENCH_THREADS takes lines i, i+n, ...
-- (call from init, where the thread's global id is set).
function M.my_lines(path)
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
  local mine, i = {}, 0
  for line in io.lines(path) do
    if line ~= "" then
      if i % nthreads == id - 1 then table.insert(mine, line) end
      i = i + 1
    end
  end
  return mine
end

function M.reset()
  ok, non2xx, bad2xx, first_bad = 0, 0, 0, ""
end

function M.count(status, body, expect)
  if status >= 200 and status < 300 and (expect == nil or (body and string.find(body, expect, 1, true))) then
    ok = ok + 1
    return true
  end
  if status >= 200 and status < 300 then bad2xx = bad2xx + 1 else non2xx = non2xx + 1 end
  if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 160) end
  return false
end

function M.done(summary, latency, requests)
  local tok, tnon2xx, tbad, bad = 0, 0, 0, ""
  for _, t in ipairs(M.threads) do
    tok = tok + t:get("ok")
    tnon2xx = tnon2xx + t:get("non2xx")
    tbad = tbad + t:get("bad2xx")
    local b = t:get("first_bad")
    if bad == "" and b and b ~= "" then bad = b end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  bad = string.gsub(bad, "[%c\"]", " ")
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f ok_rps=%.1f ok=%d non2xx=%d no_token=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d " ..
    "lat_mean_ms=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f first_bad=\"%s\"\n",
    summary.requests, secs, summary.requests / secs, tok / secs, tok, tnon2xx, tbad,
    e.connect, e.read, e.write, e.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, bad))
end

return M
