#!/bin/sh
# Drives `workshop level3 step` in a real terminal (tmux, 100 x 50) and checks what a person
# would see: the screen, the colours, the double count after five choices, undo, and the last
# line after q. Not part of `swift test`: it needs tmux (Debian: apt-get install -y tmux), and
# without it it says so and exits 0.
#
#   Tests/terminal/stepper.sh        (builds the workshop binary first if needed)
set -eu
if ! command -v tmux > /dev/null 2>&1; then
  echo "stepper.sh: skipped: no tmux (Debian: apt-get install -y tmux)"
  exit 0
fi
cd "$(dirname "$0")/../.."
swift build -q --product workshop
workshop=$(swift build --show-bin-path)/workshop
session=stepper-test-$$
fail() {
  echo "stepper.sh: FAILED: $1" >&2
  echo "--- the terminal showed:" >&2
  tmux capture-pane -p -t "$session" >&2 || true
  tmux kill-session -t "$session" 2> /dev/null || true
  exit 1
}
screen() { tmux capture-pane -p -t "$session"; }
# Waits (at most 10 s) until the screen shows the fixed string $1.
wait_for() {
  tries=0
  until screen | grep -qF -- "$1"; do
    tries=$((tries + 1))
    [ "$tries" -le 100 ] || fail "never saw '$1'"
    sleep 0.1
  done
}
type_line() { tmux send-keys -t "$session" "$1" Enter; }

tmux new-session -d -s "$session" -x 100 -y 50 "$workshop level3 step; sleep 30"
trap 'tmux kill-session -t "$session" 2> /dev/null || true' EXIT
wait_for "step>"
screen | grep -qF "choices: 8" || fail "the first screen lists 8 choices"
screen | grep -qF "  6  fire c0 retry c0#1 (attempt 1)" || fail "choice 6 is the client's retry"
# Colour only in a terminal: headings bold, numbers cyan.
tmux capture-pane -p -e -t "$session" | grep -q "$(printf '\033')\[1mreplicas" \
  || fail "headings are not bold in a terminal"

for key in 6 1 1 7; do type_line "$key"; done
wait_for "--- step 4 "
type_line 7
wait_for "!! no double counting broken on r1 at step 4 (c0#1)"
screen | grep -qF "  r1  up    [1,1] {c0#1}" || fail "r1 does not show both slots"
screen | grep -qF "u: undo · k: keep going past it" || fail "no way out is offered"
# The screen was cleared: only the latest step is on it.
[ "$(screen | grep -c -- '^--- step ')" -eq 1 ] || fail "more than one screen is visible"
tmux capture-pane -p -e -t "$session" | grep -qF "31m!! no double" \
  || fail "the violation is not red in a terminal"

type_line u
wait_for "--- step 4 "
type_line banana
wait_for "step: unknown command 'banana' (h for help)"
type_line q
wait_for "step: 4 choices applied, ok"
echo "stepper.sh: ok (the double count after five choices, undo, a bad command, q)"
