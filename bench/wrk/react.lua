-- Workload (f): the article page with 5% of the requests being reactions ("Respect" and its
-- undoing, through the JSON API the page's script uses) on random seeded comments, each from a
-- distinct client address (X-Forwarded-For, believed because the benchmark config trusts
-- 127.0.0.1; without a cookie the address is the reader). wrk's latency covers every request,
-- reactions included: the figure is the page's under this mix.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local threads = {}
local next_tid = 0

function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tid * 7919)
  slug = os.getenv("BENCH_SLUG")
  page = "/articles/" .. slug
  max_id = tonumber(os.getenv("BENCH_MAX_PARENT") or "200")
  share = tonumber(os.getenv("BENCH_REACTION_SHARE") or "0.05")
  accept = os.getenv("BENCH_ACCEPT_ENCODING") or ""
  reactions = 0
end

function request()
  if math.random() < share then
    reactions = reactions + 1
    local id = math.random(1, max_id)
    local method = (math.random() < 0.7) and "POST" or "DELETE"
    local addr = string.format("10.%d.%d.%d", tid, math.random(0, 255), math.random(1, 254))
    return wrk.format(method, "/api/comments/" .. id .. "/reaction",
      { ["X-Forwarded-For"] = addr, ["Accept"] = "application/json" }, nil)
  end
  local h = {}
  if accept ~= "" then h["Accept-Encoding"] = accept end
  return wrk.format("GET", page, h, nil)
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + (t:get("reactions") or 0)
  end
  report(summary, latency, string.format('"reactions":%d', total))
end
