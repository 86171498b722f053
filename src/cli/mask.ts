/** Masks credentials in text printed by the CLI. */

export interface Credential {
  value: string;
  /** What the mask says in its place, e.g. `secret` → `«secret»`. */
  label: string;
}

/** Replaces every occurrence of each credential, longest first so that one inside another is covered. */
export function maskSecrets(text: string, credentials: readonly Credential[]): string {
  let masked = text;
  const ordered = credentials.filter((c) => c.value.length > 0).sort((a, b) => b.value.length - a.value.length);
  for (const { value, label } of ordered) masked = masked.split(value).join(`«${label}»`);
  return masked;
}
