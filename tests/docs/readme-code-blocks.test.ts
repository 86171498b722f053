/**
 * The READMEs cannot drift from the API: every TypeScript block of README.md and README.zh-CN.md
 * type-checks against the built package (npm test builds it first), and the two READMEs have the
 * same code and the same sections.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  codeBlocks,
  codeWithoutComments,
  describeDiagnostic,
  isTypeScript,
  typeCheckBlocks,
  type BlockSource,
} from './code-blocks';

const root = join(__dirname, '..', '..');
const READMES = ['README.md', 'README.zh-CN.md'] as const;
const read = (name: string): string => readFileSync(join(root, name), 'utf8');
const headings = (markdown: string): string[] => markdown.split('\n').filter((line) => /^## /.test(line));

describe('README code blocks', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'esm', 'index.d.ts'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
  });

  it.each(READMES)('every ts block of %s type-checks (strict, NodeNext) against the built package', (name) => {
    const blocks = codeBlocks(read(name)).filter(isTypeScript);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const result = typeCheckBlocks(
      root,
      blocks.map((block): BlockSource => ({ file: name, block })),
    );
    expect(result.resolvedOpen1688).toBe(join(root, 'dist', 'esm', 'index.d.ts'));
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([]);
  });

  it('the check catches a block that misuses the API, naming the README, block and diagnostic', () => {
    const block = {
      lang: 'ts',
      index: 7,
      line: 99,
      code: "import { OpenClient } from 'open1688';\nconst client = OpenClient.fromEnv({ dialect: 'top' });\nawait client.getItem(610947572360n, { nope: true });\n",
    };
    const messages = typeCheckBlocks(root, [{ file: 'README.md', block }]).diagnostics.map(describeDiagnostic);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^README\.md block 7 \(README line 99\), line 3: .*'nope'/);
  });

  it('both READMEs have the same code blocks (comments aside), in the same order', () => {
    const [en, zh] = READMES.map((name) => codeBlocks(read(name)));
    expect(en!.length).toBeGreaterThan(0);
    expect(zh!.map((b) => b.lang)).toEqual(en!.map((b) => b.lang));
    expect(zh!.map(codeWithoutComments)).toEqual(en!.map(codeWithoutComments));
  });

  it('both READMEs have the same number of sections, and link to each other in their first lines', () => {
    const [en, zh] = READMES.map(read) as [string, string];
    expect(headings(en).length).toBeGreaterThanOrEqual(10);
    expect(headings(zh)).toHaveLength(headings(en).length);
    expect(en.split('\n').slice(0, 15).join('\n')).toContain('](README.zh-CN.md)');
    expect(zh.split('\n').slice(0, 15).join('\n')).toContain('](README.md)');
  });

  it('both READMEs start with the two commands', () => {
    for (const name of READMES) {
      const first = codeBlocks(read(name))[0];
      expect(first?.line).toBeLessThan(12);
      expect(codeWithoutComments(first!)).toBe('npm install && npm start\nnpm test');
    }
  });

  it('both READMEs then give the path from the registry: npm install open1688, npx open1688 demo', () => {
    for (const name of READMES) {
      const second = codeBlocks(read(name))[1];
      expect(second?.line).toBeLessThan(20);
      expect(codeWithoutComments(second!)).toBe('npm install open1688\nnpx open1688 demo');
    }
  });
});
