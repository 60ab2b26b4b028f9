/** A comparison inside a Shopify search query (`updated_at:>'2026-01-01'`, `tag:vip`, `-status:cancelled`). */
export interface SearchTerm {
  kind: 'term';
  field: string | null;
  op: '=' | '>' | '<' | '>=' | '<=';
  value: string;
  negated: boolean;
}

/** Parsed Shopify search syntax: terms joined by AND (default) and OR, with NOT and parentheses. */
export type SearchNode = SearchTerm | { kind: 'and' | 'or'; items: SearchNode[]; negated: boolean };

/** What a field of a resource looks like to the matcher. */
export type SearchValue =
  | { kind: 'date'; ms: number | null }
  | { kind: 'number'; value: number | null }
  | { kind: 'text'; values: readonly string[] }
  | { kind: 'bool'; value: boolean };

type Token = { t: 'word'; v: string } | { t: 'lp' } | { t: 'rp' };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(') {
      out.push({ t: 'lp' });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ t: 'rp' });
      i++;
      continue;
    }
    let word = '';
    while (i < q.length && !/\s/.test(q[i] ?? '') && q[i] !== '(' && q[i] !== ')') {
      const ch = q[i] ?? '';
      if (ch === "'" || ch === '"') {
        const end = q.indexOf(ch, i + 1);
        const stop = end === -1 ? q.length : end;
        word += q.slice(i, stop + 1);
        i = stop + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < q.length) {
        word += q[i + 1] ?? '';
        i += 2;
        continue;
      }
      word += ch;
      i++;
    }
    out.push({ t: 'word', v: word });
  }
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === "'" || v[0] === '"') && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function parseTerm(word: string, negated: boolean): SearchTerm {
  let neg = negated;
  let w = word;
  if (w.startsWith('-') && w.length > 1) {
    neg = !neg;
    w = w.slice(1);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_.]*):(>=|<=|>|<)?(.*)$/.exec(w);
  if (!m) return { kind: 'term', field: null, op: '=', value: unquote(w), negated: neg };
  const op = (m[2] ?? '=') as SearchTerm['op'];
  return { kind: 'term', field: (m[1] ?? '').toLowerCase(), op, value: unquote(m[3] ?? ''), negated: neg };
}

/** Parses a search query; an empty query matches everything. */
export function parseSearch(query: string | null | undefined): SearchNode {
  const tokens = tokenize(query ?? '');
  let pos = 0;
  const parseOr = (): SearchNode => {
    const items: SearchNode[] = [parseAnd()];
    while (pos < tokens.length) {
      const tok = tokens[pos];
      if (tok?.t === 'word' && tok.v === 'OR') {
        pos++;
        items.push(parseAnd());
      } else break;
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'or', items, negated: false };
  };
  const parseAnd = (): SearchNode => {
    const items: SearchNode[] = [];
    let negateNext = false;
    while (pos < tokens.length) {
      const tok = tokens[pos];
      if (!tok || tok.t === 'rp') break;
      if (tok.t === 'word' && tok.v === 'OR') break;
      pos++;
      if (tok.t === 'word' && tok.v === 'AND') continue;
      if (tok.t === 'word' && tok.v === 'NOT') {
        negateNext = !negateNext;
        continue;
      }
      if (tok.t === 'lp') {
        const inner = parseOr();
        if (tokens[pos]?.t === 'rp') pos++;
        items.push(negateNext ? negate(inner) : inner);
      } else {
        items.push(parseTerm(tok.v, negateNext));
      }
      negateNext = false;
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'and', items, negated: false };
  };
  return parseOr();
}

function negate(node: SearchNode): SearchNode {
  return { ...node, negated: !node.negated };
}

/** Dates as Shopify reads them: ISO timestamps, plain dates (start of day UTC), or `now`. */
export function parseSearchDate(value: string, nowMs: number): number | null {
  if (value.toLowerCase() === 'now') return nowMs;
  const rel = /^now-(\d+)([dhm])$/i.exec(value);
  if (rel) {
    const n = Number(rel[1]);
    const unit = (rel[2] ?? 'd').toLowerCase();
    return nowMs - n * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
  }
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

function cmp<T extends number | string>(a: T, op: SearchTerm['op'], b: T): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
  }
}

function matchTerm(term: SearchTerm, resolve: (field: string) => SearchValue | undefined, nowMs: number): boolean {
  const v = resolve(term.field ?? 'default');
  // Shopify ignores fields it does not know for a resource
  if (v === undefined) return true;
  switch (v.kind) {
    case 'date': {
      const want = parseSearchDate(term.value, nowMs);
      if (want === null || v.ms === null) return false;
      return cmp(v.ms, term.op, want);
    }
    case 'number': {
      const want = Number(term.value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, ''));
      if (Number.isNaN(want) || v.value === null) return false;
      return cmp(v.value, term.op, want);
    }
    case 'bool':
      return String(v.value) === term.value.toLowerCase();
    case 'text': {
      const want = term.value.toLowerCase();
      if (want === '*') return v.values.length > 0;
      if (want.endsWith('*')) return v.values.some((x) => x.toLowerCase().startsWith(want.slice(0, -1)));
      if (term.op !== '=') return v.values.some((x) => cmp(x.toLowerCase(), term.op, want));
      return v.values.some((x) => x.toLowerCase() === want);
    }
  }
}

/** Evaluates a parsed query against one resource. */
export function matchSearch(
  node: SearchNode,
  resolve: (field: string) => SearchValue | undefined,
  nowMs: number,
): boolean {
  let result: boolean;
  if (node.kind === 'term') result = matchTerm(node, resolve, nowMs);
  else if (node.kind === 'and') result = node.items.every((n) => matchSearch(n, resolve, nowMs));
  else result = node.items.some((n) => matchSearch(n, resolve, nowMs));
  return node.negated ? !result : result;
}
