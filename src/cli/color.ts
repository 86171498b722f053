/**
 * Whether the CLI colours a stream, by the conventions scripts and terminals expect: FORCE_COLOR
 * (any value but `0` or `false`) colours even a pipe; NO_COLOR (any non-empty value, no-color.org)
 * turns colour off; otherwise colour only on a terminal that is not TERM=dumb. FORCE_COLOR wins over
 * NO_COLOR, as in Node itself. Colour is added after server text was cleaned of escape sequences.
 */

export function colorEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY === true && env.TERM !== 'dumb';
}

export interface Paint {
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const COLORS: Paint = { red: sgr(31, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
const PLAIN: Paint = { red: (text) => text, dim: (text) => text, bold: (text) => text };

/** The colours for a stream: real ones when `colorEnabled`, else identity functions. */
export function paintFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Paint {
  return colorEnabled(isTTY, env) ? COLORS : PLAIN;
}
