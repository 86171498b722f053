/**
 * Markdown code blocks, and a type-check of the TypeScript ones as a user of the package would write
 * them: each block is its own ES module that imports `open1688`, resolved by package self-reference
 * to the built types in dist/ (so the check sees exactly what `npm install open1688` gives).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface CodeBlock {
  /** The info string's language (`ts`, `sh`, …); empty when the fence has none. */
  lang: string;
  code: string;
  /** 1-based position among all fenced blocks of the file. */
  index: number;
  /** The README line of the block's first code line (1-based). */
  line: number;
}

const FENCE = /^```([^\n`]*)\n([\s\S]*?)^```[ \t]*$/gm;

export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const match of markdown.matchAll(FENCE)) {
    const line = markdown.slice(0, match.index).split('\n').length + 1;
    blocks.push({ lang: (match[1] ?? '').trim(), code: match[2] ?? '', index: blocks.length + 1, line });
  }
  return blocks;
}

export const isTypeScript = (block: CodeBlock): boolean => block.lang === 'ts' || block.lang === 'typescript';

/**
 * The block without its comments (the Chinese README translates them), as printed by the compiler for
 * TypeScript and as trimmed lines for shell, so that two READMEs can be compared on their code alone.
 */
export function codeWithoutComments(block: CodeBlock): string {
  if (!isTypeScript(block)) {
    return block.code
      .split('\n')
      .map((line) => line.replace(/(^|\s)#\s.*$/, '').trimEnd())
      .filter((line) => line !== '')
      .join('\n');
  }
  // Printed back without comments: layout and comments aside, the same code prints the same.
  const file = ts.createSourceFile('block.mts', block.code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
};

export interface BlockSource {
  /** Where the block comes from, e.g. `README.md`. */
  file: string;
  block: CodeBlock;
}

export interface BlockDiagnostic {
  source: BlockSource;
  /** Line within the block (1-based). */
  line: number;
  message: string;
}

export interface CheckResult {
  diagnostics: BlockDiagnostic[];
  /** Where `open1688` resolved to, from the first block (undefined when it did not resolve). */
  resolvedOpen1688: string | undefined;
}

/**
 * Type-checks the blocks in one program. Each is written as a `.mts` file (an ES module, so that
 * top-level `await` is allowed) under `<projectRoot>/.tmp/`, inside the package, where `import
 * 'open1688'` resolves to the package itself. The folder is removed afterwards.
 */
export function typeCheckBlocks(projectRoot: string, sources: readonly BlockSource[]): CheckResult {
  mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(projectRoot, '.tmp', 'readme-blocks-'));
  try {
    const byPath = new Map<string, BlockSource>();
    sources.forEach((source, i) => {
      const path = join(dir, `block-${i + 1}.mts`);
      // `export {}` keeps a block without imports a module of its own (no clashes between blocks).
      writeFileSync(path, `${source.block.code}\nexport {};\n`);
      byPath.set(path, source);
    });
    const program = ts.createProgram([...byPath.keys()], COMPILER_OPTIONS);
    const diagnostics: BlockDiagnostic[] = [];
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const source = d.file === undefined ? undefined : byPath.get(d.file.fileName);
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (source === undefined || d.file === undefined) {
        // Not in a block (a global or options problem): report it against the first block.
        diagnostics.push({
          source: sources[0] as BlockSource,
          line: 0,
          message: `${d.file?.fileName ?? ''}: ${message}`,
        });
        continue;
      }
      const line = d.start === undefined ? 0 : d.file.getLineAndCharacterOfPosition(d.start).line + 1;
      diagnostics.push({ source, line, message });
    }
    const first = [...byPath.keys()][0];
    const resolved =
      first === undefined
        ? undefined
        : ts.resolveModuleName('open1688', first, COMPILER_OPTIONS, ts.sys, undefined, undefined, ts.ModuleKind.ESNext)
            .resolvedModule?.resolvedFileName;
    return { diagnostics, resolvedOpen1688: resolved };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `README.md block 3 (line 42), line 2: Cannot find name 'x'.` */
export function describeDiagnostic(d: BlockDiagnostic): string {
  const { file, block } = d.source;
  return `${file} block ${block.index} (README line ${block.line}), line ${d.line}: ${d.message}`;
}
