#!/usr/bin/env bash
# Serve the forum on http://127.0.0.1:5000 on the embedded default (SQLite + local files).
# Called by `make run`, which has installed the virtual environment and the catalogs.
# The set-up steps write to instance/run.log; the terminal gets one line per step and,
# last, the address and the demo sign-in (printed by gunicorn once it listens).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
FLASK=("$VENV/bin/flask" --app cop)
mkdir -p instance
LOG=instance/run.log
: > "$LOG"

# Run a set-up step quietly; on failure show what it said, then stop.
step() {
  local what=$1
  shift
  if ! "$@" >> "$LOG" 2>&1; then
    echo "run: $what failed; its output (from $LOG):" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  echo "run: $what"
}

# A strong secret key, generated once and kept in the instance folder.
if [[ -z "${COP_SECRET_KEY:-}" ]] && ! grep -qs '^SECRET_KEY' instance/config.py; then
  key=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
  echo "SECRET_KEY = \"$key\"" >> instance/config.py
  chmod 600 instance/config.py
  echo "run: wrote a new secret key to instance/config.py"
fi

step "database up to date" "${FLASK[@]}" db upgrade
if [[ ! -e instance/.demo-loaded ]]; then
  step "demo community loaded" "${FLASK[@]}" cop seed-demo
  touch instance/.demo-loaded
fi

export HOST=${HOST:-127.0.0.1} PORT=${PORT:-5000}
RUN_BANNER=$(cat <<MSG

  The Community of Practice is at http://$HOST:$PORT
  Demo sign-in: admin@example.org / solidarity-economy-2026
  (moderator@example.org and the other demo members use the same password)
  Stop with Ctrl+C. Requests are logged below.
MSG
)
export RUN_BANNER
exec "$VENV/bin/gunicorn" --config deploy/gunicorn.conf.py wsgi:app
