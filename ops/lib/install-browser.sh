#!/usr/bin/env bash
# Installs what the browser tests drive: Debian's Chromium (Playwright's own browser download cannot reach
# its host here, so the tests launch /usr/bin/chromium) with the Liberation fonts, and axe-core from npm
# (pinned in tests/FoiDesk.Web.Tests/Browser/package.json) for the accessibility check. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=ops/lib/common.sh
. "$root/ops/lib/common.sh"

apt_install chromium fonts-liberation
[ -x /usr/bin/chromium ] || { echo "install-browser: /usr/bin/chromium missing after install" >&2; exit 1; }

browser_dir="$root/tests/FoiDesk.Web.Tests/Browser"
if [ ! -f "$browser_dir/node_modules/axe-core/axe.min.js" ]; then
  (cd "$browser_dir" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
fi
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null | head -1), axe-core $(node -p "require('$browser_dir/node_modules/axe-core/package.json').version") ready"
