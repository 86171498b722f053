/**
 * The local end of the OAuth redirect for `open1688 auth`: an HTTP server on 127.0.0.1 that waits
 * for 1688 to send the seller's browser back with `?code=…&state=…`. A request without the state
 * this run made up (another tab, a page that guessed the port) is refused and ignored: only the
 * redirect of our own authorize URL may hand over a code. The pages it serves never show the code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export const CALLBACK_PATH = '/callback';

/** The seller (or 1688) refused: the redirect carried `error` instead of a code. */
export class AuthorizationDeniedError extends Error {
  override name = 'AuthorizationDeniedError';
}

/** The port is taken: a runtime failure (exit 1), not a mistake in the command line. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export interface RedirectListener {
  /** `http://127.0.0.1:<port>/callback`: the redirect_uri for both the authorize URL and the exchange. */
  redirectUri: string;
  port: number;
  /** The code of the first redirect with the right state; rejects with AuthorizationDeniedError. */
  code: Promise<string>;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** 0 for any free port. */
  port: number;
  /** The state the authorize URL carries. */
  state: string;
  /** Told about each request that was refused, in words safe to print. */
  onIgnored: (why: string) => void;
}

function page(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

export async function listenForRedirect(options: ListenOptions): Promise<RedirectListener> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined); // read by the caller; never an unhandled rejection meanwhile

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return page(res, 404, 'not found');
    const params = url.searchParams;
    if (settle === undefined) return page(res, 410, 'open1688 auth has already received its redirect.');
    if (params.get('state') !== options.state) {
      options.onIgnored(`ignored a request to ${CALLBACK_PATH} whose state does not match this run's`);
      return page(res, 400, 'open1688 auth: the state does not match; this redirect was not started by this run.');
    }
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description');
      page(res, 400, 'open1688 auth: the authorisation was refused. You can close this tab.');
      settle.reject(new AuthorizationDeniedError(description ? `${error}: ${description}` : error));
      settle = undefined;
      return;
    }
    const given = params.get('code');
    if (given === null || given === '') {
      options.onIgnored(`ignored a request to ${CALLBACK_PATH} without a code`);
      return page(res, 400, 'open1688 auth: the redirect carries no code.');
    }
    page(res, 200, 'open1688 auth: authorised. You can close this tab and return to the terminal.');
    settle.resolve(given);
    settle = undefined;
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`127.0.0.1:${options.port} is in use`) : error),
    );
    // Loopback only: the code must not be reachable from the network.
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    port,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
