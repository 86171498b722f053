/** `open1688 call <apiName> key=value…`: any API of the dialect, its payload as raw JSON. */
import { type CliIo, parseFlags, parsePairs, UsageError } from './args.js';
import { CLIENT_FLAGS, clientFromFlags } from './client-flags.js';
import { toJson } from './format.js';

export async function runCall(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    ...CLIENT_FLAGS,
    get: { type: 'boolean' },
    post: { type: 'boolean' },
    // Accepted for the one meaning --json has on every command: the payload is JSON already.
    json: { type: 'boolean' },
  });
  const [apiName, ...pairs] = positionals;
  if (apiName === undefined) throw new UsageError('missing the API name: open1688 call <apiName> key=value…');
  if (values.get && values.post) throw new UsageError('--get and --post exclude each other');
  const params = parsePairs(pairs);
  const httpMethod = values.get ? 'GET' : values.post ? 'POST' : undefined;
  const { client, close } = await clientFromFlags(values, io);
  try {
    const payload = await client.call(apiName, params, httpMethod ? { httpMethod } : {});
    io.stdout(toJson(payload));
    return 0;
  } finally {
    await close();
  }
}
