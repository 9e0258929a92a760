#!/usr/bin/env bash
# Install what the browser tests (tests/browser/) and benchmarks/widget_latency.py need:
#   * Debian's Chromium (/usr/bin/chromium) from apt -- never a downloaded browser;
#   * Python Playwright into the given Python environment (default: .venv/bin/python); it is in
#     pyproject.toml's dev extra, so `make venv` has normally installed it already.
# Idempotent: does nothing that is already done, and says what it did. It never fails the build:
# when something cannot be installed it says why, and the browser tests skip with that reason.
# Usage: scripts/install_browser.sh [PYTHON]          (`make test` runs it)
set -uo pipefail

PY="${1:-${PYTHON:-.venv/bin/python}}"

if [ -x /usr/bin/chromium ]; then
    echo "install_browser: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: installing Debian's chromium with apt-get (a minute or two)"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
        echo "install_browser: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
    else
        echo "install_browser: apt-get could not install chromium; the browser tests will be skipped" >&2
    fi
else
    echo "install_browser: /usr/bin/chromium is missing and I cannot install it (not root or no apt-get);" \
         "the browser tests will be skipped. As root: apt-get update && apt-get install -y chromium" >&2
fi

if "$PY" -c "import playwright.sync_api" >/dev/null 2>&1; then
    echo "install_browser: Python Playwright present ($("$PY" -c 'from importlib.metadata import version; print(version("playwright"))'))"
else
    echo "install_browser: installing Python Playwright into $PY (no browser download: it drives /usr/bin/chromium)"
    "$PY" -m pip install --quiet playwright \
        || echo "install_browser: pip could not install playwright; the browser tests will be skipped" >&2
fi
exit 0
