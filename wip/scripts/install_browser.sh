#!/usr/bin/env bash
# Install what the browser tests (tests/browser/) and benchmarks/widget_latency.py need:
#   * Debian's Chromium (/usr/bin/chromium) from apt -- never a downloaded browser;
#   * Python Playwright into the given Python environment (default: .venv/bin/python).
# Idempotent: does nothing that is already done, and says what it did.
# Usage: scripts/install_browser.sh [PYTHON]
set -euo pipefail

PY="${1:-${PYTHON:-.venv/bin/python}}"

if [ -x /usr/bin/chromium ]; then
    echo "install_browser: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: installing Debian's chromium and chromium-driver with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
    echo "install_browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
    echo "install_browser: /usr/bin/chromium is missing and I cannot install it (not root or no apt-get)." >&2
    echo "install_browser: run as root: apt-get update && apt-get install -y chromium chromium-driver" >&2
fi

if "$PY" -c "import playwright" >/dev/null 2>&1; then
    echo "install_browser: Python Playwright present ($("$PY" -m pip show playwright 2>/dev/null | sed -n 's/^Version: //p'))"
else
    echo "install_browser: installing Python Playwright into $PY (no browser download: it drives /usr/bin/chromium)"
    "$PY" -m pip install --quiet playwright
fi
