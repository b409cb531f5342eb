package shipments

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Handler serves /v1/shipments.
type Handler struct {
	repo *Repo
}

// NewHandler returns a Handler.
func NewHandler(repo *Repo) *Handler {
	return &Handler{repo: repo}
}

// List serves GET /v1/shipments.
func (h *Handler) List(c echo.Context) error { return c.NoContent(http.StatusNotImplemented) }

// Create serves POST /v1/shipments.
func (h *Handler) Create(c echo.Context) error { return c.NoContent(http.StatusNotImplemented) }

// Get serves GET /v1/shipments/:id.
func (h *Handler) Get(c echo.Context) error { return c.NoContent(http.StatusNotImplemented) }

// UpdateStatus serves PATCH /v1/shipments/:id/status.
func (h *Handler) UpdateStatus(c echo.Context) error { return c.NoContent(http.StatusNotImplemented) }
