/**
 * Preloaded into each app process by the e2e benchmark (`node --import tsx --import
 * ./bench/e2e/sql-count/register.ts ...`): counts the SQL statements the process sends, with no
 * change to the app. The hooks hand every `import 'postgres'` a wrapper whose postgres.js `debug`
 * callback counts each statement as it is built for the wire. On SIGUSR2 the process writes
 * `{ seq, statements }` to BENCH_SQL_COUNT_FILE, so the bench reads the count at any moment.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { statementsSent, topStatements, topTransactions, variableTexts } from './counter.js';

register('./hooks.ts', import.meta.url);

const file = process.env.BENCH_SQL_COUNT_FILE;
if (!file) throw new Error('BENCH_SQL_COUNT_FILE must name the file the statement count is written to');
let seq = 0;
// written aside then renamed, so the bench never reads half a file
const write = () => {
  writeFileSync(
    `${file}.tmp`,
    JSON.stringify({
      seq: ++seq,
      statements: statementsSent(),
      top: process.env.BENCH_SQL_TOP ? topStatements() : undefined,
      transactions: process.env.BENCH_SQL_TOP ? topTransactions() : undefined,
      variableTexts: process.env.BENCH_SQL_TOP ? variableTexts() : undefined,
    }),
  );
  renameSync(`${file}.tmp`, file);
};
process.on('SIGUSR2', write);
process.on('exit', write);
