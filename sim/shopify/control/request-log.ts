/** One Admin GraphQL request the app made. */
export interface GraphqlLogEntry {
  at: string;
  shop: string | null;
  operationName: string | null;
  query: string;
  variables: unknown;
  requestedCost: number;
  actualCost: number | null;
  /** ok, errors, throttled, invalid, max_cost_exceeded, bad_request, unauthorized. */
  outcome: string;
  httpStatus: number;
  errors: string[];
  /** Bucket level after the request. */
  currentlyAvailable: number | null;
}

/** The GraphQL request log. */
export interface RequestLog {
  add(entry: GraphqlLogEntry): void;
  list(filter?: { shop?: string; operationName?: string }): GraphqlLogEntry[];
  reset(): void;
}

export function createRequestLog(max: number): RequestLog {
  const entries: GraphqlLogEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > max) entries.splice(0, entries.length - max);
    },
    list(filter = {}) {
      return entries.filter(
        (e) =>
          (!filter.shop || e.shop === filter.shop) &&
          (!filter.operationName || e.operationName === filter.operationName),
      );
    },
    reset() {
      entries.length = 0;
    },
  };
}
