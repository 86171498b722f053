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
