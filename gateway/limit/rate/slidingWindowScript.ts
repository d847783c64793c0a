/**
 * `slidingWindow.ts` in Redis, atomic: one hash per counter, holding the count of the current
 * and the previous fixed window (older ones are deleted, the key expires after two idle
 * windows). Counts the request against every counter only when each has room.
 *
 * KEYS: the counters. ARGV[1]: now (ms), ARGV[2]: window (ms), ARGV[2 + i]: KEYS[i]'s limit.
 * Returns { allowed (1 | 0), current_1, previous_1, current_2, previous_2, … }, the counts
 * before this request. The decision repeats `refuses()` operation for operation, so that
 * Redis and memory decide alike.
 *
 * The time comes from the gateway, not Redis's clock: instances' clocks agree to well under a
 * window (NTP), and tests can then drive both stores with one clock.
 */
export const SLIDING_WINDOW_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local index = math.floor(now / window)
local weight = 1 - (now - index * window) / window
local current_field = tostring(index)
local previous_field = tostring(index - 1)
local reply = { 1 }
for i, key in ipairs(KEYS) do
  local current = tonumber(redis.call('HGET', key, current_field) or '0')
  local previous = tonumber(redis.call('HGET', key, previous_field) or '0')
  reply[2 * i] = current
  reply[2 * i + 1] = previous
  if previous * weight + current + 1 > tonumber(ARGV[2 + i]) + 1e-9 then reply[1] = 0 end
end
if reply[1] == 1 then
  for _, key in ipairs(KEYS) do
    redis.call('HINCRBY', key, current_field, 1)
    redis.call('HDEL', key, tostring(index - 2))
    redis.call('PEXPIRE', key, 2 * window)
  end
end
return reply
`;
