/** Fulfillment orders and fulfillments: where an order ships from, and the tracking it ships with. */

export const ORDER_FULFILLMENT_STATE = `query OrderFulfillmentState($id: ID!) {
  order(id: $id) {
    id cancelledAt
    fulfillmentOrders(first: 3, displayable: true) {
      nodes { id status requestStatus assignedLocation { location { id } }
        lineItems(first: 20) { nodes { id remainingQuantity totalQuantity lineItem { id } } } }
    }
    fulfillments(first: 5) { id status trackingInfo { company number url } }
  }
}`;

export interface FoLine {
  id: string;
  remainingQuantity: number;
  totalQuantity: number;
  lineItem: { id: string };
}
export interface FulfillmentOrderNode {
  id: string;
  status: string;
  requestStatus: string;
  assignedLocation: { location: { id: string } | null };
  lineItems: { nodes: FoLine[] };
}
export interface OrderFulfillmentState {
  order: {
    id: string;
    cancelledAt: string | null;
    fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
    fulfillments: {
      id: string;
      status: string;
      trackingInfo: { company: string | null; number: string | null; url: string | null }[];
    }[];
  } | null;
}

type UserErrors = { field: string[] | null; message: string; code?: string | null }[];

export const FO_MOVE = `mutation FulfillmentOrderMove($id: ID!, $loc: ID!, $items: [FulfillmentOrderLineItemInput!]) {
  fulfillmentOrderMove(id: $id, newLocationId: $loc, fulfillmentOrderLineItems: $items) {
    movedFulfillmentOrder { id status assignedLocation { location { id } } lineItems(first: 20) { nodes { id remainingQuantity lineItem { id } } } }
    originalFulfillmentOrder { id status }
    remainingFulfillmentOrder { id }
    userErrors { field message code }
  }
}`;
export interface FoMoveResult {
  fulfillmentOrderMove: {
    movedFulfillmentOrder: {
      id: string;
      lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] };
    } | null;
    originalFulfillmentOrder: { id: string } | null;
    remainingFulfillmentOrder: { id: string } | null;
    userErrors: UserErrors;
  };
}

export const FO_SUBMIT_REQUEST = `mutation SubmitFulfillmentRequest($id: ID!, $message: String) {
  fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: $message, notifyCustomer: false) {
    submittedFulfillmentOrder { id status requestStatus }
    unsubmittedFulfillmentOrder { id }
    userErrors { field message }
  }
}`;
export interface FoSubmitResult {
  fulfillmentOrderSubmitFulfillmentRequest: {
    submittedFulfillmentOrder: { id: string; requestStatus: string } | null;
    userErrors: UserErrors;
  };
}

export const FO_ACCEPT_REQUEST = `mutation AcceptFulfillmentRequest($id: ID!, $message: String) {
  fulfillmentOrderAcceptFulfillmentRequest(id: $id, message: $message) {
    fulfillmentOrder { id status requestStatus }
    userErrors { field message }
  }
}`;
export interface FoAcceptResult {
  fulfillmentOrderAcceptFulfillmentRequest: {
    fulfillmentOrder: { id: string; requestStatus: string } | null;
    userErrors: UserErrors;
  };
}

export const FULFILLMENT_CREATE = `mutation FulfillmentCreate($f: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $f) {
    fulfillment { id status name trackingInfo { company number url } }
    userErrors { field message }
  }
}`;
export interface FulfillmentCreateResult {
  fulfillmentCreate: {
    fulfillment: {
      id: string;
      status: string;
      name: string;
      trackingInfo: { company: string | null; number: string | null; url: string | null }[];
    } | null;
    userErrors: UserErrors;
  };
}

export const TRACKING_UPDATE = `mutation FulfillmentTrackingInfoUpdate($id: ID!, $t: FulfillmentTrackingInput!, $notify: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t, notifyCustomer: $notify) {
    fulfillment { id trackingInfo { company number url } }
    userErrors { field message }
  }
}`;
export interface TrackingUpdateResult {
  fulfillmentTrackingInfoUpdate: { fulfillment: { id: string } | null; userErrors: UserErrors };
}

export const FULFILLMENT_EVENT_CREATE = `mutation FulfillmentEventCreate($e: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $e) {
    fulfillmentEvent { id status happenedAt }
    userErrors { field message }
  }
}`;
export interface FulfillmentEventResult {
  fulfillmentEventCreate: { fulfillmentEvent: { id: string; status: string } | null; userErrors: UserErrors };
}

export const FO_ACCEPT_CANCELLATION = `mutation AcceptCancellation($id: ID!, $message: String) {
  fulfillmentOrderAcceptCancellationRequest(id: $id, message: $message) { fulfillmentOrder { id status requestStatus } userErrors { field message } }
}`;
export const FO_REJECT_CANCELLATION = `mutation RejectCancellation($id: ID!, $message: String) {
  fulfillmentOrderRejectCancellationRequest(id: $id, message: $message) { fulfillmentOrder { id status requestStatus } userErrors { field message } }
}`;
export interface CancellationAnswerResult {
  fulfillmentOrderAcceptCancellationRequest?: { fulfillmentOrder: { id: string } | null; userErrors: UserErrors };
  fulfillmentOrderRejectCancellationRequest?: { fulfillmentOrder: { id: string } | null; userErrors: UserErrors };
}
