-- wrk script: signed-in participants post supports as a browser would (session cookie, antiforgery cookie and
-- token), each request a (participant, proposal) pair never used before in this run. Arguments: users file,
-- proposals file, first pair number. Prints a JSON line with the statuses counted.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function lines(file)
  local t = {}
  for line in io.lines(file) do table.insert(t, line) end
  return t
end

function init(args)
  users = {}
  for _, line in ipairs(lines(args[1])) do
    local cookie, token = line:match("^(.-)\t(.*)$")
    table.insert(users, { cookie = cookie, token = token })
  end
  proposals = lines(args[2])
  first = tonumber(args[3])
  sent = 0
  accepted = 0
  refused = 0
  other = 0
end

function request()
  -- Two threads interleave: thread t sends pairs first + t, first + t + 2, ...
  local k = first + tid + 2 * sent
  sent = sent + 1
  local user = users[(k % #users) + 1]
  local proposal = proposals[(math.floor(k / #users) % #proposals) + 1]
  return wrk.format("POST", "/proposals/" .. proposal .. "?handler=Support", {
    ["Cookie"] = user.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "__csrf=" .. user.token)
end

function response(status, headers, body)
  if status == 302 then
    accepted = accepted + 1
  elseif status == 429 then
    refused = refused + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, r, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
    o = o + thread:get("other")
  end
  io.write(string.format('{"accepted":%d,"refused":%d,"other":%d}\n', a, r, o))
end
