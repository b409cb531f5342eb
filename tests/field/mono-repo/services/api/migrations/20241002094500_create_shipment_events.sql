-- +goose Up
CREATE TABLE shipment_events (
    id BIGSERIAL PRIMARY KEY,
    shipment_id UUID NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}',
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX shipment_events_shipment_id_occurred_at_idx ON shipment_events (shipment_id, occurred_at);

-- +goose Down
DROP TABLE shipment_events;
