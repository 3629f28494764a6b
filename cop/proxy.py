"""Behind a front server (nginx), the client's address is in X-Forwarded-For.

Rate limits count per address (Flask-Limiter's get_remote_address): behind a proxy
every request would come from 127.0.0.1 and one limit would be shared by everyone.
PROXY_COUNT (COP_PROXY_COUNT) says how many proxies we trust in front of the app;
ProxyFix then takes the address, scheme and host each of them wrote. Without a
proxy it must stay 0: otherwise a client could choose its own address.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
