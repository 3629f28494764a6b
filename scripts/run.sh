#!/usr/bin/env bash
# Serve the forum on http://127.0.0.1:5000 on the embedded default (SQLite + local files).
# Called by `make run`, which has installed the virtual environment and the catalogs.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
FLASK=("$VENV/bin/flask" --app cop)
mkdir -p instance

# A strong secret key, generated once and kept in the instance folder.
if [[ -z "${COP_SECRET_KEY:-}" ]] && ! grep -qs '^SECRET_KEY' instance/config.py; then
  key=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
  echo "SECRET_KEY = \"$key\"" >> instance/config.py
  chmod 600 instance/config.py
  echo "run: wrote a new secret key to instance/config.py"
fi

"${FLASK[@]}" db upgrade
if [[ ! -e instance/.demo-loaded ]]; then
  "${FLASK[@]}" cop seed-demo
  touch instance/.demo-loaded
fi

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
cat <<MSG

  The Community of Practice is at http://$HOST:$PORT
  Demo sign-in: admin@example.org / solidarity-economy-2026
  (moderator@example.org and the other demo members use the same password)

MSG
exec "$VENV/bin/gunicorn" --bind "$HOST:$PORT" --workers "${WORKERS:-2}" --access-logfile - wsgi:app
