/**
 * One way of naming what zod rejected, for every option and parameter check of the SDK: the path
 * as a user writes it (`limits.qps`, `sku[2].price`), an unknown key named as the key itself, and
 * the rule that failed. Values are never quoted here: an option may be a secret.
 */
import type { z } from 'zod';
import { clip } from './text/quote.js';

/** `sku_infos.sku_info[0].price`, or `(root)` for an empty path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  if (out === '') return '(root)';
  // An unknown key is the caller's text: a 10 MiB key must not make a 10 MiB message.
  return clip(out);
}

/** Where the first issue is (below `prefix`) and which rule it broke. */
export interface IssueDescription {
  /** The path segments, `prefix` first, an unknown key last. */
  segments: PropertyKey[];
  /** `formatPath(segments)`. */
  path: string;
  /** The broken rule, in English. */
  rule: string;
  /** True when the issue is a key the schema does not know. */
  unknownKey: boolean;
}

export function describeIssue(error: z.ZodError, prefix: readonly PropertyKey[] = []): IssueDescription {
  const issue = error.issues[0];
  // An unknown key is reported at the object that holds it: name the key itself.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const segments = [...prefix, ...(issue?.path ?? []), ...(unknown === undefined ? [] : [unknown])];
  return {
    segments,
    path: formatPath(segments),
    rule: unknown === undefined ? (issue?.message ?? 'rejected') : 'is not a known option',
    unknownKey: unknown !== undefined,
  };
}
