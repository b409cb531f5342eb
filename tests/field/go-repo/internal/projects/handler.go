package projects

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
)

// ProjectResponse is the JSON shape of a project.
type ProjectResponse struct {
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Handler serves the project routes.
type Handler struct {
	svc *Service
}

// NewHandler returns a Handler.
func NewHandler(svc *Service) *Handler {
	return &Handler{svc: svc}
}

func toResponse(p Project) ProjectResponse {
	return ProjectResponse{ID: p.ID, Name: p.Name, Description: p.Description, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// List serves GET /api/v1/orgs/{org_id}/projects.
func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	orgID, err := uuid.Parse(chi.URLParam(r, "org_id"))
	if err != nil {
		http.Error(w, "bad org id", http.StatusBadRequest)
		return
	}
	ps, err := h.svc.List(r.Context(), orgID)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	out := make([]ProjectResponse, 0, len(ps))
	for _, p := range ps {
		out = append(out, toResponse(p))
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// Get serves GET /api/v1/orgs/{org_id}/projects/{project_id}.
func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	orgID, err1 := uuid.Parse(chi.URLParam(r, "org_id"))
	id, err2 := uuid.Parse(chi.URLParam(r, "project_id"))
	if err1 != nil || err2 != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	p, err := h.svc.Get(r.Context(), orgID, id)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(toResponse(*p))
}

// Create serves POST /api/v1/orgs/{org_id}/projects.
func (h *Handler) Create(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNotImplemented)
}
