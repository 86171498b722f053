/**
 * The `recorder` client option: every answer a gateway sends (success or error, any HTTP status) is
 * handed to a `Recorder` with its credentials masked. `FileRecorder` writes one fixture file per
 * (dialect, API, business parameters) into a directory, which `startSandbox({ fixtures: { dir } })`
 * and `open1688 sandbox --fixtures DIR` serve again.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixtureFileName, fixtureText, type Fixture } from './fixture.js';

/** Receives each recorded answer (already redacted). A rejection is logged; the call goes on. */
export interface Recorder {
  /** Stores one answer; the call waits for it, so a file exists once the call has returned. */
  record(fixture: Fixture): void | Promise<void>;
}

/** What the `recorder` option accepts: a `Recorder`, or `{ dir }` for a `FileRecorder` in that directory. */
export type RecorderOption = Recorder | { dir: string };

/** Writes each answer to `<dir>/<dialect>.<api>.<hash>.json`, atomically (a temporary file renamed). */
export class FileRecorder implements Recorder {
  private readonly files = new Set<string>();

  /** The files written so far, each once, in the order first written. */
  get written(): string[] {
    return [...this.files];
  }

  constructor(readonly dir: string) {}

  async record(fixture: Fixture): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, fixtureFileName(fixture.dialect, fixture.api, fixture.params));
    // A reader (a sandbox starting in parallel) sees the old file or the new one, never half of one.
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, fixtureText(fixture), { encoding: 'utf8', mode: 0o644 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.files.add(path);
  }
}

/** The recorder the option names; undefined when there is none. */
export function resolveRecorder(option: RecorderOption | undefined): Recorder | undefined {
  if (option === undefined) return undefined;
  return 'record' in option && typeof option.record === 'function'
    ? option
    : new FileRecorder((option as { dir: string }).dir);
}
