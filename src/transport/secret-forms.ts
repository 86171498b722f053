/**
 * Every way a credential can come back in a server's text. A gateway or proxy that echoes the
 * request writes the value as it went on the wire (`URLSearchParams`: space as `+`, `!'()~` as
 * `%21`…, which `encodeURIComponent` leaves alone), as the caller wrote it, percent-decoded with the
 * `+` left in place, encoded a second time (a URL inside a query parameter), or inside a JSON string
 * (escaped quotes and backslashes, `\/` as PHP writes it, `\uXXXX` for non-ASCII in either hex case
 * as Python, PHP and Jackson do), also in JSON put inside a JSON string. Percent escapes may come back in lower case. Masking every one of
 * these forms is what keeps a value with a space or a `~` from leaking in its encoded shape.
 */

/** The distinct forms of `value`, longest first (a form inside another is masked with the longer one). */
export function secretForms(value: string): string[] {
  // Letters, digits and `-._` are written the same in every encoding (signatures, most tokens); a
  // hex signature may come back in the other case.
  if (/^[A-Za-z0-9._-]*$/.test(value)) {
    return /^[0-9A-Fa-f]+$/.test(value) ? [...new Set([value, value.toUpperCase(), value.toLowerCase()])] : [value];
  }
  const wire = wellFormed(value);
  const forms = new Set<string>([value, wire, wire.replaceAll(' ', '+')]);
  const form = formEncode(wire);
  for (const encoded of [encodeURIComponent(wire), form, encodeURI(wire), encodeURIComponent(form)]) {
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  }
  for (const ascii of [false, true]) {
    for (const upper of [false, true]) {
      for (const slash of [false, true]) forms.add(jsonEscaped(value, { ascii, upper, slash }));
    }
  }
  const plain = { ascii: false, upper: false, slash: false };
  forms.add(jsonEscaped(jsonEscaped(value, plain), plain));
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `application/x-www-form-urlencoded`, as the dialects write the request. */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

// The wire carries lone surrogates as U+FFFD (URLSearchParams does so), and encodeURIComponent
// throws on them: encode the well-formed text.
function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** The inside of a JSON string holding `value`. */
function jsonEscaped(value: string, style: { ascii: boolean; upper: boolean; slash: boolean }): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    const unit = value.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (char === '/' && style.slash) out += '\\/';
    else if (unit < 0x20 || (style.ascii && unit > 0x7e)) {
      const hex = unit.toString(16).padStart(4, '0');
      out += `\\u${style.upper ? hex.toUpperCase() : hex}`;
    } else out += char;
  }
  return out;
}
