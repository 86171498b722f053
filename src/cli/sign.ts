/**
 * `open1688 sign`: the tool to reach for when a gateway answers "Invalid signature". It prints the
 * canonical string (the secret and credential values masked, as whole values) and the signature,
 * to compare with what the caller computed.
 */
import { signAop, signTop, TOP_SIGN_METHODS } from '../signing/index.js';
import { jsonLine } from './format.js';
import { SECRET_FLAGS, secretOf } from './secret-source.js';
import { type CliIo, parseFlags, parsePairs, UsageError } from './args.js';
import { maskedCanonical } from './masked-canonical.js';
import { quote } from '../text/quote.js';

const METHODS = [...TOP_SIGN_METHODS, 'aop'] as const;
type SignCommandMethod = (typeof METHODS)[number];

/**
 * `--json` used to take the parameters; it now asks for JSON output like on every command. The old
 * use (`--json '{…}'` or `--json={…}`) gets an error naming the new flag rather than a puzzling one.
 */
function refuseOldJsonInput(args: readonly string[]): void {
  const at = args.findIndex(
    (arg, i) => arg.startsWith('--json=') || (arg === '--json' && args[i + 1]?.trimStart().startsWith('{')),
  );
  if (at !== -1) {
    throw new UsageError("--json now means JSON output: pass the parameters with --params-json '{…}'");
  }
}

export function runSign(args: string[], io: CliIo): number {
  refuseOldJsonInput(args);
  const { values, positionals } = parseFlags(args, {
    ...SECRET_FLAGS,
    method: { type: 'string', default: 'md5' },
    path: { type: 'string' },
    'params-json': { type: 'string' },
    json: { type: 'boolean' },
  });
  const secret = secretOf(values, io);
  const method = values.method as SignCommandMethod;
  if (!METHODS.includes(method))
    throw new UsageError(`--method must be one of ${METHODS.join(', ')}, got ${quote(method)}`);
  const params = { ...parseJson(values['params-json']), ...parsePairs(positionals) };

  let signature: string;
  if (method === 'aop') {
    if (!values.path) throw new UsageError('--method aop needs --path param2/1/<namespace>/<apiName>/<appKey>');
    signature = signAop(values.path, params, secret);
  } else {
    if (values.path) throw new UsageError('--path is only for --method aop');
    signature = signTop(params, secret, method);
  }
  const canonical = maskedCanonical({ method, params, secret, path: values.path });
  if (values.json) io.stdout(jsonLine({ method, canonical, sign: signature }));
  else io.stdout(`canonical: ${canonical}\nsign:      ${signature}\n`);
  return 0;
}

function parseJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--params-json is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError('--params-json must be a JSON object of parameters');
  }
  return value as Record<string, unknown>;
}
