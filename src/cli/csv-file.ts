/**
 * The CSV file of a command, written row by row to a temporary file beside it and put in place by
 * a rename at the end: a reader never sees a half-written file under the name asked for, and an
 * existing file is replaced only with --force, checked before anything is fetched. Writes are
 * synchronous, so whenever the command stops (the end, Ctrl-C, an error after some rows) the file
 * holds the header and whole rows; a crash or a kill leaves them in the temporary file.
 * `--csv -` writes the same rows to stdout instead (`openCsv`).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './args.js';

/** Where a command's CSV rows go: a file (CsvFile) or stdout (`--csv -`). */
export interface CsvSink {
  /** How the status lines name it: the path, or `stdout`. */
  readonly label: string;
  /** Data rows written, the header not counted. */
  readonly rows: number;
  write(row: string): void;
  /** The command ended (or stopped after some rows): keep what was written. */
  finish(): void;
  /** The command failed before a row: leave nothing behind. */
  discard(): void;
}

/** `--csv PATH`, or with `-` the rows on stdout (the header first, as a file would have it). */
export function openCsv(
  path: string,
  header: string,
  options: { force: boolean },
  stdout: (text: string) => void,
): CsvSink {
  if (path !== '-') return new CsvFile(path, header, options);
  if (options.force) throw new UsageError('--force is for a --csv file: stdout (-) replaces nothing');
  stdout(header);
  let rows = 0;
  return {
    label: 'stdout',
    get rows() {
      return rows;
    },
    write(row) {
      stdout(row);
      rows += 1;
    },
    finish: () => undefined,
    discard: () => undefined,
  };
}

export class CsvFile implements CsvSink {
  private readonly fd: number;
  /** Where the rows go until `finish` renames it to `path`. */
  readonly temporary: string;
  /** Data rows written, the header not counted. */
  rows = 0;
  readonly label: string;

  constructor(
    readonly path: string,
    header: string,
    private readonly options: { force: boolean },
  ) {
    this.label = path;
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
