package auth

import (
	"context"
	"errors"
	"testing"
)

func TestLookupEmptyToken(t *testing.T) {
	s := &SessionStore{}
	if _, err := s.Lookup(context.Background(), ""); !errors.Is(err, ErrNoSession) {
		t.Fatalf("Lookup(\"\") error = %v, want ErrNoSession", err)
	}
}
