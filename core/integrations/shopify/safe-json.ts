/**
 * JSON.parse that keeps integers beyond 2^53 exact by reading them as strings. Shopify's REST
 * payloads carry such ids as bare numbers, and JSON.parse would silently round them.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}

function quoteBigIntegers(text: string): string {
  // an integer beyond 2^53 has 16 digits or more: a body without such a run (most webhooks) is
  // left to JSON.parse without walking it character by character
  if (!/\d{16}/.test(text)) return text;
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const isStart = c === 45 /* - */ || (c >= 48 && c <= 57);
    if (!isStart) continue;
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const next = text.charCodeAt(j);
    const isInteger = next !== 46 /* . */ && next !== 101 && next !== 69; /* e E */
    const digits = j - i - (c === 45 ? 1 : 0);
    if (!isInteger) {
      // skip the fraction and exponent so their digits are not read as a new number
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
    } else if (digits >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) {
      out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
      last = j;
    }
    i = j - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}
