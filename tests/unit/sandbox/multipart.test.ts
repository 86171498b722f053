import { multipartFields } from '../../../src/sandbox/multipart';

const CRLF = '\r\n';
const part = (headers: string, value: string) => `--b0${CRLF}${headers}${CRLF}${CRLF}${value}${CRLF}`;

describe('multipartFields', () => {
  it('reads text fields, keeps UTF-8 and CRLF inside values, skips file parts', () => {
    const body = Buffer.from(
      part('Content-Disposition: form-data; name="q"', '纯棉\r\nT恤') +
        part('Content-Disposition: form-data; name="img"; filename="a.jpg"\r\nContent-Type: image/jpeg', '\xff\xd8') +
        part('content-disposition: form-data; name="page"', '2') +
        `--b0--${CRLF}`,
    );
    expect(multipartFields(body, 'multipart/form-data; boundary=b0')).toEqual([
      ['q', '纯棉\r\nT恤'],
      ['page', '2'],
    ]);
    expect(multipartFields(body, 'multipart/form-data; boundary="b0"')).toHaveLength(2);
  });

  it.each([
    [
      'no boundary in the content type',
      part('Content-Disposition: form-data; name="a"', '1') + '--b0--',
      'multipart/form-data',
    ],
    ['no closing delimiter', part('Content-Disposition: form-data; name="a"', '1'), 'multipart/form-data; boundary=b0'],
    [
      'a part without a name',
      part('Content-Disposition: form-data', '1') + '--b0--',
      'multipart/form-data; boundary=b0',
    ],
    [
      'a part without a header end',
      '--b0\r\nContent-Disposition: form-data; name="a"\r\n1\r\n--b0--',
      'multipart/form-data; boundary=b0',
    ],
    ['no delimiter at all', 'a=1', 'multipart/form-data; boundary=b0'],
  ])('refuses %s', (_what, text, type) => {
    expect(multipartFields(Buffer.from(text), type)).toBeUndefined();
  });
});
