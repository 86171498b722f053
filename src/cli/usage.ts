/**
 * What each command says about itself. Kept apart from the commands so that `open1688 --help` prints
 * every usage without loading any command (and with it the client, the sandbox and their dependencies).
 */

const CLIENT_FLAGS_USAGE = `credentials: --dialect top|aop|onebound --app-key K (--app-secret S | --app-secret-file PATH
    | --app-secret-stdin) [--base-url URL] [--session S (top)] [--access-token T (aop)],
    or the OPEN1688_* variables, or --sandbox (the built-in sandbox's demo app, nothing else needed)`;

/** Each command's usage, in the order `--help` lists them. */
export const USAGE = {
  item: `open1688 item <id>… | - [--json | --table | --format table|json|csv] [--fields f1,f2]
  Offers: title, price and tiers, MOQ, SKUs, supplier; several ids, or - to read them from stdin.
  A table on a terminal; into a pipe JSON (one id) or JSON lines (several, or from stdin). An id that
  fails is reported on stderr and the others still printed; the exit code is then 1.
  ${CLIENT_FLAGS_USAGE}
  example: echo 610947572360 61234567890 | open1688 item - --sandbox`,
  shop: `open1688 shop <sellerNick> [--q TEXT] [--sort price|_price|sale] [--page N] [--page-size N]
    [--all] [--json | --table | --csv FILE|- [--force]]
  One page of the shop's items, or with --all every page (--page-size 100 unless given). A table on a
  terminal, JSON lines (one item a line) into a pipe; --csv writes CSV to FILE, or to stdout with -.
  The page position and "wrote N rows" go to stderr, with --all a progress bar on a terminal. Items
  stream as they arrive; Ctrl-C keeps what was written and exits 130. --csv FILE refuses to replace
  an existing file unless --force is given.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 shop b2b-2200733087881719de --all --csv shop.csv --sandbox`,
  price: `open1688 price <id> --quantity N [--sku ID] [--json]
  The tier unit price for N units (of that SKU when the price depends on it) and the order total.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 price 61234567890 --quantity 200 --sandbox`,
  call: `open1688 call <apiName> [key=value…] [--get|--post] [--json]
  Calls any API of the gateway (signed, rate limited) and prints the unwrapped payload as JSON.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 call alibaba.item.get item_id=610947572360 --sandbox`,
  sign: `open1688 sign (--app-secret S | --app-secret-file PATH | --app-secret-stdin) [--method md5|hmac|hmac-sha256|aop]
    [--path P] [--params-json '{…}'] [--json] key=value…
  Prints the canonical string (secret masked) and the signature; --json prints them as one object.
  --secret S is the same as --app-secret S.
  example: open1688 sign --app-secret s3cr3t method=alibaba.item.get app_key=12345 item_id=610947572360`,
  listen: `open1688 listen [--group NAME] [--url ws://…] [--count N] [--no-confirm] [--json]
    [--app-key K (--app-secret S | --app-secret-file PATH | --app-secret-stdin) | --sandbox]
  Prints TOP message channel (TMC) messages and confirms them: a line each on a terminal, JSON lines
  into a pipe or with --json. Ctrl-C stops it (exit 0).
  example: open1688 listen --sandbox --count 3`,
  'push-verify': `open1688 push-verify (--app-secret S | --app-secret-file PATH) [--max-age-ms N] [--json]
    (--body 'message=…&_aop_signature=…' | FILE | -)
  Checks the signature of a captured 1688 push and prints its message; exit 1 when it does not verify.
  example: open1688 push-verify --app-secret-file secret.txt captured-push.txt`,
  auth: `open1688 auth [--port N] [--timeout SECONDS] [--json] [--store REDIS_URL [--seller KEY]]
    (--app-key K (--app-secret S | --app-secret-file PATH | --app-secret-stdin) [--base-url URL] | --sandbox)
  A seller's 1688 access and refresh tokens by OAuth: prints the authorize URL (stderr) for the seller
  to open, waits for 1688's redirect on http://127.0.0.1:<port>/callback (--port, default 18688: register
  that redirect URI with the app), checks its state, exchanges the code and prints the tokens as JSON on
  stdout (one line with --json). Keep them as secret as the app secret. --sandbox approves at once
  against the built-in sandbox. A port in use or no redirect within --timeout (300 s) exits 1.
  --store puts the tokens in the Redis token store clients read with { seller } (key: the seller's
  memberId, or --seller) and prints what was stored without the tokens.
  example: open1688 auth --sandbox --json
  example: open1688 auth --store redis://127.0.0.1:6379 --json`,
  sandbox: `open1688 sandbox [--port N] [--app key:secret]… [--qps N] [--per-minute N] [--seed N] [--fixtures DIR] [--json]
  Runs the local TOP / AOP / OneBound gateway on 127.0.0.1 until Ctrl-C (exit 0); with --fixtures, it
  also serves the answers recorded in DIR (open1688 record). --json prints its URLs and demo
  credentials as one JSON line. A port already in use exits 1.
  example: open1688 sandbox --port 8688 --qps 5`,
  record: `open1688 record --dir DIR <item|call|shop|price> …
  Runs the command and writes each answer of the gateway, credentials masked, to a fixture file in DIR.
  example: open1688 record --dir fixtures item 610947572360 --sandbox`,
  demo: `open1688 demo
  The live demo behind npm start: an item, a tier price, a shop page and a full shop crawl,
  against the built-in sandbox, or the gateway of OPEN1688_APP_KEY / OPEN1688_APP_SECRET when set.
  example: open1688 demo`,
} as const;

export type CommandName = keyof typeof USAGE;

/** What every command shares: printed at the end of `--help` and of each command's help. */
export const CONVENTIONS = `conventions:
  --json        machine-readable output on stdout (JSON, or JSON lines for a listing)
  -             stdin or stdout in place of a file (item -, --csv -, push-verify -, --app-secret-file -)
  --help        a command's usage (also: open1688 help <command>); --verbose: errors show the request
  stdout carries the result only; progress, status and errors go to stderr.
exit codes: 0 ok, 1 runtime failure (API error, network, port in use, an id that failed),
  2 usage error (bad flag or argument, missing credentials), 130 interrupted (Ctrl-C).`;

/** The environment the CLI reads: the client's own variables and the terminal's. */
export const ENVIRONMENT = `environment:
  OPEN1688_DIALECT, OPEN1688_APP_KEY, OPEN1688_APP_SECRET, OPEN1688_BASE_URL, OPEN1688_SESSION,
  OPEN1688_ACCESS_TOKEN, OPEN1688_REFRESH_TOKEN   credentials, where no flag gives them
  OPEN1688_TMC_URL   the message channel of listen
  OPEN1688_QPS, OPEN1688_PER_MINUTE, OPEN1688_TIMEOUT_MS, OPEN1688_DEADLINE_MS, OPEN1688_RETRIES,
  OPEN1688_LIMITS, OPEN1688_SIGN_METHOD, OPEN1688_BACKUP_URLS, OPEN1688_REDIS_URL, OPEN1688_LANG,
  OPEN1688_CACHE   the client's options (README: Calling any API); --sandbox ignores every OPEN1688_*
  NO_COLOR, FORCE_COLOR   colour of error lines: off, or on even into a pipe`;
