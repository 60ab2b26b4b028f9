/** postgres.js with a `debug` callback that counts every statement sent (and still calls the app's own). */
import postgres from 'postgres';
import { countStatement } from './counter.js';

type Options = Parameters<typeof postgres>[1];

const withCount = (o: Options = {}): Options => ({
  ...o,
  debug: (...args: Parameters<Extract<NonNullable<Options>['debug'], (...a: never[]) => unknown>>) => {
    countStatement(String(args[1]));
    if (typeof o.debug === 'function') o.debug(...args);
  },
});

function counted(urlOrOptions?: string | Options, options?: Options) {
  return typeof urlOrOptions === 'string'
    ? postgres(urlOrOptions, withCount(options))
    : postgres(withCount(urlOrOptions));
}

export default Object.assign(counted, postgres) as typeof postgres;
