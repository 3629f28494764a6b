"""Pages, stylesheets and scripts travel compressed: Brotli when the browser accepts
it, gzip otherwise (Flask-Compress), for members on slow mobile links.

Our hook, not Flask-Compress's own, decides what is compressed:

- only complete 200 answers: a 206 range, a 304 or an error page stays as it is;
- static files (fingerprinted CSS, JS, icons, manifest): read whole, then compressed;
- never a file download (a streamed, direct-passthrough answer): it keeps its length
  and its ranges, or is handed to the front server (X-Accel-Redirect).

It must see the finished page: Flask runs after_request functions last registered
first, so init_app() is called before cop.fragments (which fills the CSRF slots) and
cop.pagecache (which keeps visitors' pages uncompressed, for every encoding).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

from cop.extensions import compress

COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "text/plain",
]


def _compress(response: Response) -> Response:
    types = current_app.config["COMPRESS_MIMETYPES"]
    if response.status_code != 200 or response.mimetype not in types:
        return response
    if request.endpoint == "static":
        if response.direct_passthrough:  # our own small files: read them whole
            response.direct_passthrough = False
            response.make_sequence()
    elif response.direct_passthrough or "attachment" in response.headers.get(
        "Content-Disposition", ""
    ):
        return response  # a file to save (a download, an export): sent as stored
    return compress.after_request(response)


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_REGISTER", False)  # _compress calls it
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", False)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)  # smaller answers fit a packet anyway
    # Pages are compressed on every request: fast levels. Brotli 2 and gzip 3 take 0.17 ms
    # on a 60 KB thread page (quality 4 and level 6: 0.46 and 0.76 ms) for 4 % and 11 %
    # more bytes (9.6 KB against 9.2 KB in Brotli). nginx's own default is gzip level 1.
    app.config.setdefault("COMPRESS_BR_LEVEL", 2)
    app.config.setdefault("COMPRESS_LEVEL", 3)
    compress.init_app(app)
    app.after_request(_compress)
