import { z } from 'zod';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text from outside: no NUL bytes, no lone surrogates (Postgres and JSON consumers choke on both). */
export const safeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000') && !loneSurrogate.test(s), {
      message: 'contains a NUL byte or a lone surrogate',
    });
