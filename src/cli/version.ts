/**
 * The package's version, for `open1688 --version`: read from the package.json above this file, the
 * one the package was installed with (dist/cjs/cli/ in the package, src/cli/ in a checkout), so that
 * it can never disagree with what npm installed. Only the CLI reads it (the CommonJS build).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      // dist/cjs/package.json holds only {"type": "commonjs"}: the one with our name is the package's.
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'open1688' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here: look in the parent.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
