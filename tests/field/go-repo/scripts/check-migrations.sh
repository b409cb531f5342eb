#!/usr/bin/env bash
# Applies every migration to a scratch database, rolls all of them back, and applies them again.
set -euo pipefail

db="${DATABASE_URL:-postgres://fieldnote:fieldnote@localhost:5432/fieldnote_scratch?sslmode=disable}"
goose -dir db/migrations postgres "$db" up
goose -dir db/migrations postgres "$db" reset
goose -dir db/migrations postgres "$db" up
goose -dir db/migrations postgres "$db" status
