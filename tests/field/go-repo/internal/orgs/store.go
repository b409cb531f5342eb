// Package orgs reads organizations and memberships.
package orgs

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotMember is returned when a user is not a member of the organization.
var ErrNotMember = errors.New("orgs: not a member")

// Role is a membership role.
type Role string

// The membership roles.
const (
	RoleOwner  Role = "owner"
	RoleAdmin  Role = "admin"
	RoleMember Role = "member"
	RoleGuest  Role = "guest"
)

// MembershipStore answers membership questions.
type MembershipStore struct {
	pool *pgxpool.Pool
}

// NewMembershipStore returns a MembershipStore.
func NewMembershipStore(pool *pgxpool.Pool) *MembershipStore {
	return &MembershipStore{pool: pool}
}

// RoleOf returns the user's role in the organization, or ErrNotMember.
func (s *MembershipStore) RoleOf(ctx context.Context, orgID, userID uuid.UUID) (Role, error) {
	var role string
	err := s.pool.QueryRow(ctx, `SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2`, orgID, userID).Scan(&role)
	if err != nil {
		return "", ErrNotMember
	}
	return Role(role), nil
}
