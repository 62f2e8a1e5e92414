#!/usr/bin/env bash
# Installs the system with its test tools and runs every check: lint, types, tests, bench smoke.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test
# System packages the checks need (wrk for the command-API bench), installed before anything runs.
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  { apt-get update -q && apt-get install -y -q wrk; } >/dev/null \
    || { echo "test.sh: cannot install wrk with apt-get (needs root and the Debian archive)" >&2; exit 1; }
fi
# The console's browser tests drive Debian's chromium (never a downloaded build); fonts-noto-cjk so
# Chinese renders in the screenshots.
missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
  echo "== installing$missing (Debian packages)"
  { apt-get update -q && apt-get install -y -q $missing; } >/dev/null \
    || { echo "test.sh: cannot install$missing with apt-get (needs root and the Debian archive)" >&2; exit 1; }
fi
# Node (Debian's nodejs and npm) for the official AsyncAPI parser, which integrators' tools use.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== installing nodejs and npm (Debian packages)"
  { apt-get update -q && apt-get install -y -q nodejs npm; } >/dev/null \
    || { echo "test.sh: cannot install nodejs and npm with apt-get (needs root and the Debian archive)" >&2; exit 1; }
fi
# @asyncapi/parser from the npm registry, into a project-local folder; again only when it changed.
PARSER_DIR=.cache/asyncapi-validate
if ! cmp -s scripts/asyncapi/package.json "$PARSER_DIR/package.json" || [ ! -d "$PARSER_DIR/node_modules/@asyncapi/parser" ]; then
  echo "== installing @asyncapi/parser (npm)"
  mkdir -p "$PARSER_DIR" && cp scripts/asyncapi/package.json "$PARSER_DIR/package.json"
  (cd "$PARSER_DIR" && npm install --no-audit --no-fund --loglevel=error >/dev/null) \
    || { echo "test.sh: cannot install @asyncapi/parser with npm" >&2; exit 1; }
fi
echo "== AsyncAPI document (official parser)"
node scripts/asyncapi/validate.mjs "$PARSER_DIR" docs/asyncapi.json
echo "== ruff"
.venv/bin/ruff check shared services tests
echo "== mypy (strict on shared/ and every domain/)"
.venv/bin/mypy --strict shared/contract shared/calendar shared/policy shared/access/policy.py \
  shared/access/principal.py shared/access/org_tree.py shared/access/tokens.py shared/access/acting.py \
  shared/integrity services/*/domain services/console
echo "== import contracts (pure domains, independent services, no cycles)"
PYTHONPATH=. .venv/bin/lint-imports --no-cache
echo "== pytest"
.venv/bin/python -m pytest "$@"
