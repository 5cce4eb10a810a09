-- Shared by every workload: writes wrk's summary as JSON to $BENCH_OUT when the run ends.
-- Latencies are wrk's, in microseconds. `extra` (a function returning a JSON fragment, may be
-- nil) lets a script add its own figures.
local out_path = os.getenv("BENCH_OUT")

function report(summary, latency, extra)
  local e = summary.errors
  local f = assert(io.open(out_path, "w"))
  f:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}%s}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    extra and ("," .. extra) or ""))
  f:close()
end
