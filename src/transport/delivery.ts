/** What a transport failure says about delivery: whether the request can have reached a server. */

/** Error codes that prove the request never reached a server: safe to send again anywhere. */
export const NOT_DELIVERED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
