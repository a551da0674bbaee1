#!/bin/sh
# Renders a trace page in headless Chromium and saves what a reader sees on opening it.
# Not part of `swift test`: it needs Chromium (Debian: apt-get install -y chromium).
#
#   Tests/browser/screenshot.sh [PAGE.html] [OUT.png] [WIDTHxHEIGHT]
#
# With no PAGE, it writes the Level 3 seed 1 page first (seed 1 breaks no double counting), so
# the check "the violating step is visible without scrolling" is one command:
#   Tests/browser/screenshot.sh && open .build/trace-screenshots/level3-seed1.png
# That page also shows the state inspector (top right): every node's state after the violating
# event, the replicas it names highlighted. 1400x900 shows both the inspector and the violation.
set -eu
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
page=${1:+$(absolute "$1")}
png=${2:+$(absolute "$2")}
cd "$(dirname "$0")/../.."
out_dir=$(pwd)/.build/trace-screenshots
mkdir -p "$out_dir"
if [ -z "$page" ]; then
  page=$out_dir/level3-seed1.html
  swift run -q workshop level3 --seed 1 --format html --out "$page" > /dev/null
fi
png=${png:-$out_dir/$(basename "$page" .html).png}
size=${3:-1280x800}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "screenshot.sh: no chromium found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi
# --no-sandbox: containers usually run as root, where Chromium's sandbox refuses to start.
# --virtual-time-budget lets the page's script run (it scrolls the violation into view).
rm -f "$png"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="$(echo "$size" | tr x ,)" --virtual-time-budget=2000 \
  --screenshot="$png" "file://$page" 2> "$out_dir/chromium.log" || true
if [ ! -s "$png" ]; then
  echo "screenshot.sh: chromium wrote no $png; see $out_dir/chromium.log" >&2
  exit 1
fi
echo "wrote $png ($size) from $page"
