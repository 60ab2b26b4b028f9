import { pino } from 'pino';

/**
 * Database errors carry the SQL text and its parameters (a group insert holds hundreds of raw
 * webhook bodies); Postgres messages quote the offending value. Only the SQLSTATE leaves here.
 */
function sqlState(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 4) return null;
  const o = e as { code?: unknown; severity?: unknown; name?: unknown; query?: unknown; cause?: unknown };
  if (
    typeof o.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(o.code) &&
    (o.severity !== undefined || o.name === 'PostgresError' || o.name === 'error')
  )
    return o.code;
  return sqlState(o.cause, depth + 1);
}

const isQueryError = (e: unknown) =>
  !!e && typeof e === 'object' && ('query' in e || 'params' in e || 'parameters' in e);

/** A short message safe to store in an error column, show a merchant, or log. */
export function errorSummary(e: unknown): string {
  const state = sqlState(e);
  if (state) return `database error ${state}`;
  if (isQueryError(e)) return 'database error';
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\nparams:')[0]!.slice(0, 500);
}

/** pino's error serializer, without SQL, parameters or driver internals. */
export function safeErrorSerializer(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  if (!sqlState(e) && !isQueryError(e)) {
    const out = pino.stdSerializers.err(e) as unknown as Record<string, unknown>;
    return out;
  }
  return {
    type: e.name,
    message: errorSummary(e),
    code: sqlState(e) ?? undefined,
    stack: (e.stack ?? '')
      .split('\n')
      .filter((l) => l.startsWith('    at '))
      .join('\n'),
  };
}
