package tasks

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
)

// Handler serves the task routes.
type Handler struct {
	store *Store
}

// NewHandler returns a Handler.
func NewHandler(store *Store) *Handler {
	return &Handler{store: store}
}

// List serves GET /api/v1/orgs/{org_id}/projects/{project_id}/tasks?q=.
func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	projectID, err := uuid.Parse(chi.URLParam(r, "project_id"))
	if err != nil {
		http.Error(w, "bad project id", http.StatusBadRequest)
		return
	}
	ts, err := h.store.List(r.Context(), projectID, Filter{Query: r.URL.Query().Get("q")})
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(ts)
}
