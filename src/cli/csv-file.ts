/**
 * The CSV file of a command, written row by row to a temporary file beside it and put in place by
 * a rename at the end: a reader never sees a half-written file under the name asked for, and an
 * existing file is replaced only with --force, checked before anything is fetched. Writes are
 * synchronous, so whenever the command stops (the end, Ctrl-C, an error after some rows) the file
 * holds the header and whole rows; a crash or a kill leaves them in the temporary file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './args.js';

export class CsvFile {
  private readonly fd: number;
  /** Where the rows go until `finish` renames it to `path`. */
  readonly temporary: string;
  /** Data rows written, the header not counted. */
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
    private readonly options: { force: boolean },
  ) {
    assertWritable(path, options.force);
    // Same directory, so that the rename is atomic and never crosses file systems.
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.fd = openSync(this.temporary, 'wx');
    } catch (error) {
      throw new UsageError(
        `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    writeSync(this.fd, header);
  }

  write(row: string): void {
    writeSync(this.fd, row);
    this.rows += 1;
  }

  /** Closes the file and renames it to `path`. */
  finish(): void {
    closeSync(this.fd);
    // Checked again: a file may have appeared under that name while the command ran.
    assertWritable(this.path, this.options.force, this.temporary);
    renameSync(this.temporary, this.path);
  }

  /** Closes and deletes the temporary file: nothing worth keeping was written. */
  discard(): void {
    closeSync(this.fd);
    unlinkSync(this.temporary);
  }
}

function assertWritable(path: string, force: boolean, kept?: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return; // Nothing there yet.
  }
  const where = kept === undefined ? '' : ` (the rows are in ${kept})`;
  if (isDirectory) throw new UsageError(`cannot write ${path}: it is a directory${where}`);
  if (!force) throw new UsageError(`${path} exists: pass --force to replace it${where}`);
}
