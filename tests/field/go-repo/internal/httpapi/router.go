// Package httpapi wires the HTTP routes to the domain services.
package httpapi

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fieldnote/fieldnote/internal/auth"
	"github.com/fieldnote/fieldnote/internal/projects"
	"github.com/fieldnote/fieldnote/internal/tasks"
)

// NewRouter returns the API's handler.
func NewRouter(pool *pgxpool.Pool) http.Handler {
	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})

	sessions := auth.NewSessionStore(pool)
	projectHandler := projects.NewHandler(projects.NewService(projects.NewStore(pool)))
	taskHandler := tasks.NewHandler(tasks.NewStore(pool))

	r.Route("/api/v1", func(r chi.Router) {
		r.Use(auth.RequireSession(sessions))
		r.Route("/orgs/{org_id}", func(r chi.Router) {
			r.Get("/projects", projectHandler.List)
			r.Post("/projects", projectHandler.Create)
			r.Get("/projects/{project_id}", projectHandler.Get)
			r.Get("/projects/{project_id}/tasks", taskHandler.List)
		})
	})
	return r
}
