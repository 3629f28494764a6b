"""`flask cop detect-languages`: the language of existing texts (cop/translations/detection.py).

Fills the language of bios that have none, and reports (without changing them) the
posts and resources whose marked language the detector confidently disagrees with;
`--fix` marks those with the detected language. Committed batch by batch; running it
again finds nothing new to do.
"""

from __future__ import annotations

import click

from cop.cli import cop_cli
from cop.extensions import db
from cop.translations import detection


@cop_cli.command("detect-languages")
@click.option("--fix", is_flag=True, help="Mark the disagreeing texts with the detected language.")
@click.option("--batch", default=detection.BATCH, show_default=True, type=click.IntRange(1, 5000))
def detect_languages(fix: bool, batch: int) -> None:
    """Fill bios' languages; report (or --fix) texts marked in another language."""
    last, looked, filled = 0, 0, 0
    while True:
        seen, done, last = detection.fill_bio_languages(after_id=last, batch=batch)
        db.session.commit()
        looked, filled = looked + seen, filled + done
        if not last:
            break
    click.echo(f"Bios without a language: {looked}; language set for {filled}.")
    corrected = reported = 0
    for kind in detection.KINDS:
        last = 0
        while True:
            found, last = detection.disagreements(kind, after_id=last, batch=batch)
            for item in found:
                reported += 1
                click.echo(
                    f"{item.kind} {item.object_id}: marked {item.marked}, "
                    f"looks like {item.detected}: {item.excerpt}"
                )
                if fix and detection.correct(item):
                    corrected += 1
            db.session.commit()
            if not last:
                break
    if fix:
        click.echo(f"Texts marked in another language: {reported}; corrected: {corrected}.")
        if corrected:
            click.echo("Run `flask cop reindex` so search stems them in their language.")
    else:
        click.echo(f"Texts marked in another language: {reported} (use --fix to correct them).")
