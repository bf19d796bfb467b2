#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what is missing (PostgreSQL 15 + PostGIS, GDAL, Noto CJK
# fonts and poppler-utils, Chromium, the viewer's npm packages), starts the private PostGIS, builds the viewer, then runs the
# whole solution's tests in Release and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
"$ROOT/scripts/pg.sh" up
"$ROOT/scripts/ensure-gdal.sh"
"$ROOT/scripts/ensure-fonts.sh"
"$ROOT/scripts/ensure-browser.sh"
"$ROOT/scripts/build-viewer.sh"
export GRIDGEO_DB="$("$ROOT/scripts/pg.sh" url)"

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
set +e
dotnet test GridGeo.sln -c Release 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
# dotnet test prints one line per test assembly; add them up into the plain closing line.
awk '/^(Passed|Failed)! +- +Failed: /{
  for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
exit "$status"
