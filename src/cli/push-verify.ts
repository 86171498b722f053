/**
 * `open1688 push-verify`: checks a captured 1688 push (the url-encoded form body the platform POSTed,
 * `message=…&_aop_signature=…`) against the app secret, and shows the message it carries. Exit 0 when
 * the signature is right and the message well-formed, 1 otherwise. Neither the secret nor any
 * signature is printed (an expected signature would let a tampered message pass).
 */
import { readFileSync } from 'node:fs';
import { parseAopPush, verifyAopPush } from '../messages/aop-push.js';
import { formFields } from '../messages/http-body.js';
import { jsonLine } from './format.js';
import { SECRET_FLAGS, secretOf } from './secret-source.js';
import { type CliIo, EXIT_API_ERROR, parseFlags, UsageError } from './args.js';

function readBody(body: string | undefined, positionals: string[]): string {
  if (body !== undefined && positionals.length > 0)
    throw new UsageError('give the push either with --body or as a FILE, not both');
  if (body !== undefined) return body;
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('missing push: pass --body TEXT, a FILE, or - for stdin');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function runPushVerify(args: string[], io: CliIo): number {
  const { values, positionals } = parseFlags(args, {
    ...SECRET_FLAGS,
    body: { type: 'string' },
    'max-age-ms': { type: 'string' },
    json: { type: 'boolean' },
  });
  const secret = secretOf(values, io);
  const maxAge = values['max-age-ms'];
  if (maxAge !== undefined && !/^[1-9]\d*$/.test(maxAge))
    throw new UsageError('--max-age-ms must be a positive integer');
  const { fields } = formFields(Buffer.from(readBody(values.body, positionals), 'utf8'));
  const message = fields.message;
  const signature = fields._aop_signature;
  if (message === undefined || signature === undefined) {
    throw new UsageError('the push needs both form fields: message and _aop_signature');
  }
  const valid = verifyAopPush({ message, _aop_signature: signature }, secret);
  const parsed = parseAopPush(message);
  const ageMs = typeof parsed === 'string' ? undefined : Date.now() - parsed.gmtBorn.getTime();
  const stale = maxAge !== undefined && ageMs !== undefined && ageMs > Number(maxAge);
  const ok = valid && typeof parsed !== 'string' && !stale;
  if (values.json) {
    const shown = typeof parsed === 'string' ? { malformed: parsed } : { message: parsed, ageMs, stale };
    io.stdout(jsonLine({ valid, ...shown }));
    return ok ? 0 : EXIT_API_ERROR;
  }
  io.stdout(`signature: ${valid ? 'valid' : 'INVALID (wrong secret, or the message was changed)'}\n`);
  if (typeof parsed === 'string') {
    io.stdout(`message:   malformed (${parsed})\n`);
    return EXIT_API_ERROR;
  }
  io.stdout(
    [
      `msgId:     ${parsed.msgId}`,
      `type:      ${parsed.type}`,
      `gmtBorn:   ${parsed.gmtBorn.toISOString()} (${Math.round((ageMs ?? 0) / 1000)} s ago${stale ? ', older than --max-age-ms' : ''})`,
      `userInfo:  ${parsed.userInfo ?? '-'}`,
      `data:      ${JSON.stringify(parsed.data)}`,
      '',
    ].join('\n'),
  );
  return ok ? 0 : EXIT_API_ERROR;
}
