/** Shared by the CSV tests: the model's own writer must not be what reads its output back. */
/** A strict RFC 4180 reader (CRLF rows, quoted fields with doubled quotes), independent of csv.ts. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (char === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (char === '"' || char === '\r' || char === '\n') throw new Error(`bare ${JSON.stringify(char)} at ${i}`);
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('the text ends inside a quoted field');
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}
