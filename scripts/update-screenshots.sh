#!/usr/bin/env bash
# Copies the README's screenshots from the last browser-test run (test/artifacts/screenshots/,
# written by test/browser/*.test.ts) to docs/screenshots/. Run the browser tests first.
set -euo pipefail
cd "$(dirname "$0")/.."
from=test/artifacts/screenshots
to=docs/screenshots
mkdir -p "$to"
for name in home-hi citizen-apply-income-en citizen-my-hi citizen-case-delivered citizen-case-phone-hi \
  agent-console agent-read-back officer-inbox officer-case officer-case-appeal-en \
  admin-dashboard admin-history verify; do
  cp "$from/$name.png" "$to/$name.png"
done
echo "copied $(ls "$to" | wc -l) screenshots to $to"
