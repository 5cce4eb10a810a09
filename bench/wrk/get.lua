-- Workloads (a), (b) and the readers of (d): one static GET, wrk's fast path (no request()).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local accept = os.getenv("BENCH_ACCEPT_ENCODING")
if accept and accept ~= "" then
  wrk.headers["Accept-Encoding"] = accept
end

function done(summary, latency, requests)
  report(summary, latency, nil)
end
