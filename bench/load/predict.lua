-- wrk script of bench/load/run: POST /api/v1/predict, half existing customers, half new.
--   existing: a random one of the seeded customers PREFIX000001..PREFIX<customers>,
--             with traditional (8) and social (5) features;
--   new:      an id never sent before (run tag, wrk thread, sequence), with xgboost (10) features.
-- Arguments (after --): run tag, number of seeded customers, customer id prefix.
-- done() prints one RESULT line that bench/load/run reads, and writes the latency histogram
-- ("microseconds count" lines) to the file WRK_HISTOGRAM names, when it names one.
-- Paced: with WRK_DELAY_MS above 0, each connection waits that many milliseconds after an
-- answer before it sends its next request, so that the load stays at most
-- connections * 1000 / WRK_DELAY_MS requests per second instead of as many as are answered.
-- (wrk looks for delay() before init() runs, hence the environment rather than an argument.)

local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

local function vector(n)
  local values = {}
  for i = 1, n do
    values[i] = string.format("%.4f", math.random())
  end
  return "[" .. table.concat(values, ",") .. "]"
end

local threads_made = 0

function setup(thread)
  threads_made = threads_made + 1
  thread:set("tid", threads_made)
end

function init(args)
  run_tag = args[1] or tostring(os.time())
  customers = tonumber(args[2] or "1000")
  prefix = args[3] or "BENCH"
  math.randomseed(os.time() * 100 + (tid or 0))
  sequence = 0
  -- The embedded default accepts the demo key when no API_KEYS are set.
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer local-demo-key" }
  -- Feature rows are drawn from a pool made once, so that wrk spends little per request.
  traditional, social, xgboost = {}, {}, {}
  for i = 1, 256 do
    traditional[i] = vector(8)
    social[i] = vector(5)
    xgboost[i] = vector(10)
  end
end

function request()
  local body
  if math.random() < 0.5 then
    body = string.format('{"customer_id":"%s%06d","features":{"traditional":%s,"social":%s}}',
      prefix, math.random(customers), traditional[math.random(256)], social[math.random(256)])
  else
    sequence = sequence + 1
    body = string.format('{"customer_id":"N%s-%d-%d","features":{"xgboost":%s}}',
      run_tag, tid or 0, sequence, xgboost[math.random(256)])
  end
  return wrk.format("POST", "/api/v1/predict", headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
  local path = os.getenv("WRK_HISTOGRAM")
  if path and path ~= "" then
    local file = assert(io.open(path, "w"))
    for i = 1, #latency do
      local value, count = latency(i)
      file:write(value, " ", count, "\n")
    end
    file:close()
  end
end
