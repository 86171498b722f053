import { colorEnabled, paintFor } from '../../src/cli/color';

describe('CLI colour', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    // An empty NO_COLOR does not count (no-color.org).
    [true, { NO_COLOR: '' }, true],
    [true, { TERM: 'dumb' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    // FORCE_COLOR wins over NO_COLOR, as in Node.
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ] as const)('a stream that is a TTY: %s, env %j → colour %s', (isTTY, env, expected) => {
    expect(colorEnabled(isTTY, env)).toBe(expected);
  });

  it('paints with SGR codes only when enabled', () => {
    expect(paintFor(false, { FORCE_COLOR: '1' }).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(paintFor(true, { NO_COLOR: '1' }).red('x')).toBe('x');
  });
});
