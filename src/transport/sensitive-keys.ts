/**
 * Masking by key: whatever value stands next to a credential's name in server text is masked, even
 * one the client never knew (a server's own idea of the signature, a token of another call). Three
 * shapes are recognised: `k=v` in a query string, a form body or a URL, also percent-encoded once or
 * twice when a whole URL sits inside a parameter (`session%3D…%26`); `"k":"v"` and `'k': 'v'` in
 * JSON and its look-alikes; and `\"k\":\"v\"` in JSON that was put inside a JSON string (as deep as
 * it goes: `\\\"k\\\"…` when that string was put inside another).
 */

/** The marker that replaces a masked value. */
export const REDACTED = '[redacted]';

/** Masks the value of every key of `keys` (credential parameter names) in `text`. */
export function maskSensitiveKeys(text: string, keys: ReadonlySet<string>): string {
  const { mentions, patterns } = patternsFor(keys);
  // Most texts (request ids, plain messages) name no credential: one scan instead of three.
  if (!mentions.test(text)) return text;
  let out = text;
  for (const pattern of patterns) {
    out = out.replace(pattern, (...args: unknown[]) => {
      const { head, value } = args[args.length - 1] as { head: string; value: string };
      return value === '' || value === REDACTED ? (args[0] as string) : head + REDACTED;
    });
  }
  return out;
}

interface Patterns {
  /** Whether a text names one of the keys at all. */
  mentions: RegExp;
  patterns: RegExp[];
}

const cache = new WeakMap<ReadonlySet<string>, Patterns>();

function patternsFor(keys: ReadonlySet<string>): Patterns {
  let found = cache.get(keys);
  if (found === undefined) {
    const names = [...keys]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    found = { mentions: new RegExp(names, 'i'), patterns: build(names) };
    cache.set(keys, found);
  }
  return found;
}

function build(names: string): RegExp[] {
  // The name must start a word: `sub_code=` and `sign_method=` are not `code=` and `sign=`.
  const start = String.raw`(?<=^|[^A-Za-z0-9_]|%26|%3F|%2526|%253F)`;
  // A value ends where the query does, or at a quote, a space, `<`, `>`, `#`, or a backslash
  // (`\u0026` is `&` inside a JSON string); an encoded value also at an encoded `&`.
  const pairValue = String.raw`(?<value>(?:(?!%26|%2526)[^&\s"'<>#\\])*)`;
  return [
    new RegExp(String.raw`(?<head>${start}(?:${names})(?:=|%3D|%253D))${pairValue}`, 'gi'),
    new RegExp(
      String.raw`(?<head>(?<q>["'])(?:${names})\k<q>\s*:\s*\k<q>)(?<value>(?:(?!\k<q>)[^\\]|\\[\s\S])*)(?=\k<q>)`,
      'gi',
    ),
    new RegExp(
      String.raw`(?<head>(?<b>\\+)"(?:${names})\k<b>"\s*:\s*\k<b>")(?<value>(?:(?!\k<b>")[\s\S])*)(?=\k<b>")`,
      'gi',
    ),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
