/**
 * postgres.js whose statements are counted as the app hands them over: `unsafe` and tagged
 * templates, on the pool, on reserved connections and inside postgres.js's own transactions.
 *
 * Not through postgres.js's `debug` option: with it set, every query captures a stack trace
 * (`new Error()`) for its origin, about half a millisecond of the app's CPU per order in the e2e
 * run, which the measurement would then count as the app's.
 */
import postgres from 'postgres';
import { countStatement } from './counter.js';

type Options = Parameters<typeof postgres>[1];
type Fn = (...args: unknown[]) => unknown;

/** `connection` names the connection the statements go to, when one is reserved (transactions are counted by it). */
function counting<T extends object>(sql: T, connection?: object): T {
  return new Proxy(sql, {
    apply(target, self, args) {
      countStatement((args[0] as string[]).join('?'), connection);
      return Reflect.apply(target as Fn, self, args);
    },
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as Fn;
      if (prop === 'unsafe')
        return (query: string, ...rest: unknown[]) => {
          countStatement(query, connection);
          return fn.call(target, query, ...rest);
        };
      if (prop === 'reserve')
        return async (...args: unknown[]) => {
          const reserved = (await fn.apply(target, args)) as object;
          return counting(reserved, reserved);
        };
      if (prop === 'begin' || prop === 'savepoint')
        return async (...args: unknown[]) => {
          const body = args.pop() as Fn;
          const key = connection ?? {};
          countStatement(prop, key);
          try {
            const result = await fn.call(target, ...args, (tx: object) => body(counting(tx, key)));
            countStatement(prop === 'begin' ? 'commit' : 'release savepoint', key);
            return result;
          } catch (e) {
            countStatement(prop === 'begin' ? 'rollback' : 'rollback to savepoint', key);
            throw e;
          }
        };
      return value;
    },
  });
}

function counted(urlOrOptions?: string | Options, options?: Options) {
  return counting(typeof urlOrOptions === 'string' ? postgres(urlOrOptions, options) : postgres(urlOrOptions));
}

export default Object.assign(counted, postgres) as typeof postgres;
