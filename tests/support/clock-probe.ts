/**
 * Run in a child process under a given TZ: prints the host's offset for a fixed instant (to prove
 * the zone took effect) and beijingTimestamp for each instant given on the command line.
 */
import { beijingTimestamp } from '../../src/clock';

const instants = process.argv.slice(2);
const result = {
  tz: process.env.TZ,
  hostOffsetMinutes: new Date('2026-01-01T00:00:00Z').getTimezoneOffset(),
  timestamps: instants.map((iso) => beijingTimestamp(new Date(iso))),
};
process.stdout.write(JSON.stringify(result));
