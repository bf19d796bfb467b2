#!/usr/bin/env bash
# Fonts and tools for printed maps and notice boards: Noto Sans CJK (Debian fonts-noto-cjk), so that Chinese text
# never prints as tofu boxes, and poppler-utils (pdftoppm), with which the rendering tests rasterise the PDFs they
# check. Installed when missing. Idempotent.
set -euo pipefail
need=()
if ! ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 \
   && ! (command -v fc-list >/dev/null 2>&1 && fc-list ':lang=zh-cn' file | grep -qi 'NotoSansCJK'); then
  need+=(fonts-noto-cjk)
fi
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
echo "[fonts] installing ${need[*]} (Debian packages)" >&2
sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null; then
    exit 0
  fi
  echo "[fonts] apt busy or failed (attempt $attempt), retrying in 15 s" >&2
  sleep 15
done
echo "[fonts] could not install ${need[*]}" >&2
exit 1
