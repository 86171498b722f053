/**
 * The seeds' examples as stored (README.md lists them) and the single repair each one needs before it
 * is JSON. The stored files stay byte for byte as printed; repairs happen here, in code, one per file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stored text of a seed example, exactly as printed. */
export function seedText(file: string): string {
  return readFileSync(join(__dirname, file), 'utf8');
}

/**
 * `table-pipes` (seed 003): the page laid the code out as a table and left ` |` at the end of every
 * line. One ` |` is dropped from the end of each line; nothing else changes.
 */
export function withoutTablePipes(text: string): string {
  return text.replace(/ \|$/gm, '');
}

/**
 * `comments` (seeds 000 JS-SDK and 004): the examples annotate values with JavaScript `// …` comments.
 * Each `//` outside a string is dropped with the rest of its line; strings (which hold `https://`)
 * are left alone.
 */
export function withoutComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      if (i < text.length) out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

/** The examples that are JSON as printed, and the repair of those that are not. */
export const SEED_JSON = {
  '000-item_get_pro-response.json': (t: string) => t,
  '000-item_get_pro-error-2000.json': (t: string) => t,
  '000-item_get_pro-request-fetch-body.json': (t: string) => t,
  '000-item_get_pro-request-js-sdk.json': withoutComments,
  '003-item_search_shop-response.json': withoutTablePipes,
  '004-alibaba.item.get-response.json': withoutComments,
} as const;

export type SeedJsonFile = keyof typeof SEED_JSON;

/** The body text to serve: the stored text with its one repair applied. */
export function seedBody(file: SeedJsonFile): string {
  return SEED_JSON[file](seedText(file));
}

/** The example parsed, after its repair. */
export function seedJson<T = Record<string, unknown>>(file: SeedJsonFile): T {
  return JSON.parse(seedBody(file)) as T;
}

/** Seed 003's Python request parameters: the `'key': 'value'` pairs, after `table-pipes`. */
export function seed003RequestParams(): Record<string, string> {
  const text = withoutTablePipes(seedText('003-item_search_shop-request-params.py.txt'));
  return Object.fromEntries([...text.matchAll(/'([^']+)': '([^']*)'/g)].map((m) => [m[1] as string, m[2] as string]));
}

/** Seed 000's error-code table: `<4 digits><English status><Chinese detail>[是否收费]` per row. */
export function seed000Codes(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of seedText('000-error-codes.txt').split('\n')) {
    const match = /^(\d{4})(.+)$/.exec(line);
    if (match) rows.set(match[1] as string, match[2] as string);
  }
  return rows;
}

/** Seed 004's router table: `| code | 错误信息 | 解决方案 |`. */
export function seed004Codes(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of seedText('004-error-codes.md').split('\n')) {
    const match = /^\| (\d+) \| ([^|]+) \|/.exec(line);
    if (match) rows.set(match[1] as string, (match[2] as string).trim());
  }
  return rows;
}

/** Seed 002's 响应参数 table types these fields Number; `item_info_v_o` is its list element. */
export const SEED_002_NUMBERS: ReadonlySet<string> = new Set([
  'page',
  'total_cnt',
  'type',
  'id',
  'timestamp',
  'item_id',
  'total_sold_quantity',
  'quantity',
]);
export const SEED_002_LISTS: ReadonlySet<string> = new Set(['item_info_v_o']);

/** A flat reading of seed 002's XML: element → its text or its children (repeated elements as arrays). */
type XmlValue = string | { [name: string]: XmlValue | XmlValue[] };

function readXml(text: string): { name: string; value: XmlValue } {
  const tokens = [...text.matchAll(/<(\/?)([\w]+)>|([^<]+)/g)];
  let k = 0;
  const element = (): { name: string; value: XmlValue } => {
    const open = tokens[k++] as RegExpMatchArray;
    const name = open[2] as string;
    const children: { [name: string]: XmlValue | XmlValue[] } = {};
    let textValue = '';
    for (;;) {
      const token = tokens[k] as RegExpMatchArray;
      if (token[3] !== undefined) {
        textValue += token[3].trim();
        k++;
      } else if (token[1] === '/') {
        k++;
        break;
      } else {
        const child = element();
        const existing = children[child.name];
        if (existing === undefined) children[child.name] = child.value;
        else children[child.name] = Array.isArray(existing) ? [...existing, child.value] : [existing, child.value];
      }
    }
    return { name, value: Object.keys(children).length === 0 ? textValue : children };
  };
  while ((tokens[k] as RegExpMatchArray)[3] !== undefined) k++;
  return element();
}

/**
 * `xml` (seed 002): the document's "JSON示例" tab printed XML. The JSON form TOP answers with
 * format=json has the same elements as keys: `{"<root>": {…}}`, a list element (`item_info_v_o`)
 * as an array under its parent, and numbers where the seed's 响应参数 table types the field Number.
 * `numberFields` names those fields.
 */
export function seedXmlAsTopJson(file: string, numberFields: ReadonlySet<string>, lists: ReadonlySet<string>): string {
  const convert = (name: string, value: XmlValue | XmlValue[]): unknown => {
    if (Array.isArray(value)) return value.map((v) => convert(name, v));
    if (typeof value === 'string') return numberFields.has(name) ? Number(value) : value;
    const out: Record<string, unknown> = {};
    for (const [child, v] of Object.entries(value)) {
      const converted = convert(child, v);
      out[child] = lists.has(child) && !Array.isArray(converted) ? [converted] : converted;
    }
    return out;
  };
  const root = readXml(seedText(file));
  return JSON.stringify({ [root.name]: convert(root.name, root.value) });
}
