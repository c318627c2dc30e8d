-- Heartbeats round-robin over the workspace ids in the file named by BENCH_IDS.
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local next_index = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  next_index = next_index % #ids + 1
  local body = '{"workspace_id":"' .. ids[next_index] ..
    '","error_rate":0,"sample_error":"","active_tasks":0,"uptime_seconds":100,"current_task":""}'
  return wrk.format(nil, "/registry/heartbeat", nil, body)
end
