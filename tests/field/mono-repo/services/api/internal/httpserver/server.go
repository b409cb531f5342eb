// Package httpserver builds the Echo server and its routes.
package httpserver

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"github.com/harbor-logistics/harbor/services/api/internal/platform/auth"
	"github.com/harbor-logistics/harbor/services/api/internal/shipments"
)

// New returns the configured server.
func New(pool *pgxpool.Pool) *echo.Echo {
	e := echo.New()
	e.GET("/healthz", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})

	v1 := e.Group("/v1", auth.Middleware())
	sh := shipments.NewHandler(shipments.NewRepo(pool))
	v1.GET("/shipments", sh.List)
	v1.POST("/shipments", sh.Create)
	v1.GET("/shipments/:id", sh.Get)
	v1.PATCH("/shipments/:id/status", sh.UpdateStatus)
	return e
}
