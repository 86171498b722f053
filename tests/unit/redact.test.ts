import { describeRequest, redactParams, redactUrl, Redactor, snippet } from '../../src/transport/redact';

describe('redaction', () => {
  const redactor = new Redactor(['sandbox-secret', 'tok/en+1', undefined, 'ab']);

  it('masks known values and their URL-encoded forms', () => {
    expect(redactor.text('x sandbox-secret y tok%2Fen%2B1 z tok/en+1')).toBe('x [redacted] y [redacted] z [redacted]');
    expect(redactor.text('sig ABCDEF123', ['ABCDEF123'])).toBe('sig [redacted]');
  });

  it('ignores values too short to be credentials', () => {
    expect(redactor.text('ab cd')).toBe('ab cd');
  });

  it('strips query, fragment and user info from URLs', () => {
    expect(redactUrl('http://u:p@h:8/1688/item_get/?key=k&secret=s#x')).toBe('http://h:8/1688/item_get/');
  });

  it('describes a request by method, bare URL and sorted names only', () => {
    expect(describeRequest('GET', 'http://h/a?secret=s', { secret: 's', b: '1' })).toEqual({
      method: 'GET',
      url: 'http://h/a',
      paramNames: ['b', 'secret'],
    });
    expect(redactParams({ sign: 'S', access_token: 'T', q: 'v' })).toEqual({
      sign: '[redacted]',
      access_token: '[redacted]',
      q: 'v',
    });
  });

  it('cuts snippets after masking, so a credential across the cut is never half shown', () => {
    const body = `<html>${'x'.repeat(100)}sandbox-secret${'y'.repeat(1000)}</html>`;
    const cut = snippet(body, redactor, [], 110);
    expect(cut).not.toContain('sandbox');
    expect(cut.length).toBeLessThanOrEqual(111);
  });
});

describe('redaction in every encoding', () => {
  const secret = 'a b!c\'d(e)f~g+h%i"j/k\\lé中😀';
  const redactor = new Redactor([secret]);
  const ascii = (text: string, upper: boolean) =>
    text.replace(/[\u007f-\uffff]/g, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = {
    raw: secret,
    encodeURIComponent: encodeURIComponent(secret),
    'encodeURIComponent, lower-case hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    URLSearchParams: form,
    'URLSearchParams, lower-case hex': form.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    'form decoded, + kept': secret.replaceAll(' ', '+'),
    'encoded twice': encodeURIComponent(form),
    encodeURI: encodeURI(secret),
    'JSON string': json,
    'JSON string, \\/': json.replaceAll('/', '\\/'),
    'JSON string, \\uXXXX': ascii(json, false),
    'JSON string, \\uXXXX upper case': ascii(json, true),
  };

  it.each(Object.entries(forms))('masks the value written as %s', (_name, written) => {
    const masked = redactor.text(`before ${written} after`);
    expect(masked).toBe(`before [redacted] after`);
  });
});

describe('redaction by key', () => {
  const redactor = new Redactor([]);

  it.each([
    ['a query string', '/router/rest?method=m&session=6100e23&sign=ABCDEF01&sign_method=md5', ['6100e23', 'ABCDEF01']],
    ['a form body', 'app_key=1&access_token=tok+en%21&_aop_signature=AB12', ['tok+en%21', 'AB12']],
    ['an encoded URL inside a parameter', 'next=http%3A%2F%2Fh%2F%3Fsecret%3Dob-secret%26key%3D1', ['ob-secret']],
    ['JSON', '{"refresh_token":"r-tok\\"en","code":"oauth-code-1","client_secret": "cs"}', ['r-tok', 'oauth-code-1']],
    ['JSON inside a JSON string', '"{\\"app_secret\\":\\"in-string-secret\\"}"', ['in-string-secret']],
    ["Python's repr", "{'session': 'py-session'}", ['py-session']],
    ['upper-case keys', 'SESSION=upper-session&Sign=UPPERSIGN', ['upper-session', 'UPPERSIGN']],
  ])('masks any value next to a credential name in %s', (_name, text, hidden) => {
    const masked = redactor.text(text);
    for (const value of hidden) expect(masked).not.toContain(value);
    expect(masked).toContain('[redacted]');
  });

  it('leaves names that only end like a credential name, and is idempotent', () => {
    const text = 'sub_code=isv.invalid&sign_method=md5&error_code=15&x_session=keep';
    expect(redactor.text(text)).toBe(text);
    const once = redactor.text('session=abc def');
    expect(redactor.text(once)).toBe(once);
  });
});

describe('snippets of long bodies', () => {
  it('never shows the start of a credential that the masking window cut in two', () => {
    const secret = 'window-cut-secret-0123456789';
    const redactor = new Redactor([secret]);
    // The window is 4 × 120 + 1024 characters: the secret starts 10 characters before its end, and
    // squeezing the spaces before it would bring those 10 characters to the front of the snippet.
    const body = `${' '.repeat(1494)}${secret}${'x'.repeat(100)}`;
    expect(snippet(body, redactor)).not.toContain(secret.slice(0, 6));
  });
});
