-- Workload (c) and the writers of (d): POST comments through the JSON API, each from a distinct
-- client (X-Forwarded-For, believed because the benchmark config trusts 127.0.0.1), with civil,
-- varied text so the moderation pipeline publishes them. Every acknowledged (201/202) comment's
-- id is collected and written to $BENCH_IDS, so the runner can compare it with the database.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local threads = {}
local next_tid = 0

function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  table.insert(threads, thread)
end

local words = {
  "the", "embassy", "story", "report", "ambassador", "gallery", "city", "morning", "police", "officials",
  "statement", "investigation", "question", "answer", "evening", "street", "security", "guards", "crowd",
  "news", "coverage", "reporters", "details", "timeline", "witnesses", "people", "families", "travel",
  "advice", "closed", "consulate", "Istanbul", "Ankara", "Turkey", "Russia", "diplomats", "government",
  "careful", "calm", "worried", "hopeful", "informed", "sensible", "clear", "early", "later", "today",
  "tomorrow", "weekend", "interesting", "important", "strange", "surprising", "likely", "unlikely",
  "think", "wonder", "believe", "hope", "expect", "suspect", "agree", "disagree", "read", "watched",
  "heard", "learned", "noticed", "remember", "forget", "explain", "understand", "follow", "update",
  "and", "but", "because", "while", "after", "before", "with", "without", "about", "around", "across",
  "from", "into", "over", "under", "between", "during", "until", "since", "maybe", "perhaps", "really",
  "quite", "very", "still", "again", "already", "soon", "here", "there", "this", "that", "these",
  "those", "we", "they", "everyone", "nobody", "somebody", "neighbours", "friends", "colleagues",
  "history", "context", "politics", "diplomacy", "relations", "agreement", "meeting", "summit",
  "press", "conference", "interview", "article", "headline", "source", "translation", "map", "photo",
  "river", "bridge", "museum", "exhibition", "painting", "artist", "visitors", "tickets", "queue",
  "coffee", "tea", "bread", "market", "train", "bus", "airport", "flight", "delay", "schedule",
  "weather", "snow", "rain", "winter", "cold", "bright", "quiet", "busy", "crowded", "empty",
}

function init(args)
  n = 0
  ids = {}
  other = 0
  -- $BENCH_NODE (workload (e): one writer process a node) keeps the processes' texts, authors and
  -- client addresses apart, so no node's comments repeat another's.
  node = tonumber(os.getenv("BENCH_NODE") or "0")
  math.randomseed(tid * 7919 + node * 104729)
  slug = os.getenv("BENCH_SLUG")
  path = "/api/articles/" .. slug .. "/comments"
  reply_share = tonumber(os.getenv("BENCH_REPLY_SHARE") or "0.2")
  max_parent = tonumber(os.getenv("BENCH_MAX_PARENT") or "200")
end

local function sentence(k)
  local t = {}
  for i = 1, k do
    t[i] = words[math.random(#words)]
  end
  t[1] = t[1]:sub(1, 1):upper() .. t[1]:sub(2)
  return table.concat(t, " ") .. "."
end

function request()
  n = n + 1
  local body = sentence(math.random(8, 16)) .. " " .. sentence(math.random(8, 16))
  if math.random() < 0.3 then
    body = body .. " *" .. sentence(math.random(3, 6)) .. "*"
  end
  local parent = ""
  if math.random() < reply_share then
    parent = string.format(',"parent_id":%d', math.random(max_parent))
  end
  local who = node > 0 and string.format("%d-%d-%d", node, tid, n) or string.format("%d-%d", tid, n)
  local json = string.format('{"body":"%s","author":"bench %s"%s}', body, who, parent)
  local ip = string.format("%d.%d.%d.%d", 10 + tid + 16 * node, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = ip,
  }, json)
end

if os.getenv("BENCH_RATE_FILE") then
  -- Paced writers (workload (d)): see pace.lua.
  dofile(os.getenv("BENCH_DIR") .. "/wrk/pace.lua")
end

function response(status, headers, body)
  if status == 201 or status == 202 then
    ids[#ids + 1] = body:match('"id":(%d+)')
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local all = {}
  local others = 0
  for _, t in ipairs(threads) do
    for _, id in ipairs(t:get("ids")) do
      all[#all + 1] = id
    end
    others = others + t:get("other")
  end
  local f = assert(io.open(os.getenv("BENCH_IDS"), "w"))
  f:write(table.concat(all, "\n"), "\n")
  f:close()
  report(summary, latency, string.format('"acknowledged":%d,"refused":%d', #all, others))
end
