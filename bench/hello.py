"""The baseline: a bare Flask "hello world", served by the same gunicorn configuration."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
