#!/usr/bin/env bash
# What CI runs: lint, types, backend and frontend tests.
set -euo pipefail
uv run ruff check app/
uv run mypy app/
uv run pytest -q
yarn --cwd web test
