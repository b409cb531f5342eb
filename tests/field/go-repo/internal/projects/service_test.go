package projects

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
)

type memStore struct{ created []*Project }

func (m *memStore) List(context.Context, uuid.UUID) ([]Project, error) { return nil, nil }
func (m *memStore) Get(context.Context, uuid.UUID, uuid.UUID) (*Project, error) { return nil, ErrNotFound }
func (m *memStore) Create(_ context.Context, p *Project) error {
	m.created = append(m.created, p)
	return nil
}

func TestServiceCreate(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		wantErr error
	}{
		{name: "ok", input: "Roadmap"},
		{name: "blank", input: "   ", wantErr: ErrInvalidName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := NewService(&memStore{})
			_, err := svc.Create(context.Background(), uuid.New(), uuid.New(), tt.input, "")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Create(%q) error = %v, want %v", tt.input, err, tt.wantErr)
			}
		})
	}
}
