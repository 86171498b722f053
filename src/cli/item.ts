/** `open1688 item <id>`: one offer, as a table on a terminal and as JSON into a pipe. */
import { offerCsvHeader, offerCsvRow } from '../model/csv.js';
import { type CliIo, onePositional, parseFlags } from './args.js';
import { CLIENT_FLAGS, clientFromFlags } from './client-flags.js';
import { outputFormat, toJson, withoutRaw } from './format.js';
import { renderOffer } from './render.js';
import { terminalText } from './terminal-text.js';

export async function runItem(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    ...CLIENT_FLAGS,
    fields: { type: 'string' },
    format: { type: 'string' },
  });
  const id = onePositional(positionals, 'missing the item id: open1688 item <id>');
  const format = outputFormat(values.format, io);
  const { client, close } = await clientFromFlags(values, io);
  try {
    const offer = await client.getItem(id, values.fields === undefined ? {} : { fields: values.fields });
    if (format === 'table') io.stdout(renderOffer(offer));
    else if (format === 'csv') io.stdout(terminalText(offerCsvHeader({ bom: false }) + offerCsvRow(offer)));
    else io.stdout(toJson(withoutRaw(offer)));
    return 0;
  } finally {
    await close();
  }
}
