/** The return reason handles, for web/ without the schemas (no zod in the page bundle). */
export { returnReasons, type ReturnReason } from '../../domain/returns/reasons.js';
