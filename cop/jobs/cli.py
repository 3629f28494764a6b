"""`flask cop run-jobs`: background work, run from cron (send-notifications runs it too)."""

from __future__ import annotations

import click

from cop.cli import cop_cli
from cop.jobs import runner


@cop_cli.command("run-jobs")
@click.option("--limit", type=int, default=None, help="At most this many jobs.")
def run_jobs(limit: int | None) -> None:
    """Build data exports, finish account closings, delete expired exports."""
    finished = runner.run_due(limit=limit)
    click.echo(f"Finished {finished} jobs.")
