// Package tasks stores the tasks of a project.
package tasks

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Task is one row of the tasks table.
type Task struct {
	ID         uuid.UUID
	ProjectID  uuid.UUID
	Title      string
	Status     string
	AssigneeID *uuid.UUID
	DueOn      *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Filter narrows a task listing.
type Filter struct {
	Status     []string
	AssigneeID *uuid.UUID
	Query      string
}

// Store lists tasks.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

// List returns the tasks of a project that match f, newest first.
func (s *Store) List(ctx context.Context, projectID uuid.UUID, f Filter) ([]Task, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, project_id, title, status, assignee_id, due_on, created_at, updated_at
		FROM tasks WHERE project_id = $1 AND ($2 = '' OR title ILIKE '%' || $2 || '%')
		ORDER BY created_at DESC`, projectID, f.Query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		var t Task
		if err := rows.Scan(&t.ID, &t.ProjectID, &t.Title, &t.Status, &t.AssigneeID, &t.DueOn, &t.CreatedAt, &t.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
