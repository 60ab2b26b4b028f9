/** Returns in Shopify: request, approve, decline, create, reverse delivery, dispose, process, close. */

const USER_ERRORS = 'userErrors { field message code }';

export const RETURNABLE_LINES = `query ReturnableLines($orderId: ID!) {
  returnableFulfillments(orderId: $orderId, first: 5) {
    nodes { returnableFulfillmentLineItems(first: 20) { nodes { quantity fulfillmentLineItem { id lineItem { id sku } } } } }
  }
}`;
export interface ReturnableLinesResult {
  returnableFulfillments: {
    nodes: {
      returnableFulfillmentLineItems: {
        nodes: {
          quantity: number;
          fulfillmentLineItem: { id: string; lineItem: { id: string; sku: string | null } };
        }[];
      };
    }[];
  };
}

const RETURN_FIELDS = `id name status
  returnLineItems(first: 10) { nodes { ... on ReturnLineItem { id quantity processedQuantity refundedQuantity returnReasonNote customerNote fulfillmentLineItem { id lineItem { id sku } } } } }
  exchangeLineItems(first: 10) { nodes { id quantity processedQuantity variantId lineItems { id sku name quantity variant { id } } } }
  reverseFulfillmentOrders(first: 2) { nodes { id status
    lineItems(first: 10) { nodes { id totalQuantity fulfillmentLineItem { id } dispositions { type quantity } } }
    reverseDeliveries(first: 2) { nodes { id } } } }`;

export interface ShopifyReturn {
  id: string;
  name: string | null;
  status: 'REQUESTED' | 'OPEN' | 'DECLINED' | 'CANCELED' | 'CLOSED';
  returnLineItems: {
    nodes: {
      id: string;
      quantity: number;
      processedQuantity: number;
      refundedQuantity: number;
      returnReasonNote: string | null;
      customerNote: string | null;
      fulfillmentLineItem: { id: string; lineItem: { id: string; sku: string | null } };
    }[];
  };
  /** new units instead of money; processing them adds line items (and fulfillment orders) to the order */
  exchangeLineItems: {
    nodes: {
      id: string;
      quantity: number;
      processedQuantity: number;
      variantId: string | null;
      lineItems:
        { id: string; sku: string | null; name: string; quantity: number; variant: { id: string } | null }[] | null;
    }[];
  };
  reverseFulfillmentOrders: {
    nodes: {
      id: string;
      status: string;
      lineItems: {
        nodes: {
          id: string;
          totalQuantity: number;
          fulfillmentLineItem: { id: string };
          dispositions: { type: string; quantity: number }[];
        }[];
      };
      reverseDeliveries: { nodes: { id: string }[] };
    }[];
  };
}

export const RETURN_STATE = `query ReturnState($id: ID!) { return(id: $id) { ${RETURN_FIELDS} } }`;
export interface ReturnStateResult {
  return: ShopifyReturn | null;
}

/** The order's returns, to adopt one whose creation answer was lost. */
export const ORDER_RETURNS = `query OrderReturns($id: ID!) {
  order(id: $id) { id returns(first: 5) { nodes { ${RETURN_FIELDS} } } transactions(first: 5) { id kind status amountSet { shopMoney { amount currencyCode } } } }
}`;
export interface OrderReturnsResult {
  order: {
    id: string;
    returns: { nodes: ShopifyReturn[] };
    transactions: {
      id: string;
      kind: string;
      status: string;
      amountSet: { shopMoney: { amount: string; currencyCode: string } };
    }[];
  } | null;
}

type ReturnPayload = {
  return: ShopifyReturn | null;
  userErrors: { field: string[] | null; message: string; code: string | null }[];
};

export const RETURN_REQUEST = `mutation ReturnRequest($input: ReturnRequestInput!) { returnRequest(input: $input) { return { ${RETURN_FIELDS} } ${USER_ERRORS} } }`;
export interface ReturnRequestResult {
  returnRequest: ReturnPayload;
}

export const RETURN_CREATE = `mutation ReturnCreate($input: ReturnInput!) { returnCreate(returnInput: $input) { return { ${RETURN_FIELDS} } ${USER_ERRORS} } }`;
export interface ReturnCreateResult {
  returnCreate: ReturnPayload;
}

export const RETURN_APPROVE = `mutation ReturnApprove($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { return { ${RETURN_FIELDS} } ${USER_ERRORS} } }`;
export interface ReturnApproveResult {
  returnApproveRequest: ReturnPayload;
}

export const RETURN_DECLINE = `mutation ReturnDecline($input: ReturnDeclineRequestInput!) { returnDeclineRequest(input: $input) { return { id status } ${USER_ERRORS} } }`;
export interface ReturnDeclineResult {
  returnDeclineRequest: { return: { id: string; status: string } | null; userErrors: ReturnPayload['userErrors'] };
}

export const REVERSE_DELIVERY_CREATE = `mutation ReverseDeliveryCreate($rfo: ID!, $lines: [ReverseDeliveryLineItemInput!]!, $tracking: ReverseDeliveryTrackingInput, $label: ReverseDeliveryLabelInput) {
  reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: $rfo, reverseDeliveryLineItems: $lines, trackingInput: $tracking, labelInput: $label, notifyCustomer: false) {
    reverseDelivery { id deliverable { ... on ReverseDeliveryShippingDeliverable { tracking { number url } label { publicFileUrl } } } } ${USER_ERRORS}
  }
}`;
export interface ReverseDeliveryCreateResult {
  reverseDeliveryCreateWithShipping: {
    reverseDelivery: { id: string } | null;
    userErrors: ReturnPayload['userErrors'];
  };
}

export const RFO_DISPOSE = `mutation Dispose($inputs: [ReverseFulfillmentOrderDisposeInput!]!) {
  reverseFulfillmentOrderDispose(dispositionInputs: $inputs) { reverseFulfillmentOrderLineItems { id dispositions { type quantity } } ${USER_ERRORS} }
}`;
export interface RfoDisposeResult {
  reverseFulfillmentOrderDispose: {
    reverseFulfillmentOrderLineItems: { id: string }[] | null;
    userErrors: ReturnPayload['userErrors'];
  };
}

export const RETURN_PROCESS = `mutation ReturnProcess($input: ReturnProcessInput!) { returnProcess(input: $input) { return { ${RETURN_FIELDS} } ${USER_ERRORS} } }`;
export interface ReturnProcessResult {
  returnProcess: ReturnPayload;
}

export const RETURN_CLOSE = `mutation ReturnClose($id: ID!) { returnClose(id: $id) { return { id status } ${USER_ERRORS} } }`;
export interface ReturnCloseResult {
  returnClose: { return: { id: string; status: string } | null; userErrors: ReturnPayload['userErrors'] };
}
