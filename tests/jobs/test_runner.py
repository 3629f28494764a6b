"""The job runner: one owner per job, retries, a dead worker's job taken over."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from cop.jobs import runner
from cop.jobs.models import Job

RUNS: list[int] = []


def _record(job: Job):
    RUNS.append(job.id)
    runner.finish(job)
    return None


def _boom(job: Job):
    raise RuntimeError("the work failed")


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture(autouse=True)
def _test_handlers(monkeypatch, tmp_path, app):
    monkeypatch.setitem(runner.HANDLERS, "record", runner.Handler(_record))
    monkeypatch.setitem(runner.HANDLERS, "boom", runner.Handler(_boom))
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    RUNS.clear()


def test_a_job_is_claimed_once_even_by_two_workers(member, db):
    job, created = runner.enqueue("record", member)
    db.session.commit()
    assert created
    assert runner.claim(job.id) is True
    assert runner.claim(job.id) is False  # the second worker finds it taken
    assert runner.run_due() == 0  # running, and not stale: nobody else runs it
    assert RUNS == []


def test_a_claim_left_by_a_dead_worker_is_taken_over(member, db):
    job, _ = runner.enqueue("record", member)
    db.session.commit()
    from cop.models import utcnow

    assert runner.claim(job.id, now=utcnow() - runner.CLAIM_TIMEOUT - timedelta(minutes=1))
    assert runner.run_due() == 1
    assert [job.id] == RUNS
    db.session.refresh(job)
    assert job.state == "done" and job.active_key is None and job.attempts == 2


def test_one_unfinished_job_per_member_and_kind(member, make_member, db):
    first, created_first = runner.enqueue("record", member)
    second, created_second = runner.enqueue("record", member)
    other, _ = runner.enqueue("record", make_member())
    db.session.commit()
    assert created_first and not created_second and first.id == second.id
    assert other.id != first.id
    runner.run_due()
    again, created = runner.enqueue("record", member)  # finished: a new one may start
    assert created and again.id != first.id


@pytest.mark.logs_errors  # the job's failure is logged with its traceback, for the admin
def test_a_failing_job_is_retried_then_marked_failed(member, db):
    job, _ = runner.enqueue("boom", member)
    db.session.commit()
    for attempt in range(1, runner.MAX_ATTEMPTS + 1):
        assert runner.run_due() == 0
        db.session.refresh(job)
        assert job.attempts == attempt
    assert job.state == "failed" and job.active_key is None
    assert runner.run_due() == 0
    db.session.refresh(job)
    assert job.attempts == runner.MAX_ATTEMPTS  # never tried again


def test_the_run_jobs_command_reports_what_it_finished(app, member, db):
    runner.enqueue("record", member)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["cop", "run-jobs"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Finished 1 jobs."


@pytest.mark.logs_errors  # the job's failure is logged with its traceback, for the admin
def test_a_failing_account_closing_is_never_given_up(member, db, monkeypatch):
    # members registers close_account as never given up; only its work is replaced here
    closing = runner.HANDLERS["close_account"]
    monkeypatch.setitem(runner.HANDLERS, "close_account", dataclasses.replace(closing, run=_boom))
    job, _ = runner.enqueue("close_account", member)
    db.session.commit()
    for _attempt in range(runner.MAX_ATTEMPTS + 1):
        runner.run_due()
    db.session.refresh(job)
    assert job.state == "pending" and job.attempts == runner.MAX_ATTEMPTS + 1
    assert job.active_key is not None


def test_jobs_finished_long_ago_are_forgotten(member, db):
    from cop.models import utcnow

    old, _ = runner.enqueue("record", member)
    runner.finish(old, now=utcnow() - runner.KEEP_FINISHED - timedelta(days=1))
    recent, _ = runner.enqueue("record", member)
    runner.finish(recent)
    waiting, _ = runner.enqueue("record", member)
    db.session.commit()
    ids = (old.id, recent.id, waiting.id)
    assert runner.prune_finished_jobs() == 1
    db.session.commit()
    db.session.expire_all()
    assert [db.session.get(Job, i) is not None for i in ids] == [False, True, True]
