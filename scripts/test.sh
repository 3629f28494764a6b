#!/usr/bin/env bash
# The whole suite (unit, view, migration and browser tests) on SQLite, then the tests of
# the database again on PostgreSQL when DATABASE_URL names one. Called by `make test`. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTEST=("$VENV/bin/python" -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@")
# The test files of the PostgreSQL pass, by name (see below).
POSTGRES_TESTS='/test_[a-z_]*(services|concurren|races|migration|hostile|query_counts|reading|unread|content_scopes|page_cache|conflicts|fanout|grouping|member_data|my_data|exports|close_account|prune|versions|storage|runner|reindex|index_sync|analysis|languages|translations|directory|listing|merge|approval|figures|calendars|suppression|rerender|writing|bookmarks|drafts|privacy|pagination|register|email|resolving|reversals|sharing|team)[a-z_]*\.py$'

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
started=$SECONDS
echo "== test suite on SQLite"
DATABASE_URL= "${PYTEST[@]}"
sqlite_seconds=$((SECONDS - started))
if [[ "$postgres_url" == postgresql* ]]; then
  # On PostgreSQL, the tests whose subject is what the database does: services (writes,
  # constraints, upserts), reading marks and queries, races and concurrency, migrations,
  # search, jobs, hostile ids, query counts, members' data and conflicting edits. The
  # pages, permission matrices, catalogs, browser journeys and serving checks ran on
  # SQLite above: they test templates, rules and servers through the same queries, and
  # running all of it twice took CI past its 20 minutes. `make test-postgres` runs the
  # whole suite there.
  # Tests named on the command line run on both databases as they are.
  database_tests=()
  if [[ $# -eq 0 ]]; then
    mapfile -t database_tests < <(
      find tests -path tests/e2e -prune -o -path tests/i18n -prune -o -name 'test_*.py' -print |
        grep -E "$POSTGRES_TESTS" | sort
    )
  fi
  echo "== test suite on PostgreSQL (${#database_tests[@]} test files of the database)"
  started=$SECONDS
  DATABASE_URL="$postgres_url" "${PYTEST[@]}" "${database_tests[@]}"
  echo "test: SQLite pass ${sqlite_seconds} s, PostgreSQL pass $((SECONDS - started)) s"
else
  echo "test: DATABASE_URL is not a PostgreSQL URL; the PostgreSQL pass was skipped" >&2
  echo "test: SQLite pass ${sqlite_seconds} s"
fi
