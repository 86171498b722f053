/**
 * `open1688 item <id>… | -`: offers, as tables on a terminal and as JSON into a pipe. One id given
 * as an argument prints one JSON object; several ids, or ids read from stdin (`-`), are a listing:
 * one JSON object a line, whatever their number, so that a script's parser never depends on it.
 * An id that fails is reported on stderr and the others still printed; the exit code is then 1.
 */
import { offerCsvHeader, offerCsvRow } from '../model/csv.js';
import type { Offer } from '../model/offer.js';
import { type CliIo, EXIT_API_ERROR, parseFlags, readStdin, UsageError } from './args.js';
import { CLIENT_FLAGS, clientFromFlags } from './client-flags.js';
import { describeError } from './error-report.js';
import { type Format, jsonLine, outputFormat, toJson, withoutRaw } from './format.js';
import { renderOffer } from './render.js';
import { terminalLine, terminalText } from './terminal-text.js';

/** Ids from the arguments, `-` standing for every id on stdin (whitespace- or comma-separated). */
async function idsOf(positionals: readonly string[], io: CliIo): Promise<{ ids: string[]; fromStdin: boolean }> {
  if (positionals.length === 0) throw new UsageError('missing the item id: open1688 item <id>… (or - for stdin)');
  const fromStdin = positionals.includes('-');
  if (fromStdin && positionals.length > 1) throw new UsageError('give the ids as arguments or - for stdin, not both');
  if (!fromStdin) return { ids: [...positionals], fromStdin };
  const ids = (await readStdin(io, 'item -')).split(/[\s,]+/).filter(Boolean);
  if (ids.length === 0) throw new UsageError('item - read no id from stdin');
  return { ids, fromStdin };
}

function formatOf(values: { json?: boolean; table?: boolean; format?: string }, io: CliIo): Format {
  const chosen = [values.json && '--json', values.table && '--table', values.format && '--format'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} exclude each other`);
  if (values.json) return 'json';
  if (values.table) return 'table';
  return outputFormat(values.format, io);
}

export async function runItem(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    ...CLIENT_FLAGS,
    fields: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    table: { type: 'boolean' },
  });
  const format = formatOf(values, io);
  const { ids, fromStdin } = await idsOf(positionals, io);
  const listing = fromStdin || ids.length > 1;
  const { client, close } = await clientFromFlags(values, io);
  let failed = 0;
  let printed = 0;
  try {
    for (const id of ids) {
      let offer: Offer;
      try {
        offer = await client.getItem(id, values.fields === undefined ? {} : { fields: values.fields });
      } catch (error) {
        // One id alone fails the way every command does (main reports it, with --verbose).
        const described = listing ? describeError(error, 'item') : undefined;
        if (!described) throw error;
        io.stderr(
          `item ${terminalLine(id)}: ${described.name}: ${terminalLine(described.message)} (hint: ${described.hint})\n`,
        );
        failed += 1;
        continue;
      }
      io.stdout(print(offer, format, listing, printed));
      printed += 1;
    }
  } finally {
    await close();
  }
  return failed > 0 ? EXIT_API_ERROR : 0;
}

function print(offer: Offer, format: Format, listing: boolean, printedBefore: number): string {
  if (format === 'table') return (printedBefore > 0 ? '\n' : '') + renderOffer(offer);
  if (format === 'csv') {
    const header = printedBefore === 0 ? offerCsvHeader({ bom: false }) : '';
    return terminalText(header + offerCsvRow(offer));
  }
  return listing ? jsonLine(withoutRaw(offer)) : toJson(withoutRaw(offer));
}
