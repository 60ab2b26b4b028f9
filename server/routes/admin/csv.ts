import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';

// a cell a spreadsheet would run as a formula (OWASP "CSV injection"); plain numbers stay numbers
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[-+]?\d+(\.\d+)?$/;

/** Text written so a spreadsheet shows it instead of running it. */
export function neutralizeFormula(cell: string): string {
  return formulaStart.test(cell) && !plainNumber.test(cell) ? `'${cell}` : cell;
}

/** Every CSV export goes through here: merchant and 3PL text (titles, suppliers, SKUs) is hostile. */
export function toCsv(rows: string[][]): string {
  return stringify(rows.map((r) => r.map(neutralizeFormula)));
}

/**
 * A CSV answer written batch by batch as the client reads it: Readable.from asks for the next
 * batch only when the reply stream has room, so a large export never sits whole in memory nor
 * formats in one long block of the event loop.
 */
export function csvStream(batches: AsyncIterable<string[][]>): Readable {
  return Readable.from(
    (async function* () {
      for await (const rows of batches) yield toCsv(rows);
    })(),
    { objectMode: false },
  );
}
