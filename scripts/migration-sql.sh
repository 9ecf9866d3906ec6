#!/usr/bin/env bash
# Writes a new migration (SQL for SQLite and for PostgreSQL) from the change between
# prisma/migrations/schema.last.prisma and prisma/schema.prisma.
# Prisma 7's schema engine is a download this machine cannot reach, so the SQL is produced
# by Prisma 6.19.3's CLI with its JS engine and a driver adapter (docs/decisions/0001-sql-migrations-per-provider.md), installed into a
# cache folder outside the repository. Needs a PostgreSQL reachable at $MIGRATION_PG_URL.
# Usage: scripts/migration-sql.sh <name>
set -euo pipefail
name=${1:?usage: scripts/migration-sql.sh <name>}
root=$(cd "$(dirname "$0")/.." && pwd)
tool=${PRISMA6_DIR:-$HOME/.cache/zhiji-prisma6}
pgurl=${MIGRATION_PG_URL:-postgresql://postgres@127.0.0.1:55432/postgres}
if [ ! -x "$tool/node_modules/.bin/prisma" ]; then
  mkdir -p "$tool" && (cd "$tool" && npm init -y >/dev/null &&
    npm install --no-save prisma@6.19.3 @prisma/adapter-better-sqlite3@6.19.3 @prisma/adapter-pg@6.19.3 better-sqlite3@12.11.1 pg@8.23.1 >/dev/null)
fi
work=$(mktemp -d)
stamp=$(date -u +%Y%m%d%H%M%S)
for provider in sqlite postgresql; do
  for which in last current; do
    src="$root/prisma/schema.prisma"; [ "$which" = last ] && src="$root/prisma/migrations/schema.last.prisma"
    python3 - "$src" "$work/$which.$provider.prisma" "$provider" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'generator client \{.*?\}', 'generator client {\n  provider = "prisma-client-js"\n}', s, flags=re.S)
s = s.replace('provider = "sqlite"', 'provider = "%s"' % sys.argv[3])
# Prisma 6 wants a url in the datasource; the adapter in prisma.config.ts is what connects.
if 'url' not in re.search(r'datasource db \{.*?\}', s, flags=re.S).group(0):
    s = re.sub(r'(datasource db \{[^}]*?)\n\}', r'\1\n  url = "file:unused.db"\n}', s, count=1, flags=re.S)
open(sys.argv[2], 'w').write(s)
PY
  done
  cat > "$work/prisma.config.ts" <<TS
import { defineConfig } from 'prisma/config'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
export default defineConfig({
  experimental: { adapter: true }, engine: 'js', schema: 'current.$provider.prisma',
  async adapter() {
    return '$provider' === 'postgresql' ? new PrismaPg({ connectionString: '$pgurl' }) : new PrismaBetterSQLite3({ url: 'file:$work/x.db' })
  },
})
TS
  out="$root/prisma/migrations/$provider/${stamp}_$name"
  mkdir -p "$out"
  (cd "$work" && ln -sf "$tool/node_modules" node_modules && touch fake &&
    PRISMA_QUERY_ENGINE_LIBRARY=$work/fake PRISMA_SCHEMA_ENGINE_BINARY=$work/fake \
    ./node_modules/.bin/prisma migrate diff --from-schema-datamodel "last.$provider.prisma" \
      --to-schema-datamodel "current.$provider.prisma" --script) > "$out/migration.sql"
  echo "wrote $out/migration.sql"
done
cp "$root/prisma/schema.prisma" "$root/prisma/migrations/schema.last.prisma"
rm -rf "$work"
