"""WSGI entry point: `gunicorn wsgi:app`."""

from cop import create_app

app = create_app()
