/** Where a return stands in our workflow. Shopify's own status (REQUESTED, OPEN, ...) is kept apart. */
export const returnStates = [
  'requested',
  'approved',
  'declined',
  'in_transit',
  'received',
  'graded',
  'refunded',
  'closed',
] as const;
export type ReturnState = (typeof returnStates)[number];

/** What makes a return move: each event names the door it came through in the transition's data. */
export type ReturnEvent =
  | { type: 'approve' }
  | { type: 'decline' }
  | { type: 'ship' }
  | { type: 'receive' }
  | { type: 'grade' }
  | { type: 'refund' }
  | { type: 'close' };

const next: Record<ReturnState, Partial<Record<ReturnEvent['type'], ReturnState>>> = {
  requested: { approve: 'approved', decline: 'declined' },
  approved: { ship: 'in_transit', receive: 'received', close: 'closed' },
  declined: { close: 'closed' },
  in_transit: { receive: 'received' },
  received: { grade: 'graded' },
  graded: { refund: 'refunded', close: 'closed' },
  refunded: { close: 'closed' },
  closed: {},
};

export type TransitionResult =
  | { ok: true; from: ReturnState; to: ReturnState }
  | { ok: false; reason: 'invalid_transition'; from: ReturnState; event: ReturnEvent['type'] };

/** The next state for an event, or why the event does not apply here. */
export function transition(from: ReturnState, event: ReturnEvent['type']): TransitionResult {
  const to = next[from][event];
  return to ? { ok: true, from, to } : { ok: false, reason: 'invalid_transition', from, event };
}

/** Events that apply in a state, for the actions a page offers. */
export function allowedEvents(state: ReturnState): ReturnEvent['type'][] {
  return Object.keys(next[state]) as ReturnEvent['type'][];
}

/** Order of the states along the happy path: a state never goes back to an earlier rank. */
export const stateRank: Record<ReturnState, number> = {
  requested: 0,
  approved: 1,
  declined: 1,
  in_transit: 2,
  received: 3,
  graded: 4,
  refunded: 5,
  closed: 6,
};

export function isReturnState(s: string): s is ReturnState {
  return (returnStates as readonly string[]).includes(s);
}

/** States where the warehouse should expect the parcel. */
export const expectedAtWarehouse: readonly ReturnState[] = ['approved', 'in_transit'];
