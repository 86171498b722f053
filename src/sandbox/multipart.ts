/**
 * multipart/form-data bodies, as the official TOP SDKs send them (the real router accepts them):
 * the text fields become parameters; file parts are not parameters and are skipped, as the gateway
 * leaves them out of the signature.
 */

/** The text fields of the body, or undefined when the body is not well-formed multipart. */
export function multipartFields(body: Buffer, contentType: string): Array<[string, string]> | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = (boundary?.[1] ?? boundary?.[2])?.trim();
  if (!token) return undefined;
  const delimiter = Buffer.from(`--${token}`);
  const fields: Array<[string, string]> = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    const partStart = at + delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body.subarray(partStart, partStart + 2).toString() === '--') return fields;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) return undefined;
    const part = body.subarray(partStart, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return undefined;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    // The value ends with the CRLF that precedes the next delimiter.
    const value = part.subarray(headerEnd + 4, part.length - 2).toString('utf8');
    const name = /content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return undefined;
    if (!/\bfilename=/i.test(headers)) fields.push([name, value]);
    at = next;
  }
}
