/**
 * What each command says about itself. Kept apart from the commands so that `open1688 --help` prints
 * every usage without loading any command (and with it the client, the sandbox and their dependencies).
 */

const CLIENT_FLAGS_USAGE = `credentials: --app-key K --app-secret S [--dialect top|aop|onebound] [--base-url URL]
    [--session S (top)] [--access-token T (aop)], or the OPEN1688_* variables, or --sandbox`;

/** Each command's usage, in the order `--help` lists them. */
export const USAGE = {
  item: `open1688 item <id> [--fields f1,f2] [--format table|json|csv]
  One offer: title, price and tiers, MOQ, SKUs, supplier. Default: a table on a terminal, JSON when piped.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 item 610947572360 --sandbox`,
  shop: `open1688 shop <sellerNick> [--q TEXT] [--sort price|_price|sale] [--page N] [--page-size N]
    [--all] [--csv out.csv [--force]] [--json]
  One page of the shop's items (a table, or --json), or with --all every page (--page-size 100 unless
  given): items stream to stdout, or to --csv as they arrive; Ctrl-C keeps the rows written. --csv
  refuses to replace an existing file unless --force is given.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 shop b2b-2200733087881719de --all --csv shop.csv --sandbox`,
  price: `open1688 price <id> --quantity N [--sku ID] [--json]
  The tier unit price for N units (of that SKU when the price depends on it) and the order total.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 price 61234567890 --quantity 200 --sandbox`,
  call: `open1688 call <apiName> [key=value…] [--get|--post]
  Calls any API of the gateway (signed, rate limited) and prints the unwrapped payload as JSON.
  ${CLIENT_FLAGS_USAGE}
  example: open1688 call alibaba.item.get item_id=610947572360 --sandbox`,
  sign: `open1688 sign [--secret S] [--method md5|hmac|hmac-sha256|aop] [--path P] [--json '{…}'] key=value…
  Prints the canonical string (secret masked) and the signature.
  example: open1688 sign --secret s3cr3t method=alibaba.item.get app_key=12345 item_id=610947572360`,
  listen: `open1688 listen [--group NAME] [--url ws://…] [--count N] [--no-confirm] [--app-key K --app-secret S | --sandbox]
  Prints TOP message channel (TMC) messages and confirms them; JSON lines when piped. Ctrl-C stops.
  example: open1688 listen --sandbox --count 3`,
  'push-verify': `open1688 push-verify [--secret S] [--max-age-ms N] (--body 'message=…&_aop_signature=…' | FILE | -)
  Checks the signature of a captured 1688 push and prints its message; exit 1 when it does not verify.
  example: open1688 push-verify --secret "$OPEN1688_APP_SECRET" captured-push.txt`,
  auth: `open1688 auth [--port N] [--timeout SECONDS] [--json] [--store REDIS_URL [--seller KEY]] (--app-key K --app-secret S [--base-url URL] | --sandbox)
  A seller's 1688 access and refresh tokens by OAuth: prints the authorize URL (stderr) for the seller
  to open, waits for 1688's redirect on http://127.0.0.1:<port>/callback (--port, default 18688: register
  that redirect URI with the app), checks its state, exchanges the code and prints the tokens as JSON on
  stdout (one line with --json). Keep them as secret as the app secret. --sandbox approves at once
  against the built-in sandbox. A port in use or no redirect within --timeout (300 s) exits 1.
  --store puts the tokens in the Redis token store clients read with { seller } (key: the seller's
  memberId, or --seller) and prints what was stored without the tokens.
  example: open1688 auth --sandbox --json
  example: open1688 auth --store redis://127.0.0.1:6379 --json`,
  sandbox: `open1688 sandbox [--port N] [--app key:secret]… [--qps N] [--per-minute N] [--seed N] [--fixtures DIR]
  Runs the local TOP / AOP / OneBound gateway on 127.0.0.1 until Ctrl-C; with --fixtures, it also
  serves the answers recorded in DIR (open1688 record).
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
