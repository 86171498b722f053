/**
 * The client options from `OPEN1688_*` environment variables, so that the same script runs against
 * the sandbox and production without code changes. Each option remembers the variable it came from,
 * so that a bad value is reported by its variable's name (never by its value: it may be a secret).
 */

/** Variable → option, and how to read the text. */
const ENV: ReadonlyArray<[string, string, (text: string) => unknown]> = [
  ['OPEN1688_DIALECT', 'dialect', (t) => t],
  ['OPEN1688_APP_KEY', 'appKey', (t) => t],
  ['OPEN1688_APP_SECRET', 'appSecret', (t) => t],
  ['OPEN1688_BASE_URL', 'baseUrl', (t) => t],
  [
    'OPEN1688_BACKUP_URLS',
    'backupUrls',
    (t) =>
      t
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
  ],
  ['OPEN1688_SIGN_METHOD', 'signMethod', (t) => t],
  ['OPEN1688_SESSION', 'session', (t) => t],
  ['OPEN1688_ACCESS_TOKEN', 'accessToken', (t) => t],
  ['OPEN1688_REFRESH_TOKEN', 'refreshToken', (t) => t],
  ['OPEN1688_TIMEOUT_MS', 'timeoutMs', number],
  ['OPEN1688_DEADLINE_MS', 'deadlineMs', number],
  ['OPEN1688_QUEUE_TIMEOUT_MS', 'queueTimeoutMs', number],
  ['OPEN1688_LANG', 'lang', (t) => t],
  ['OPEN1688_CACHE', 'cache', boolean],
  ['OPEN1688_MAX_BODY_BYTES', 'maxBodyBytes', number],
  ['OPEN1688_TRACING', 'tracing', boolean],
];

function number(text: string): unknown {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

function boolean(text: string): unknown {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return text;
}

/** The options the environment supplies, with the variable each came from. */
export function optionsFromEnv(env: Readonly<Record<string, string | undefined>>): {
  options: Record<string, unknown>;
  sources: Map<string, string>;
} {
  const options: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  for (const [variable, key, read] of ENV) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    options[key] = read(text);
    sources.set(key, variable);
  }
  const retries = env.OPEN1688_RETRIES;
  if (retries !== undefined && retries !== '') {
    options.retry = /^(false|off|no)$/i.test(retries)
      ? false
      : {
          retries: number(retries),
          ...(env.OPEN1688_RETRY_MIN_DELAY_MS ? { minDelayMs: number(env.OPEN1688_RETRY_MIN_DELAY_MS) } : {}),
          ...(env.OPEN1688_RETRY_MAX_DELAY_MS ? { maxDelayMs: number(env.OPEN1688_RETRY_MAX_DELAY_MS) } : {}),
        };
    sources.set('retry', 'OPEN1688_RETRIES');
  }
  if (env.OPEN1688_LIMITS !== undefined && /^(false|off|no|0)$/i.test(env.OPEN1688_LIMITS)) {
    options.limits = false;
    sources.set('limits', 'OPEN1688_LIMITS');
  } else {
    const limits: Record<string, unknown> = {};
    for (const [variable, key] of [
      ['OPEN1688_QPS', 'qps'],
      ['OPEN1688_PER_MINUTE', 'perMinute'],
      ['OPEN1688_MAX_CONCURRENT', 'maxConcurrent'],
      ['OPEN1688_MAX_QUEUED', 'maxQueued'],
    ] as const) {
      const text = env[variable];
      if (text !== undefined && text !== '') limits[key] = number(text);
    }
    if (env.OPEN1688_REDIS_URL) limits.redis = env.OPEN1688_REDIS_URL;
    if (Object.keys(limits).length > 0) {
      options.limits = limits;
      sources.set('limits', 'OPEN1688_QPS / OPEN1688_PER_MINUTE / OPEN1688_REDIS_URL');
    }
  }
  return { options, sources };
}
