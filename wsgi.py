"""WSGI entry point: `gunicorn wsgi:app`."""

import gc

from cop import create_app

app = create_app()
# What is loaded by now lives as long as the worker: out of the garbage collector's
# scans, which otherwise walk it again and again (about 0.2 ms a request, measured).
gc.freeze()
