-- New work for a 3PL (an allocation becomes ready, or a cancellation is requested) wakes the
-- feed's long polls on every server instance (LISTEN feed_allocations) and queues a signed
-- webhook for the warehouse's subscription in the same transaction, so no change goes unannounced.
CREATE OR REPLACE FUNCTION feed_announce_allocation() RETURNS trigger AS $$
DECLARE
  ev text;
  n integer;
BEGIN
  IF NEW.status NOT IN ('ready', 'cancel_requested') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN RETURN NEW; END IF;
  ev := 'allocation.' || NEW.status;
  PERFORM pg_notify('feed_allocations', NEW.warehouse_id::text);
  INSERT INTO feed_webhook_deliveries (shop_id, warehouse_id, subscription_id, message_id, event_type, payload)
  SELECT s.shop_id, s.warehouse_id, s.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), ev,
    jsonb_build_object(
      'type', ev,
      'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'data', jsonb_build_object('allocationId', NEW.id, 'status', NEW.status, 'orderName', (SELECT o.name FROM orders o WHERE o.id = NEW.order_id))
    )
  FROM feed_webhook_subscriptions s
  WHERE s.warehouse_id = NEW.warehouse_id AND s.shop_id = NEW.shop_id AND ev = ANY (s.events);
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN PERFORM pg_notify('feed_webhooks', NEW.warehouse_id::text); END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER allocations_feed_announce
  AFTER INSERT OR UPDATE OF status ON allocations
  FOR EACH ROW EXECUTE FUNCTION feed_announce_allocation();
