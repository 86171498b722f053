/**
 * A hostile gateway on 127.0.0.1 for the redaction tests. Many real gateways and proxies put the
 * request into their error text; this one puts it everywhere it can: into each dialect's error
 * fields (message, sub-message, codes, request id), into OneBound's `error` field, into its
 * `X-Request-Id` header, into HTML error pages and, when asked, into a successful payload. The echo
 * takes a different shape on each request: the raw URL and body, percent-decoded, the parameters as
 * JSON (plain, `\uXXXX`-escaped in either case, PHP's `\/`, JSON inside a JSON string), a Python
 * repr, or the whole request percent-encoded again. Every signature it receives is kept, so that
 * the tests can look for those too.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileReply = 'error' | 'html' | 'success-echo';

export interface HostileServer {
  url: string;
  /** Every `sign` / `_aop_signature` received. */
  signatures: Set<string>;
  /** Requests answered. */
  count(): number;
  /** What the next requests get (default: dialect errors and HTML pages, alternating styles). */
  reply: HostileReply | undefined;
  close(): Promise<void>;
}

type Dialect = 'top' | 'aop' | 'onebound';

interface Echo {
  raw: string;
  params: Record<string, string>;
}

const STYLES: ReadonlyArray<(echo: Echo) => string> = [
  (e) => e.raw,
  (e) => decodeKeepingPlus(e.raw),
  (e) => decodeKeepingPlus(e.raw.replaceAll('+', ' ')),
  (e) => JSON.stringify(e.params),
  (e) => asciiJson(JSON.stringify(e.params), false),
  (e) => asciiJson(JSON.stringify(e.params), true),
  (e) => JSON.stringify(e.params).replaceAll('/', '\\/'),
  (e) => JSON.stringify(JSON.stringify(e.params)),
  (e) =>
    `{${Object.entries(e.params)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ')}}`,
  (e) => encodeURIComponent(e.raw),
];

function decodeKeepingPlus(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function asciiJson(json: string, upper: boolean): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });
}

function dialectOf(path: string): Dialect {
  if (path.startsWith('/openapi/')) return 'aop';
  if (path.startsWith('/1688/')) return 'onebound';
  return 'top';
}

/** A header value Node accepts, as long as a header may be. */
function headerSafe(text: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text);
  return ascii.slice(0, 8_000);
}

function errorBody(dialect: Dialect, text: string, index: number): { status: number; body: unknown } {
  // Every third answer also puts the echo where a code belongs.
  const inCode = index % 3 === 0;
  if (dialect === 'top') {
    return {
      status: 200,
      body: {
        error_response: {
          code: inCode ? text : 25,
          msg: text,
          sub_code: inCode ? 'isv.invalid-signature' : text,
          sub_msg: text,
          request_id: text,
        },
      },
    };
  }
  if (dialect === 'aop') {
    return {
      status: 400,
      body: { error_code: inCode ? text : 'gw.SignatureInvalid', error_message: text, request_id: text },
    };
  }
  return { status: 200, body: { error_code: inCode ? text : '4016', reason: text, error: text, request_id: text } };
}

function successBody(dialect: Dialect, text: string): unknown {
  if (dialect === 'top') return { alibaba_item_get_response: { echo: text } };
  if (dialect === 'aop') return { result: { echo: text } };
  return { error_code: '0000', item: { echo: text } };
}

export async function startHostileServer(): Promise<HostileServer> {
  const signatures = new Set<string>();
  const sockets = new Set<Socket>();
  let answered = 0;
  const state: { reply: HostileReply | undefined } = { reply: undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const index = answered++;
      const url = new URL(req.url ?? '/', 'http://x');
      const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(body)) };
      for (const name of ['sign', '_aop_signature']) if (params[name]) signatures.add(params[name]);
      const raw = `${req.method} ${req.url} ${body} ${JSON.stringify(req.headers)}`;
      const text = STYLES[index % STYLES.length]!({ raw, params });
      const dialect = dialectOf(url.pathname);
      const headers = { 'content-type': 'application/json', 'x-request-id': headerSafe(text) };
      const reply = state.reply ?? (index % 4 === 3 ? 'html' : 'error');
      if (reply === 'html') {
        // Non-retryable (200) and retryable (502) pages, each with the echo inside.
        res.writeHead(index % 8 === 3 ? 502 : 200, { ...headers, 'content-type': 'text/html' });
        res.end(`<html><body><h1>Gateway error</h1><pre>${text}</pre></body></html>`);
        return;
      }
      if (reply === 'success-echo') {
        res.writeHead(200, headers);
        res.end(JSON.stringify(successBody(dialect, text)));
        return;
      }
      const { status, body: envelope } = errorBody(dialect, text, index);
      res.writeHead(status, headers);
      res.end(JSON.stringify(envelope));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    signatures,
    count: () => answered,
    get reply() {
      return state.reply;
    },
    set reply(value) {
      state.reply = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
