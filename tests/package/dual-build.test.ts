/**
 * The built package (npm test builds it first) works through both `require` and `import`, and
 * signs the vectors identically in both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadVectors } from '../vectors/load';

const root = join(__dirname, '..', '..');
const run = (fixture: string) =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, 'fixtures', fixture)], { cwd: root, encoding: 'utf8' }));

describe('the dual ESM + CJS build', () => {
  const expected = [...loadVectors('signing.json'), ...loadVectors('edge-cases.json')].map((v) => v.sign);

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cjs', 'index.js')) || !existsSync(join(root, 'dist', 'esm', 'index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
  });

  it(`require('open1688') signs all ${expected.length} vectors`, () => {
    const result = run('sign-vectors.cjs');
    expect(result.signatures).toEqual(expected);
    expect(result.instanceofWorks).toBe(true);
    expect(result.notRateLimit).toBe(true);
  });

  it(`import('open1688') signs all ${expected.length} vectors, and instanceof works across the two builds`, () => {
    const result = run('sign-vectors.mjs');
    expect(result.signatures).toEqual(expected);
    expect(result.instanceofWorks).toBe(true);
    expect(result.notRateLimit).toBe(true);
    expect(result.distinctBuilds).toBe(true);
    expect(result.crossBuildInstanceof).toBe(true);
    expect(result.crossBuildNegative).toBe(true);
  });

  it('ships an executable open1688 bin that prints its help', () => {
    const help = execFileSync(process.execPath, [join(root, 'dist', 'cjs', 'cli', 'bin.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(help).toContain('open1688 sign');
  });
});
