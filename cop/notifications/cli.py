"""`flask cop send-notifications` and `flask cop send-digests`, run from cron."""

from __future__ import annotations

import click

from cop.cli import cop_cli
from cop.notifications import digests, outbox, reminders
from cop.notifications.emails import DIGEST_SCOPES


@cop_cli.command("send-notifications")
@click.option("--limit", type=int, default=None, help="At most this many emails.")
@click.option("--jobs/--no-jobs", default=True, show_default=True, help="Run background jobs too.")
def send_notifications(limit: int | None, jobs: bool) -> None:
    """Send the immediate notification emails still waiting (run every minute), then run
    the background jobs (data exports, account closings), so one cron line does both.
    First the reminders of events starting soon, so their emails leave in this run."""
    click.echo(f"Added {reminders.send_due_reminders()} event reminders.")
    sent = outbox.deliver_immediate(limit=limit)
    click.echo(f"Sent {sent} notification emails.")
    # The minute's other chore: files a killed upload left behind (cop/resources/cli.py).
    from cop.resources.cli import prune_quietly

    prune_quietly()
    from cop.pictures import cli as pictures_cli  # pictures never posted, after a day

    pictures_cli.prune_quietly()
    if jobs:
        from cop.jobs import runner

        click.echo(f"Finished {runner.run_due()} jobs.")


@cop_cli.command("send-digests")
@click.option("--frequency", type=click.Choice(DIGEST_SCOPES), default="daily", show_default=True)
def send_digests(frequency: str) -> None:
    """Send this period's daily or weekly digests (safe to run again: resumes)."""
    sent = digests.send_digests(frequency)
    click.echo(f"Sent {sent} {frequency} digests.")
