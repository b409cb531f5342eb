// Package projects owns projects: storage, rules and HTTP handlers.
package projects

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is returned when a project does not exist in the organization.
var ErrNotFound = errors.New("projects: not found")

// Project is one row of the projects table.
type Project struct {
	ID          uuid.UUID
	OrgID       uuid.UUID
	Name        string
	Description string
	CreatedBy   uuid.UUID
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Store reads and writes projects.
type Store interface {
	List(ctx context.Context, orgID uuid.UUID) ([]Project, error)
	Get(ctx context.Context, orgID, id uuid.UUID) (*Project, error)
	Create(ctx context.Context, p *Project) error
}

type pgStore struct {
	pool *pgxpool.Pool
}

// NewStore returns the PostgreSQL Store.
func NewStore(pool *pgxpool.Pool) Store {
	return &pgStore{pool: pool}
}

func (s *pgStore) List(ctx context.Context, orgID uuid.UUID) ([]Project, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, org_id, name, description, created_by, created_at, updated_at
		FROM projects WHERE org_id = $1 ORDER BY name`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Project
	for rows.Next() {
		var p Project
		if err := rows.Scan(&p.ID, &p.OrgID, &p.Name, &p.Description, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func (s *pgStore) Get(ctx context.Context, orgID, id uuid.UUID) (*Project, error) {
	var p Project
	err := s.pool.QueryRow(ctx, `SELECT id, org_id, name, description, created_by, created_at, updated_at
		FROM projects WHERE org_id = $1 AND id = $2`, orgID, id).
		Scan(&p.ID, &p.OrgID, &p.Name, &p.Description, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, ErrNotFound
	}
	return &p, nil
}

func (s *pgStore) Create(ctx context.Context, p *Project) error {
	return s.pool.QueryRow(ctx, `INSERT INTO projects (org_id, name, description, created_by)
		VALUES ($1, $2, $3, $4) RETURNING id, created_at, updated_at`,
		p.OrgID, p.Name, p.Description, p.CreatedBy).Scan(&p.ID, &p.CreatedAt, &p.UpdatedAt)
}
