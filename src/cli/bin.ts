#!/usr/bin/env node
/** The executable behind `open1688`: runs the command and sets the exit code. */
import { main } from './main.js';

// `open1688 shop … --all | head` closes the pipe early: the reader has what it wanted, so stop
// quietly instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug gets here: expected failures are reported by main() in one line.
    process.stderr.write(`open1688: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
