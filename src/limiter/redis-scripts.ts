/**
 * SlidingLog (sliding-log.ts, where the correctness argument is) as Lua scripts, so that the log of a
 * shared quota lives in Redis and every decision is taken atomically by the Redis server, on its own
 * clock (`TIME`): no process holds units in timers, and units of a process that dies come back by
 * themselves (log entries expire, running entries lapse at their lease deadline).
 *
 * Every script mirrors one SlidingLog method line by line (including the detection of a lost log,
 * explained there); the equivalence test runs the same bodies
 * with the clock read from the last argument instead of `TIME` (`buildScripts('argv')`), which is the
 * only difference between the two variants.
 *
 * KEYS: [1] running entries (id → lease deadline), [2] the pause (its end), [3…] one log per window
 * (id → end of counting). One quota's keys share a hash tag, so they sit in one Redis Cluster slot.
 * ARGV: [1] key TTL (ms), [2] lease (µs), [3 … 2+nw] window lengths (µs), then the script's own.
 * Scores are µs since the epoch (about 1.7e15): exact in a double, but Lua 5.1 turns a number into
 * a string with 14 significant digits (Redis 7 patched its copy to 17; older servers did not), so
 * every score is formatted with `%.0f` before Redis sees it.
 * TIME inside a script needs Redis 5 or later (effects replication, the default since 5).
 */

const CLOCKS = {
  redis: `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local argc = #ARGV`,
  argv: `local now = tonumber(ARGV[#ARGV])
local argc = #ARGV - 1`,
};

const PROLOGUE = `
local nw = #KEYS - 2
local lease = tonumber(ARGV[2])
local win = {}
local longest = 1
for w = 1, nw do
  win[w] = tonumber(ARGV[2 + w])
  if win[w] > win[longest] then longest = w end
end
local base = 3 + nw
-- The pause key holds its end; expiry only cleans up, so it may outlive the pause by a second (and
-- must, for the equivalence test, whose clock does not move with Redis's).
local PAUSE_KEY_SLACK_MS = 1000
local function fmt(x) return string.format('%.0f', x) end
local function sweep()
  local lapsed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', fmt(now), 'WITHSCORES')
  for i = 1, #lapsed, 2 do
    for w = 1, nw do redis.call('ZADD', KEYS[2 + w], fmt(tonumber(lapsed[i + 1]) + win[w] + 1), lapsed[i]) end
  end
  if #lapsed > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', fmt(now)) end
  for w = 1, nw do redis.call('ZREMRANGEBYSCORE', KEYS[2 + w], '-inf', fmt(now)) end
end
local function touch()
  for k = 1, #KEYS do if k ~= 2 then redis.call('PEXPIRE', KEYS[k], ARGV[1]) end end
end
`;

/**
 * ARGV: id, the caller's last finished id and until when (µs) it must still count ('' and 0 for
 * none), then one limit per window. Returns {admitted 0/1, wait ms, paused 0/1, lost 0/1}.
 */
const ADMIT = `
local lost = 0
local expected = ARGV[base + 1]
if expected ~= '' and now < tonumber(ARGV[base + 2]) and not redis.call('ZSCORE', KEYS[1], expected)
    and not redis.call('ZSCORE', KEYS[2 + longest], expected) then
  lost = 1
  local quarantine = now + win[longest] + lease
  if quarantine > tonumber(redis.call('GET', KEYS[2]) or '0') then
    redis.call('SET', KEYS[2], fmt(quarantine), 'PX', fmt(math.ceil((quarantine - now) / 1000) + PAUSE_KEY_SLACK_MS))
  end
end
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if pausedUntil > now then return {0, math.ceil((pausedUntil - now) / 1000), 1, lost} end
sweep()
local running = redis.call('ZCARD', KEYS[1])
local waitUs = 0
for w = 1, nw do
  local size = redis.call('ZCARD', KEYS[2 + w])
  local excess = running + size - tonumber(ARGV[base + 2 + w]) + 1
  if excess > 0 then
    local free = now + win[w]
    if excess <= size then
      free = tonumber(redis.call('ZRANGE', KEYS[2 + w], excess - 1, excess - 1, 'WITHSCORES')[2])
    end
    if free - now > waitUs then waitUs = free - now end
  end
end
if waitUs > 0 then return {0, math.ceil(waitUs / 1000), 0, 0} end
redis.call('ZADD', KEYS[1], fmt(now + lease), ARGV[base])
touch()
return {1, 0, 0, 0}`;

/** ARGV: id. Returns the moment of the end (µs), which the caller's next admissions pass back. */
const FINISH = `
redis.call('ZREM', KEYS[1], ARGV[base])
for w = 1, nw do redis.call('ZADD', KEYS[2 + w], fmt(now + win[w] + 1), ARGV[base]) end
touch()
return now`;

/** ARGV: id. */
const REFUND = `
redis.call('ZREM', KEYS[1], ARGV[base])
for w = 1, nw do redis.call('ZREM', KEYS[2 + w], ARGV[base]) end
return 1`;

/** ARGV: the running ids of one process. */
const RENEW = `
for i = base, argc do redis.call('ZADD', KEYS[1], 'XX', fmt(now + lease), ARGV[i]) end
touch()
return 1`;

/** ARGV: pause length (µs). Returns the ms left of the (possibly longer) pause. */
const PAUSE = `
local untilUs = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now + tonumber(ARGV[base]))
local leftMs = math.ceil((untilUs - now) / 1000)
redis.call('SET', KEYS[2], fmt(untilUs), 'PX', fmt(leftMs + PAUSE_KEY_SLACK_MS))
return leftMs`;

/** ARGV: n, n running ids, then per window: m, m pairs of (id, µs left). */
const RESTORE = `
local i = base + 1
for k = 1, tonumber(ARGV[base]) do
  redis.call('ZADD', KEYS[1], fmt(now + lease), ARGV[i])
  i = i + 1
end
for w = 1, nw do
  local m = tonumber(ARGV[i])
  i = i + 1
  for k = 1, m do
    local remaining = tonumber(ARGV[i + 1])
    if remaining > 0 then redis.call('ZADD', KEYS[2 + w], fmt(now + remaining), ARGV[i]) end
    i = i + 2
  end
end
touch()
return 1`;

const BODIES = { admit: ADMIT, finish: FINISH, refund: REFUND, renew: RENEW, pause: PAUSE, restore: RESTORE };

/** The name of each script, as ioredis commands are defined (`open1688Admit`, …). */
export type ScriptName = keyof typeof BODIES;

/** Full script texts; `argv` reads the clock from the last argument (tests only). */
export function buildScripts(clock: keyof typeof CLOCKS): Record<ScriptName, string> {
  const scripts = {} as Record<ScriptName, string>;
  for (const [name, body] of Object.entries(BODIES) as Array<[ScriptName, string]>) {
    scripts[name] = `${CLOCKS[clock]}\n${PROLOGUE}${body}`;
  }
  return scripts;
}

/** The common ARGV prefix: key TTL (ms), lease (µs), window lengths (µs). */
export function commonArgs(ttlMs: number, leaseUs: number, windowsUs: readonly number[]): string[] {
  return [String(Math.ceil(ttlMs)), String(leaseUs), ...windowsUs.map(String)];
}

/** The keys of one quota: running, pause, one log per window, all in one Cluster slot. */
export function quotaKeys(appKey: string, id: string, windowsMs: readonly number[]): string[] {
  // `{…}` is the hash tag; encodeURIComponent keeps braces of the app key or id from breaking it.
  const base = `open1688:limiter:{${encodeURIComponent(appKey)}:${encodeURIComponent(id)}}`;
  return [`${base}:running`, `${base}:pause`, ...windowsMs.map((ms) => `${base}:log:${ms}`)];
}
