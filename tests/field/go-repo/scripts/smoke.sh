#!/usr/bin/env bash
# Starts nothing: checks a running API answers on its health endpoint.
set -euo pipefail
curl -fsS "${API_URL:-http://localhost:8080}/healthz"
