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
