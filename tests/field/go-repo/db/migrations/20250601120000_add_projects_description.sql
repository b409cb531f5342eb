-- +goose Up
ALTER TABLE projects ADD COLUMN description TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE projects DROP COLUMN description;
