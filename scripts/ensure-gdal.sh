#!/usr/bin/env bash
# GDAL's command line tools (Debian gdal-bin: ogrinfo, ogr2ogr), installed when missing. The OGC API – Features
# and tile tests drive them as a real GIS client would. Idempotent.
set -euo pipefail
if command -v ogrinfo >/dev/null 2>&1 && command -v ogr2ogr >/dev/null 2>&1; then exit 0; fi
echo "[gdal] installing gdal-bin (Debian package)" >&2
sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq gdal-bin >/dev/null
