package shipments

import "testing"

func TestStatusValues(t *testing.T) {
	for _, s := range []Status{"booked", "in_transit", "delayed", "delivered", "cancelled"} {
		if s == "" {
			t.Fatal("empty status")
		}
	}
}
