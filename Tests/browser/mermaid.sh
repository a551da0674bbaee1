#!/bin/bash
# Renders every Mermaid diagram of the course with the real mermaid.js in headless Chromium and
# reports, per diagram, ok or the error Mermaid gave. Not part of `swift test`: it needs Chromium
# and mermaid.min.js, and skips cleanly (exit 0, one line saying why) when either is missing.
#
#   Tests/browser/mermaid.sh
#
# What it renders:
#   - every ```mermaid block in README.md and Levels/*.md (named FILE:LINE);
#   - the Mermaid golden files, Tests/TraceViewsTests/Golden/*.mmd;
#   - fresh CLI output, exactly as `> run.mmd` would save it (header and summary lines included,
#     as %% comments): level3 --seed 1 (flawed and --fixed), level3 --all-faults (crashes,
#     restarts), level3 shrink, and level2 (Level 4 has no Mermaid form; its story is a level3
#     trace). Set WORKSHOP=/path/to/workshop to use a built binary instead of `swift build`.
#
# Chromium: Debian/Ubuntu `apt-get install -y chromium`; macOS: Google Chrome is found too.
# mermaid.min.js: $MERMAID_JS, else Tests/browser/vendor/mermaid.min.js (git-ignored). One way
# to get it, offline afterwards (the diagram-renderer wheel vendors Mermaid 11):
#   pip download --no-deps -d /tmp/dr diagram-renderer
#   mkdir -p Tests/browser/vendor
#   unzip -j -o /tmp/dr/diagram_renderer-*.whl '*/mermaid.min.js' -d Tests/browser/vendor
# or download mermaid.min.js from a release of https://github.com/mermaid-js/mermaid.
#
# Last line: `mermaid: <N> diagrams rendered, <F> failed`; exit status 1 when F > 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome \
  || command -v google-chrome-stable || true)
mac_chrome="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
if [ -z "$browser" ] && [ -x "$mac_chrome" ]; then browser=$mac_chrome; fi
if [ -z "$browser" ]; then
  echo "mermaid: skipped: no chromium found (Debian: apt-get install -y chromium)"
  exit 0
fi
mermaid_js=${MERMAID_JS:-$here/vendor/mermaid.min.js}
if [ ! -s "$mermaid_js" ]; then
  echo "mermaid: skipped: no mermaid.min.js at $mermaid_js (set MERMAID_JS, or see the top of" \
    "Tests/browser/mermaid.sh for how to get it)"
  exit 0
fi

work=$root/.build/mermaid-check
rm -rf "$work"
mkdir -p "$work/diagrams"
cp "$here/mermaid.html" "$work/index.html"
cp "$mermaid_js" "$work/mermaid.min.js"

# 1) Blocks in the course text: one file per block, named after where it starts.
for file in README.md Levels/*.md; do
  safe=$(echo "$file" | tr '/.' '__')
  awk -v file="$file" -v prefix="$work/diagrams/md-$safe-" '
    /^```mermaid[ \t]*$/ { inside = 1; out = prefix NR ".mmd"; print file ":" NR > (out ".name")
                           close(out ".name"); next }
    inside && /^```[ \t]*$/ { inside = 0; close(out); next }
    inside { print > out }
  ' "$file"
done

# 2) The golden files.
for golden in Tests/TraceViewsTests/Golden/*.mmd; do
  [ -e "$golden" ] || continue
  base=$(basename "$golden")
  cp "$golden" "$work/diagrams/golden-$base"
  echo "$golden" > "$work/diagrams/golden-$base.name"
done

# 3) Fresh CLI output, saved the way a reader would save it.
workshop=${WORKSHOP:-}
if [ -z "$workshop" ]; then
  if ! swift build -q --product workshop > "$work/build.log" 2>&1; then
    echo "mermaid: swift build failed; see $work/build.log" >&2
    echo "mermaid: 0 diagrams rendered, 1 failed"
    exit 1
  fi
  workshop=$(swift build --show-bin-path)/workshop
fi
cli_count=0
cli() {
  cli_count=$((cli_count + 1))
  local out="$work/diagrams/cli-$cli_count.mmd"
  "$workshop" "$@" > "$out" 2> "$work/diagrams/cli-$cli_count.stderr"
  echo "workshop $*" > "$out.name"
  # The file must be Mermaid by itself: the first line that is not a %% comment is the type.
  local first
  first=$(grep -v -E '^[[:space:]]*(%%.*)?$' "$out" | head -n 1)
  if [ "$first" != "sequenceDiagram" ]; then
    echo "first line that is not a %% comment is '$first', not 'sequenceDiagram'" > "$out.precheck"
  fi
}
cli level3 --seed 1 --format mermaid
cli level3 --seed 1 --fixed --format mermaid
cli level3 --seed 1 --all-faults --format mermaid
cli level3 shrink --seed 1 --format mermaid
cli level2 --seed 1 --runs 3 --format mermaid

# The diagrams, base64-encoded (no quoting to get wrong), for the page to decode.
{
  echo "window.DIAGRAMS = ["
  for diagram in "$work"/diagrams/*.mmd; do
    [ -e "$diagram.precheck" ] && continue
    printf '  ["%s", "%s"],\n' "$(tr -d '"\\' < "$diagram.name")" "$(base64 < "$diagram" | tr -d '\n')"
  done
  echo "];"
} > "$work/diagrams.js"

# --no-sandbox: containers usually run as root, where Chromium's sandbox refuses to start.
# --virtual-time-budget lets the page's script finish before the DOM is dumped.
"$browser" --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
  --virtual-time-budget=60000 --dump-dom "file://$work/index.html" \
  > "$work/dom.html" 2> "$work/chromium.log"

rendered=0
failed=0
for precheck in "$work"/diagrams/*.precheck; do
  [ -e "$precheck" ] || continue
  echo "failed $(cat "${precheck%.precheck}.name"): $(cat "$precheck")"
  failed=$((failed + 1))
done
results=$(sed -e 's/<[^>]*>//g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' \
  -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g' "$work/dom.html")
if grep -q '^MERMAID-NOT-LOADED' <<< "$results"; then
  echo "mermaid: $mermaid_js did not load in Chromium; see $work/chromium.log" >&2
  echo "mermaid: 0 diagrams rendered, 1 failed"
  exit 1
fi
if ! grep -q '^MERMAID-DONE' <<< "$results"; then
  echo "mermaid: the page did not finish; see $work/dom.html and $work/chromium.log" >&2
  failed=$((failed + 1))
fi
while IFS= read -r line; do
  case "$line" in
    "RESULT ok "*) rendered=$((rendered + 1)); echo "${line#RESULT }" ;;
    "RESULT failed "*) failed=$((failed + 1)); echo "${line#RESULT }" ;;
  esac
done < <(grep '^RESULT ' <<< "$results")
echo "mermaid: $rendered diagrams rendered, $failed failed"
[ "$failed" -eq 0 ]
