#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium (/usr/bin/chromium) and a CJK font for the
# map's Chinese labels. Installs them with apt-get when missing; never downloads a browser build.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  echo "[ensure-browser] installing ${need[*]}…" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
[ -x /usr/bin/chromium ] || { echo "[ensure-browser] /usr/bin/chromium is still missing" >&2; exit 1; }
