/**
 * Masks credentials in text printed by the CLI: each credential the command was given, in every form
 * a server can echo it in (transport/secret-forms.ts), then any value next to a credential's name.
 * The OAuth `code` name is left alone here: the CLI exchanges no code, and `code` is a common field.
 */
import { SENSITIVE_PARAMS } from '../transport/redact.js';
import { secretForms } from '../transport/secret-forms.js';
import { maskSensitiveKeys } from '../transport/sensitive-keys.js';
import type { CliIo } from './args.js';

export interface Credential {
  value: string;
  /** What the mask says in its place, e.g. `secret` → `«secret»`. */
  label: string;
}

const CLI_SENSITIVE_KEYS: ReadonlySet<string> = new Set([...SENSITIVE_PARAMS].filter((name) => name !== 'code'));

/** Replaces every form of each credential, longest first so that one inside another is covered. */
export function maskSecrets(text: string, credentials: readonly Credential[]): string {
  return masker(credentials)(text);
}

/** `maskSecrets` for these credentials, their forms computed once (a crawl prints thousands of lines). */
export function masker(credentials: readonly Credential[]): (text: string) => string {
  const forms = credentials
    .filter((c) => c.value.length > 0)
    .flatMap(({ value, label }) => secretForms(value).map((form) => ({ form, mask: `«${label}»` })))
    .sort((a, b) => b.form.length - a.form.length);
  return (text) => {
    let masked = text;
    for (const { form, mask } of forms) if (masked.includes(form)) masked = masked.split(form).join(mask);
    return maskSensitiveKeys(masked, CLI_SENSITIVE_KEYS);
  };
}

/** `io` with the credentials masked in everything written to stdout and stderr. */
export function maskedIo(io: CliIo, credentials: readonly Credential[]): CliIo {
  const mask = masker(credentials);
  return { ...io, stdout: (text) => io.stdout(mask(text)), stderr: (text) => io.stderr(mask(text)) };
}
