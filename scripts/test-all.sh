#!/usr/bin/env bash
# npm test — every test: type-check, lint, unit and integration (Vitest on a real SQLite file;
# on PostgreSQL too when TEST_DATABASE_URL is set), then end-to-end in Chromium against `next start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$1"; }

step "Prisma clients"
npx tsx scripts/prisma-generate.ts
step "Type-check"
npx tsc --noEmit
step "Lint"
npx eslint . --max-warnings 0
step "Unit and integration tests (SQLite)"
# Without TEST_DATABASE_URL the tests make their SQLite files; with it they would use PostgreSQL.
TEST_DATABASE_URL= npx vitest run
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "Integration tests (PostgreSQL)"
  npx vitest run
fi
step "End-to-end tests (Chromium)"
npx playwright test
