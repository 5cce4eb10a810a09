-- Workload (f)'s reactions ("Respect" and its undoing, through the JSON API the page's script
-- uses) on random seeded comments, each from a distinct client address (X-Forwarded-For,
-- believed because the benchmark config trusts 127.0.0.1; without a cookie the address is the
-- reader). With $BENCH_RATE_FILE every request is a reaction, paced (pace.lua) to 5% of all
-- requests while get.lua's readers measure the page on their own, as (d) does for comments;
-- without it, $BENCH_REACTION_SHARE of this script's own requests are reactions and the rest
-- page reads, one latency for both.
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
  share = os.getenv("BENCH_RATE_FILE") and 1.0 or tonumber(os.getenv("BENCH_REACTION_SHARE") or "0.05")
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

if os.getenv("BENCH_RATE_FILE") then
  dofile(os.getenv("BENCH_DIR") .. "/wrk/pace.lua")
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + (t:get("reactions") or 0)
  end
  report(summary, latency, string.format('"reactions":%d', total))
end
