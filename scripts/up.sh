#!/usr/bin/env bash
# Installs the system and runs it on embedded NATS and PostgreSQL: ./scripts/up.sh [--demo]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/cadre up "$@"
