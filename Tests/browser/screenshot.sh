#!/bin/sh
# Renders a trace page in headless Chromium and saves what a reader sees on opening it.
# Not part of `swift test`: it needs Chromium (Debian: apt-get install -y chromium).
#
#   Tests/browser/screenshot.sh [PAGE.html] [OUT.png] [WIDTHxHEIGHT]
#
# With no PAGE, it writes the Level 3 seed 1 page first (seed 1 breaks no double counting), so
# the check "the violating step is visible without scrolling" is one command:
#   Tests/browser/screenshot.sh && open .build/trace-screenshots/level3-seed1.png
set -eu
cd "$(dirname "$0")/../.."
out_dir=.build/trace-screenshots
mkdir -p "$out_dir"
page=${1:-}
if [ -z "$page" ]; then
  page=$out_dir/level3-seed1.html
  swift run -q workshop level3 --seed 1 --format html --out "$page" > /dev/null
fi
png=${2:-$out_dir/$(basename "$page" .html).png}
size=${3:-1280x800}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "screenshot.sh: no chromium found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
# --no-sandbox: containers usually run as root, where Chromium's sandbox refuses to start.
# --virtual-time-budget lets the page's script run (it scrolls the violation into view).
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="$(echo "$size" | tr x ,)" --virtual-time-budget=2000 \
  --screenshot="$(pwd)/$png" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" \
  2> "$out_dir/chromium.log"
echo "wrote $png ($size) from $page"
