"""Rate-limit counters shared by the workers of one machine (cop.ratelimits)."""

from __future__ import annotations

import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from cop import create_app
from cop.extensions import limiter
from cop.ratelimits import SQLiteStorage, storage_uri
from tests.conftest import build_app


def two_workers(tmp_path):
    """Two storages on one file, as two gunicorn workers open it."""
    uri = storage_uri(str(tmp_path / "counters.sqlite3"))
    return storage_from_string(uri), storage_from_string(uri)


def test_the_sqlite_scheme_is_registered_with_the_limits_package(tmp_path):
    storage = storage_from_string(f"sqlite://{tmp_path}/counters.sqlite3")
    assert isinstance(storage, SQLiteStorage)
    assert storage.path == str(tmp_path / "counters.sqlite3")
    assert storage.check()


def test_two_workers_on_one_file_count_the_same_hits(tmp_path):
    first, second = two_workers(tmp_path)
    assert first.incr("sign-in/127.0.0.1", 60) == 1
    assert second.incr("sign-in/127.0.0.1", 60) == 2
    assert first.incr("sign-in/127.0.0.1", 60, amount=3) == 5
    assert second.get("sign-in/127.0.0.1") == 5
    assert first.get("another address") == 0


def test_the_configured_number_passes_across_workers_and_the_next_is_refused(tmp_path):
    limit = parse("3 per minute")
    workers = [FixedWindowRateLimiter(storage) for storage in two_workers(tmp_path)]
    answers = [workers[n % 2].hit(limit, "sign-in", "10.0.0.1") for n in range(5)]
    assert answers == [True, True, True, False, False]


def test_a_window_that_ended_starts_counting_again(tmp_path):
    first, second = two_workers(tmp_path)
    first.incr("key", 1)
    first.incr("key", 1)
    assert second.get_expiry("key") > time.time()
    with first._connection() as conn:  # the window ends: its expiry is in the past
        conn.execute("UPDATE counters SET expires_at = ?", (time.time() - 1,))
    assert second.get("key") == 0
    assert second.incr("key", 60) == 1
    assert first.get_expiry("key") > time.time() + 30


def test_clear_forgets_one_key_and_reset_forgets_all(tmp_path):
    first, second = two_workers(tmp_path)
    first.incr("a", 60)
    first.incr("b", 60)
    second.clear("a")
    assert first.get("a") == 0 and first.get("b") == 1
    assert second.reset() == 1
    assert first.get("b") == 0


def test_without_redis_the_limits_live_in_a_file_of_the_instance_folder(monkeypatch):
    monkeypatch.setenv("COP_SECRET_KEY", "e" * 48)
    monkeypatch.delenv("COP_REDIS_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    app = create_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == f"sqlite://{app.instance_path}/ratelimits.sqlite3"


def test_the_app_refuses_the_fourth_sign_in_from_counters_in_a_file(db, database_url, tmp_path):
    uri = storage_uri(str(tmp_path / "limits.sqlite3"))
    data = {"email": "x@example.org", "password": "wrong guess"}
    app = build_app(database_url, RATELIMIT_STORAGE_URI=uri, RATELIMIT_SIGN_IN="3 per minute")
    codes = [app.test_client().post("/auth/sign-in", data=data).status_code for _ in range(3)]
    assert 429 not in codes
    # Another worker: its own app and storage object, the same file.
    other = build_app(database_url, RATELIMIT_STORAGE_URI=uri, RATELIMIT_SIGN_IN="3 per minute")
    assert other.test_client().post("/auth/sign-in", data=data).status_code == 429


def test_behind_one_trusted_proxy_each_client_address_has_its_own_limit(db, database_url):
    app = build_app(database_url, PROXY_COUNT=1, RATELIMIT_SIGN_IN="2 per minute")
    client = app.test_client()
    data = {"email": "x@example.org", "password": "wrong guess"}

    def post(address: str) -> int:
        headers = {"X-Forwarded-For": address}
        return client.post("/auth/sign-in", data=data, headers=headers).status_code

    assert [post("203.0.113.7") for _ in range(3)][-1] == 429
    assert post("198.51.100.4") != 429, "another member behind the same proxy is not blocked"


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(db, database_url):
    app = build_app(database_url, RATELIMIT_SIGN_IN="2 per minute")
    client = app.test_client()
    data = {"email": "x@example.org", "password": "wrong guess"}
    codes = [
        client.post("/auth/sign-in", data=data, headers={"X-Forwarded-For": f"192.0.2.{n}"})
        for n in range(3)
    ]
    assert codes[-1].status_code == 429, "a client cannot pick a new address to escape"


def test_when_the_counters_file_cannot_be_written_limits_still_hold_and_nothing_fails(
    db, database_url, tmp_path
):
    (tmp_path / "not-a-folder").write_text("")
    uri = storage_uri(str(tmp_path / "not-a-folder" / "limits.sqlite3"))
    app = build_app(database_url, RATELIMIT_STORAGE_URI=uri, RATELIMIT_SIGN_IN="2 per minute")
    client = app.test_client()
    data = {"email": "x@example.org", "password": "wrong guess"}
    try:
        codes = [client.post("/auth/sign-in", data=data).status_code for _ in range(3)]
    finally:
        limiter._storage_dead = False  # the one Limiter outlives this app: later tests' apps
    assert codes == [422, 422, 429]  # counted in the worker's memory meanwhile
