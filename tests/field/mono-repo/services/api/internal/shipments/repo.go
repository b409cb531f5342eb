// Package shipments stores shipments and their events.
package shipments

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Status is a shipment_status value.
type Status string

// Shipment is one row of shipments.
type Shipment struct {
	ID          uuid.UUID
	AccountID   uuid.UUID
	Reference   string
	Origin      string
	Destination string
	Status      Status
	ETA         *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Repo reads and writes shipments.
type Repo struct {
	pool *pgxpool.Pool
}

// NewRepo returns a Repo.
func NewRepo(pool *pgxpool.Pool) *Repo {
	return &Repo{pool: pool}
}

// UpdateStatus sets the status and records a status_changed event in one transaction.
func (r *Repo) UpdateStatus(ctx context.Context, accountID, id uuid.UUID, to Status) (*Shipment, error) {
	tx, err := r.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	var s Shipment
	err = tx.QueryRow(ctx, `UPDATE shipments SET status = $3, updated_at = now()
		WHERE account_id = $1 AND id = $2
		RETURNING id, account_id, reference, origin, destination, status, eta, created_at, updated_at`,
		accountID, id, to).Scan(&s.ID, &s.AccountID, &s.Reference, &s.Origin, &s.Destination, &s.Status, &s.ETA, &s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO shipment_events (shipment_id, kind, payload)
		VALUES ($1, 'status_changed', jsonb_build_object('to', $2::text))`, id, to); err != nil {
		return nil, err
	}
	return &s, tx.Commit(ctx)
}
