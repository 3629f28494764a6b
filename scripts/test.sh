#!/usr/bin/env bash
# The whole suite (unit, view, migration and browser tests) on SQLite, then again on
# PostgreSQL when DATABASE_URL names one. Called by `make test`. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTEST=("$VENV/bin/python" -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@")

# Browser tests need Debian's Chromium and fonts; install them when we can (root).
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) == 0 ]]; then
    bash scripts/browser.sh
  else
    echo "test: no /usr/bin/chromium; run 'sudo bash scripts/browser.sh' for the browser tests" >&2
  fi
fi

"$VENV/bin/ruff" check cop tests migrations scripts
"$VENV/bin/ruff" format --check cop tests scripts

postgres_url=${DATABASE_URL:-}
echo "== test suite on SQLite"
DATABASE_URL= "${PYTEST[@]}"
if [[ "$postgres_url" == postgresql* ]]; then
  # The browser journeys, the translation-coverage and direction checks (pseudo-locale
  # pages, catalogs, templates and sources read) and the serving and code checks of
  # tests/quality ran on SQLite above; they test pages, catalogs, servers and code, not
  # the database, and doubling them would take CI past its 20 minutes. Everything else
  # runs again here, tests/quality's races and concurrency included.
  echo "== test suite on PostgreSQL (without tests/e2e, tests/i18n, serving and code checks)"
  DATABASE_URL="$postgres_url" "${PYTEST[@]}" --ignore=tests/e2e --ignore=tests/i18n \
    --ignore=tests/quality/test_architecture.py --ignore=tests/quality/test_failure.py \
    --ignore=tests/quality/test_retry_page.py --ignore=tests/quality/test_slow_links.py
else
  echo "test: DATABASE_URL is not a PostgreSQL URL; the PostgreSQL pass was skipped" >&2
fi
