-- wrk: thread i talks to real server 10.0.1.(i mod 4 + 1) directly (run with -t 4 or a multiple).
local next = 0
function setup(thread)
  thread.addr = wrk.lookup("10.0.1." .. (next % 4 + 1), "80")[1]
  next = next + 1
end
