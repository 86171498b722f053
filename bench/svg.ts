/**
 * Just enough SVG for the benchmark charts (charts.ts), written by hand: rectangles, lines and text
 * in one document. No charting dependency: the charts are a few bars and lines, and a hand-written
 * document renders the same in every browser and on GitHub.
 */

/** Text as SVG character data or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (value: number) => String(Math.round(value * 10) / 10);

export interface TextStyle {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  /** Degrees, around the text's anchor point. */
  rotate?: number;
}

export class Svg {
  private readonly parts: string[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  /** A rectangle; `title` shows as a tooltip in a browser. */
  rect(x: number, y: number, width: number, height: number, fill: string, title?: string): this {
    const shape = `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(width, 0))}" height="${n(Math.max(height, 0))}" fill="${fill}"`;
    this.parts.push(title === undefined ? `${shape}/>` : `${shape}><title>${escapeXml(title)}</title></rect>`);
    return this;
  }

  line(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    stroke: string,
    options: { dash?: string; width?: number } = {},
  ): this {
    const dash = options.dash === undefined ? '' : ` stroke-dasharray="${options.dash}"`;
    this.parts.push(
      `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${options.width ?? 1}"${dash}/>`,
    );
    return this;
  }

  text(x: number, y: number, content: string, style: TextStyle = {}): this {
    const attributes = [
      `x="${n(x)}"`,
      `y="${n(y)}"`,
      `font-size="${style.size ?? 12}"`,
      `text-anchor="${style.anchor ?? 'start'}"`,
      `fill="${style.fill ?? '#222'}"`,
    ];
    if (style.weight === 'bold') attributes.push('font-weight="bold"');
    if (style.rotate !== undefined) attributes.push(`transform="rotate(${style.rotate} ${n(x)} ${n(y)})"`);
    this.parts.push(`<text ${attributes.join(' ')}>${escapeXml(content)}</text>`);
    return this;
  }

  toString(): string {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="Helvetica, Arial, sans-serif">`,
      `<rect width="${this.width}" height="${this.height}" fill="#ffffff"/>`,
      ...this.parts,
      '</svg>',
      '',
    ].join('\n');
  }
}

/** Round axis steps (1, 2, 5 × 10^k) so that about `count` ticks cover `max`. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let value = 0; value <= max + step * 1e-9; value += step) out.push(Math.round(value * 1e6) / 1e6);
  return out;
}
