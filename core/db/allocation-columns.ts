import { getTableColumns } from 'drizzle-orm';
import { allocations } from '../../drizzle/schema/index.js';

/**
 * An allocation's columns but its routing trace, the row's largest value: for the reads of the
 * hot path (feed listing and lease, hand-over), which never show the trace.
 */
const { trace: _trace, ...withoutTrace } = getTableColumns(allocations);
export const allocationColumnsWithoutTrace = withoutTrace;

export type AllocationWithoutTrace = Omit<typeof allocations.$inferSelect, 'trace'>;
