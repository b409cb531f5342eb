// Package audit records who did what in an organization.
package audit

import (
	"context"
	"encoding/json"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Event is one audit_events row to write.
type Event struct {
	OrgID      uuid.UUID
	ActorID    *uuid.UUID
	Action     string
	TargetType string
	TargetID   string
	Metadata   map[string]any
}

// Recorder writes audit events.
type Recorder struct {
	pool *pgxpool.Pool
}

// NewRecorder returns a Recorder.
func NewRecorder(pool *pgxpool.Pool) *Recorder {
	return &Recorder{pool: pool}
}

// Record inserts one event.
func (r *Recorder) Record(ctx context.Context, e Event) error {
	meta, err := json.Marshal(e.Metadata)
	if err != nil {
		return err
	}
	_, err = r.pool.Exec(ctx, `INSERT INTO audit_events (org_id, actor_id, action, target_type, target_id, metadata)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.OrgID, e.ActorID, e.Action, e.TargetType, e.TargetID, meta)
	return err
}
