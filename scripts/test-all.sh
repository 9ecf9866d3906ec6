#!/usr/bin/env bash
# npm test — every test: type-check, lint, unit and integration (Vitest on a real SQLite file;
# on PostgreSQL too when TEST_DATABASE_URL is set), then end-to-end in Chromium against `next start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$1"; }

step "Prisma clients"
npx tsx scripts/prisma-generate.ts
# The production build for the browser tests runs alongside the checks and unit tests; Playwright's
# server (scripts/demo.ts) finds it up to date. Its log is printed when it is waited for.
build_log=$(mktemp)
npx tsx scripts/build-if-needed.ts >"$build_log" 2>&1 &
build_pid=$!
step "Type-check"
npx tsc --noEmit
step "Lint"
npx eslint . --max-warnings 0
step "Unit and integration tests (SQLite)"
# Without TEST_DATABASE_URL the tests make their SQLite files; with it they would use PostgreSQL.
TEST_DATABASE_URL= npx vitest run
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "Integration tests (PostgreSQL)"
  # The files that open a database (test/test-db.ts, test/world.ts); the pure ones ran above and do
  # not touch it. Each file has a database of its own, so two run side by side (the build is done
  # by now; on SQLite above it still shares the cores).
  mapfile -t db_tests < <(grep -rlE --include='*.test.ts' --exclude-dir=node_modules --exclude-dir='.next*' \
    'test/test-db|test/world|TEST_DATABASE_URL' . | sort)
  echo "${#db_tests[@]} files"
  npx vitest run --fileParallelism --maxWorkers=2 "${db_tests[@]}"
fi
step "Production build (started in the background)"
if ! wait "$build_pid"; then cat "$build_log"; exit 1; fi
tail -n 30 "$build_log"
step "End-to-end tests (Chromium)"
npx playwright test
