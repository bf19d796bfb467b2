#!/usr/bin/env bash
# Builds the map viewer (src/GridGeo.Viewer, TypeScript + OpenLayers, Vite) into the API's static
# files, src/GridGeo.Api/wwwroot. Idempotent: `npm ci` only when node_modules is missing or the
# lockfile changed, `vite build` only when a viewer source is newer than the last build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VIEWER="$ROOT/src/GridGeo.Viewer"
OUT="$ROOT/src/GridGeo.Api/wwwroot"
STAMP="$OUT/.viewer-build"
cd "$VIEWER"

command -v node >/dev/null || { echo "[build-viewer] node is missing (need Node.js >= 20.19 for Vite 7)" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || { echo "[build-viewer] Node.js $(node --version) is too old: Vite 7 needs >= 20.19" >&2; exit 1; }

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
LOCK_HASH=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$LOCK_HASH" ]; then
  echo "[build-viewer] npm ci…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$LOCK_HASH" > node_modules/.lock-hash
fi

if [ -f "$STAMP" ] && [ -f "$OUT/index.html" ] && [ -z "$(find src index.html vite.config.ts tsconfig.json package-lock.json -newer "$STAMP" 2>/dev/null | head -1)" ]; then
  exit 0
fi
echo "[build-viewer] vite build → src/GridGeo.Api/wwwroot" >&2
npx --no-install tsc --noEmit >&2
npx --no-install vite build --logLevel warn >&2
touch "$STAMP"
