#!/usr/bin/env bash
# Renders a management report in headless Chromium and saves a full-page screenshot, to check that it reads well.
#   jobs/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]      (default 1200x3000)
# Needs Debian's `chromium` (apt-get install -y chromium). The report loads nothing from the network; the flags
# below also keep Chromium itself offline and leave no profile behind.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
report=$(readlink -f "$1")
out=$(readlink -f "$(dirname "$2")")/$(basename "$2")
size=${3:-1200x3000}
browser=${CHROMIUM:-/usr/bin/chromium}
[ -f "$report" ] || { echo "no such report: $1" >&2; exit 3; }
[ -x "$browser" ] || { echo "chromium not found at $browser (apt-get install -y chromium, or set CHROMIUM)" >&2; exit 3; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$out" --window-size="${size/x/,}" "file://$report" 2>/dev/null
echo "screenshot: $out"
