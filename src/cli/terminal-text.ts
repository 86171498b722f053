/**
 * Server text made safe for a terminal. Titles, names and messages come from sellers and gateways;
 * printed as they are, an escape sequence in them can recolour or clear the screen, rewrite the
 * window title, hide text or (on some terminals) answer back into the shell. Removed: ECMA-48
 * sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ST`, DCS/SOS/PM/APC `ESC P|X|^|_ … ST`, other
 * `ESC x`), their one-byte C1 forms (U+009B CSI, U+009D OSC …), and every other C0 and C1 control
 * and DEL. Newline and tab stay where a text may hold them; a carriage return only before a newline.
 */

/* eslint-disable no-control-regex -- matching control characters is what this file is for */
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][\s\S]*?(?:\x07|\x1b\\|$)|[PX^_][\s\S]*?(?:\x1b\\|$)|[\s\S]?)/g;
const C1_SEQUENCE = /\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\x07|\u009c|\x1b\\|$)/g;
// C0 but tab and newline, a carriage return not followed by a newline, DEL and C1.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/g;

/** `text` without escape sequences and controls; newlines, tabs and CRLF line ends kept. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(CONTROL, '');
}

/** `text` as one line of a table or a listing: `terminalText`, with tabs and line breaks as spaces. */
export function terminalLine(text: string): string {
  return terminalText(text).replace(/[\t\r\n]+/g, ' ');
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls (ESC included) but writes DEL and the C1
 * controls as they are; these become `\u00XX` escapes, which read back as the same string.
 */
export function terminalJson(json: string): string {
  return json.replace(/[\x7f-\x9f]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`);
}
