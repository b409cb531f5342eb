-- +goose Up
CREATE TYPE shipment_status AS ENUM ('booked', 'in_transit', 'delayed', 'delivered', 'cancelled');

CREATE TABLE shipments (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    reference TEXT NOT NULL,
    origin TEXT NOT NULL,
    destination TEXT NOT NULL,
    status shipment_status NOT NULL DEFAULT 'booked',
    eta TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (account_id, reference)
);

-- +goose Down
DROP TABLE shipments;
DROP TYPE shipment_status;
