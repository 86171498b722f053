/**
 * A CSV file written row by row with synchronous writes: when a row's write returns, the row is in
 * the file, so a crawl stopped at any moment (Ctrl-C, a crash, a kill) leaves the header and whole
 * rows only. The file is opened before anything is fetched, so an unwritable path costs no call.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from './args.js';

export class CsvFile {
  private readonly fd: number;
  /** Data rows written, the header not counted. */
  rows = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    try {
      this.fd = openSync(path, 'w');
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

  close(): void {
    closeSync(this.fd);
  }
}
