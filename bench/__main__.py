"""python -m bench: build a large community, serve it with gunicorn, measure, report.

See bench/README.md. Nothing here writes outside bench/out/ except docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import math
import os
import secrets
import shutil
import sys
import time
from pathlib import Path

from bench import load, report, serve
from bench.measure import (
    HttpSession,
    p50,
    page_weight,
    queries_per_page,
    rendered_cpu_ms,
    sign_in_client,
)

OUT = serve.ROOT / "bench" / "out"
logger = logging.getLogger("bench")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--database-url",
        help="an EMPTY PostgreSQL database to build in (default: SQLite in bench/out/)",
    )
    parser.add_argument("--seconds", type=float, default=6, help="load per page (default 6)")
    parser.add_argument("--scale", type=float, default=1.0, help="data size factor (1 = full)")
    parser.add_argument("--replies", type=int, default=40, help="replies posted, timed one by one")
    parser.add_argument("--reuse", action="store_true", help="keep an already built database")
    parser.add_argument("--output", default="docs/benchmarks.md", help="the Markdown report")
    parser.add_argument("--no-report", action="store_true", help="print, do not write the report")
    return parser.parse_args(argv)


def environment(args: argparse.Namespace) -> tuple[dict[str, str], Path]:
    """COP_* settings for the bench app: its own database and upload folder, never instance/."""
    backend = "postgresql" if args.database_url else "sqlite"
    folder = OUT / (backend if args.scale == 1 else f"{backend}-scale-{args.scale:g}")
    if not args.reuse and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{folder / 'cop.sqlite3'}"
    secret = folder / "secret"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(48))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "COP_SECRET_KEY": secret.read_text(),
        "COP_SQLALCHEMY_DATABASE_URI": url,
        "COP_UPLOAD_FOLDER": str(folder / "uploads"),
        # Rate limits stay on (their cost is part of every request), but the timed replies
        # come faster than a person posts.
        "COP_RATELIMIT_POST": "10000 per minute",
        # The workers' shared counters (cop.ratelimits), in the bench's folder too.
        "COP_RATELIMIT_STORAGE_URI": f"sqlite://{folder.resolve() / 'ratelimits.sqlite3'}",
        "PYTHONPATH": str(serve.ROOT),
    }
    return env, folder


def build_data(args, folder: Path) -> dict:
    from bench.build import Size, build
    from cop import create_app

    info = folder / "built.json"
    app = create_app()
    with app.app_context():
        from flask_migrate import upgrade

        # Also with --reuse: migrations written since the build (new indexes) apply.
        upgrade(directory=str(serve.ROOT / "migrations"), revision="heads")
        if args.reuse and info.exists():
            return json.loads(info.read_text())
        built = build(Size().scaled(args.scale))
    result = dataclasses.asdict(built)
    info.write_text(json.dumps(result, indent=2))
    return result


def pages(app, built: dict) -> list[tuple[str, str]]:
    """(name, path) of every benchmarked page; search only when the feature exists."""
    from cop.threads.queries import POSTS_PER_PAGE, THREADS_PER_PAGE

    table = f"/threads/tables/{built['table_slug']}"
    deep = max(1, math.ceil(built["table_threads"] / THREADS_PER_PAGE) - 1)
    posts = built["big_thread_posts"]
    last = math.ceil(posts / POSTS_PER_PAGE)
    found = [
        ("Home", "/"),
        ("Table, threads page 1", table),
        (f"Table, threads page {deep}", f"{table}?page={deep}"),
        (f"Thread of {posts} posts, page 1", f"/threads/{built['big_thread_id']}?page=1"),
        (f"Thread of {posts} posts, page {last}", f"/threads/{built['big_thread_id']}?page={last}"),
        ("Resources, filtered", "/resources/?type=policy_brief&language=es&sort=downloads"),
        ("Profile", f"/members/{built['profile_handle']}"),
        ("Member directory", "/members/"),
    ]
    if built.get("event_id") and "events.show" in app.view_functions:
        found.append(("Events", "/events/"))
        found.append(("An event (full, with a waiting list)", f"/events/{built['event_id']}"))
    if built.get("conversation_id"):  # private: measured signed in only (SIGNED_IN_ONLY)
        messages = built["conversation_messages"]
        found += [
            ("Conversations", "/conversations/"),
            (f"Conversation of {messages} messages", f"/conversations/{built['conversation_id']}"),
        ]
    if "search.index" in app.view_functions:
        with app.test_request_context():
            from flask import url_for

            found.append(("Search", url_for("search.index", q="cooperativa vivienda")))
    return found


def in_process(env: dict[str, str], page_list, email: str, password: str) -> dict:
    """SQL statements and bytes sent per page, anonymous and signed in (test client)."""
    from cop import create_app

    os.environ.update(env)
    app = create_app()
    found = {}
    for signed_in in (False, True):
        client = app.test_client()
        if signed_in:
            sign_in_client(client, email, password)
        for name, path in page_list(app):
            if signed_in not in report.readers(path):
                continue
            weight = page_weight(client, path)
            found[(name, signed_in)] = {
                "queries": queries_per_page(app, client, path),
                "rendered_cpu_ms": rendered_cpu_ms(app, client, path),
                "html_sent": weight.html_sent,
                "total_sent": weight.total_sent,
                "encodings": sorted(weight.encodings),
                "asset_cache": sorted(weight.asset_cache),
                "web_fonts": weight.web_fonts,
                "images": weight.images,
                "assets": weight.assets,
            }
    return found


def measure(args, env, folder: Path, built: dict) -> dict:
    from bench.build import BENCH_EMAIL, BENCH_PASSWORD

    wrk = load.ensure_wrk()
    log = folder / "gunicorn.log"
    results: dict = {"load": load.describe(wrk, args.seconds), "runs": {}}

    results["load_average_before"] = os.getloadavg()
    results["hello_runs"] = [_hello(wrk, env, log, args.seconds)]
    from cop import create_app

    os.environ.update(env)
    app = create_app()
    page_list = pages(app, built)
    results["pages"] = page_list
    results["in_process"] = in_process(env, lambda _app: page_list, BENCH_EMAIL, BENCH_PASSWORD)

    server = serve.Server.start("wsgi:app", env, log)
    try:
        session = HttpSession(server.port)
        session.sign_in(BENCH_EMAIL, BENCH_PASSWORD)
        for signed_in in (False, True):
            cookie = session.cookie_header if signed_in else None
            for name, path in page_list:
                if signed_in not in report.readers(path):
                    continue
                load.run(wrk, server.port, path, cookie, 1)  # warm-up
                cpu = server.cpu_seconds()
                run = load.run(wrk, server.port, path, cookie, args.seconds)
                row = _row(run, server.cpu_seconds() - cpu)
                results["runs"][f"{name}|{signed_in}"] = row
                print(f"{name}, signed in {signed_in}: {row}", file=sys.stderr, flush=True)
        times = session.post_replies(
            built["reply_thread_id"], args.replies, "A benchmark reply: **thanks**, noted."
        )
        results["reply_p50_ms"] = p50(times)
        results["reply_p90_ms"] = sorted(times)[int(len(times) * 0.9)] if times else 0
        results["worker_rss_mb"] = server.max_rss_mb()
    finally:
        server.stop()
    # Hello world again after the pages: the machine's load may have changed meanwhile.
    results["hello_runs"].append(_hello(wrk, env, log, args.seconds))
    results["hello"] = {
        key: sum(run[key] for run in results["hello_runs"]) / len(results["hello_runs"])
        for key in results["hello_runs"][0]
    }
    results["load_average_after"] = os.getloadavg()
    return results


def _hello(wrk, env, log, seconds: float) -> dict:
    hello = serve.Server.start("bench.hello:app", env, log)
    try:
        load.run(wrk, hello.port, "/", None, 1)  # warm-up
        cpu = hello.cpu_seconds()
        run = load.run(wrk, hello.port, "/", None, seconds)
        return _row(run, hello.cpu_seconds() - cpu)
    finally:
        hello.stop()


def _row(run: load.Result, cpu: float) -> dict:
    return {
        "rps": run.rps,
        "p50_ms": run.p50_ms,
        "p99_ms": run.p99_ms,
        "requests": run.requests,
        "errors": run.errors,
        "cpu_ms_per_request": cpu * 1000 / run.requests if run.requests else 0,
    }


# Sections after this line (bench.mixed's figures) survive a new report.
KEEP_MARKER = "<!-- kept by python -m bench: written by python -m bench.mixed -->"


def _kept_sections(output: Path) -> str:
    old = output.read_text() if output.exists() else ""
    return "\n" + old[old.index(KEEP_MARKER) :] if KEEP_MARKER in old else ""


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    args = parse_args(argv)
    started = time.monotonic()
    env, folder = environment(args)
    os.environ.update(env)
    built = build_data(args, folder)
    logger.info("community built in %s s: %s", built["seconds"], built["steps"])
    results = measure(args, env, folder, built)
    results["elapsed"] = round(time.monotonic() - started)
    (folder / "results.json").write_text(
        json.dumps(
            {
                **results,
                "in_process": {f"{k[0]}|{k[1]}": v for k, v in results["in_process"].items()},
            },
            indent=2,
            default=str,
        )
    )
    text = report.markdown(
        args, built, results, " ".join(["python -m bench", *(argv or sys.argv[1:])])
    )
    if args.no_report:
        print(text)
    else:
        output = Path(serve.ROOT / args.output)
        Path(output).write_text(text + _kept_sections(output))
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
