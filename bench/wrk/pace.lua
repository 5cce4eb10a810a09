-- Paced requests (the writers of (d), the reactions of (f)): each wrk thread sends its share of the rate in
-- $BENCH_RATE_FILE (requests a second, rewritten by bench/run.py as the readers' rate moves,
-- read again every 100 ms) on a fixed schedule, whatever the latency (a request that is late
-- goes out at once, catching up at most 100 ms), so the rate is what was asked as long as the
-- connections suffice.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local rate_file = os.getenv("BENCH_RATE_FILE")
local threads_n = tonumber(os.getenv("BENCH_THREADS") or "1")
local interval = nil
local read_at = -1e9
local function refresh_rate(now)
  if now - read_at < 100 then
    return
  end
  read_at = now
  local f = io.open(rate_file, "r")
  if f then
    local rate = tonumber(f:read("*l") or "")
    f:close()
    if rate and rate > 0 then
      interval = threads_n * 1000 / rate
    end
  end
end
local next_due = nil
function delay()
  local now = now_ms()
  refresh_rate(now)
  if interval == nil then
    return 10
  end
  if next_due == nil or next_due < now - 100 then
    next_due = now
  end
  next_due = next_due + interval
  local d = next_due - interval - now
  if d < 0 then
    return 0
  end
  return math.floor(d)
end
