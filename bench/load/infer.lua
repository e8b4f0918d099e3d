-- wrk script of bench/load/infer: POST /v2/models/<model>/infer, each request one FP32 tensor
-- of ROWS rows, the models of MODELS in turn. Bodies are made once, from a pool of 16 per model.
-- Arguments (after --): rows per request, comma-separated model=width list.
-- done() prints one RESULT line that bench/load/infer reads.

local function row(width)
  local values = {}
  for i = 1, width do
    values[i] = string.format("%.4f", math.random())
  end
  return table.concat(values, ",")
end

local threads_made = 0

function setup(thread)
  threads_made = threads_made + 1
  thread:set("tid", threads_made)
end

function init(args)
  local rows = tonumber(args[1] or "64")
  math.randomseed(os.time() * 100 + (tid or 0))
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer local-demo-key" }
  paths, bodies = {}, {}
  for spec in string.gmatch(args[2] or "traditional=8,social=5,xgboost=10", "[^,]+") do
    local model, width = string.match(spec, "([^=]+)=(%d+)")
    width = tonumber(width)
    local pool = {}
    for b = 1, 16 do
      local data = {}
      for r = 1, rows do
        data[r] = row(width)
      end
      pool[b] = string.format('{"inputs":[{"name":"features","datatype":"FP32","shape":[%d,%d],"data":[%s]}]}',
        rows, width, table.concat(data, ","))
    end
    paths[#paths + 1] = "/v2/models/" .. model .. "/infer"
    bodies[#bodies + 1] = pool
  end
  turn = tid or 0
end

function request()
  turn = turn + 1
  local m = turn % #paths + 1
  return wrk.format("POST", paths[m], headers, bodies[m][math.random(16)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d "
      .. "p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
