package projects

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"
)

// ErrInvalidName is returned for an empty or over-long project name.
var ErrInvalidName = errors.New("projects: invalid name")

// Service applies the project rules on top of a Store.
type Service struct {
	store Store
}

// NewService returns a Service.
func NewService(store Store) *Service {
	return &Service{store: store}
}

// Create validates the name and stores a new project.
func (s *Service) Create(ctx context.Context, orgID, userID uuid.UUID, name, description string) (*Project, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 120 {
		return nil, ErrInvalidName
	}
	p := &Project{OrgID: orgID, Name: name, Description: description, CreatedBy: userID}
	if err := s.store.Create(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// List returns the organization's projects.
func (s *Service) List(ctx context.Context, orgID uuid.UUID) ([]Project, error) {
	return s.store.List(ctx, orgID)
}

// Get returns one project.
func (s *Service) Get(ctx context.Context, orgID, id uuid.UUID) (*Project, error) {
	return s.store.Get(ctx, orgID, id)
}
