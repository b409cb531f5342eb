// Package accounts reads customer accounts.
package accounts

import "github.com/google/uuid"

// Account is one customer.
type Account struct {
	ID   uuid.UUID
	Name string
	Plan string
}
