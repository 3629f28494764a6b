"""Two workers at the same moment, each with its own connection: one job, one owner."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from cop.extensions import db as _db
from cop.jobs import runner
from cop.jobs.models import Job
from cop.members.models import Member


def _at_once(app, work, count: int = 2) -> list:
    """Run work() in `count` threads released together, each in its own app context
    (so its own session and connection); their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                results[i] = work()
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_workers_claiming_the_same_job_give_it_one_owner(app, make_member, db):
    job, _ = runner.enqueue("export", make_member())
    db.session.commit()
    job_id = job.id
    assert sorted(_at_once(app, lambda: runner.claim(job_id))) == [False, True]


def test_two_requests_asking_at_once_make_one_job(app, make_member, db):
    member_id = make_member().id

    def ask() -> int:
        job, _ = runner.enqueue("export", _db.session.get(Member, member_id))
        job_id = job.id
        _db.session.commit()
        return job_id

    first, second = _at_once(app, ask)
    assert first == second
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1
