"""Demo resources: a handful of materials in the partners' languages, with tiny files.

Idempotent: a resource is found by its title, so running it again adds nothing twice.
The files are generated here (cop.resources.samples), none is kept in the repository.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from sqlalchemy import select

from cop.extensions import db
from cop.members.accounts import find_member_by_email
from cop.resources import filetypes, samples, services
from cop.resources.models import Resource, ResourceType
from cop.resources.storage import get_storage
from cop.resources.uploads import Upload


@dataclass(frozen=True)
class DemoResource:
    title: str
    sharer: str  # email of a demo member
    type: ResourceType
    language: str
    country: str | None
    table: str  # discussion table slug
    tags: tuple[str, ...]
    description: str
    source: str = ""
    licence: str = "cc-by-sa-4.0"
    external_url: str | None = None
    # (language, file name, bytes), in upload order: a language twice makes a version 2.
    files: tuple[tuple[str, str, bytes], ...] = field(default_factory=tuple)


FUNDING = "Co-funded by the European Union under the ENI CBC Mediterranean Sea Basin Programme."


def _handout(title: str, *lines: str) -> bytes:
    return samples.pdf([title, "", *lines])


RESOURCES = (
    DemoResource(
        "Co-producing social services: trainer's handbook",
        "sarah@example.org",
        ResourceType.TRAINING_MODULE,
        "en",
        None,
        "training-programme",
        ("co-production", "training"),
        "The handbook of **module 1** of the training programme.\n\n"
        "- What co-production means for social services\n"
        "- Four case studies from the partner countries\n"
        "- Exercises for a two-day workshop",
        source="Training programme, module 1",
        files=(
            (
                "en",
                "trainers-handbook.pdf",
                _handout("Trainer's handbook", "Module 1: co-production"),
            ),
            (
                "es",
                "manual-del-formador.pdf",
                _handout("Manual del formador", "Modulo 1: coproduccion"),
            ),
            ("ar", "دليل المدرب.pdf", _handout("Trainer's handbook (Arabic)", "Module 1")),
        ),
    ),
    DemoResource(
        "Guía de cláusulas sociales en la contratación pública",
        "carlos@example.org",
        ResourceType.POLICY_BRIEF,
        "es",
        "ES",
        "public-procurement",
        ("contratación pública", "cláusulas sociales"),
        "Cómo incluir cláusulas sociales y contratos reservados en los pliegos municipales, "
        "con modelos de la experiencia de Barcelona.",
        source="Taller nacional, Barcelona",
        files=(
            ("es", "guia-clausulas-sociales.pdf", _handout("Guia de clausulas sociales")),
            ("pt", "guia-clausulas-sociais.pdf", _handout("Guia de clausulas sociais")),
        ),
    ),
    DemoResource(
        "Χαρτογράφηση κοινωνικών συνεταιρισμών στη Θεσσαλονίκη",
        "maria@example.org",
        ResourceType.RESEARCH_REPORT,
        "el",
        "GR",
        "demonstrative-action-greece",
        ("χαρτογράφηση", "social cooperatives"),
        "Τα δεδομένα της χαρτογράφησης των κοινωνικών συνεταιριστικών επιχειρήσεων (ΚοινΣΕπ) "
        "της πόλης, σε μορφή CSV.",
        source="Δράση επίδειξης, Θεσσαλονίκη",
        licence="cc-by-4.0",
        files=(
            (
                "el",
                "χαρτογράφηση.csv",
                samples.csv([["Επωνυμία", "Τομέας"], ["Αλληλεγγύη", "Φροντίδα"]]),
            ),
            ("en", "mapping.csv", samples.csv([["Name", "Sector"], ["Allilengyi", "Care"]])),
        ),
    ),
    DemoResource(
        "ورشة العمل الوطنية في عمّان: مواد العرض",
        "omar@example.org",
        ResourceType.WORKSHOP_MATERIAL,
        "ar",
        "JO",
        "demonstrative-action-jordan",
        ("ورشة عمل", "co-production"),
        "ملصق الورشة الوطنية وبرنامجها، كما عُرضا في عمّان.",
        source="الورشة الوطنية، عمّان",
        files=(
            ("ar", "ملصق الورشة.png", samples.png(32, 16, (20, 120, 90))),
            ("fr", "affiche-atelier.png", samples.png(32, 16, (20, 90, 120))),
        ),
    ),
    DemoResource(
        "Monnaie locale à Sfax : étude de cas",
        "sami@example.org",
        ResourceType.CASE_STUDY,
        "fr",
        "TN",
        "complementary-currencies",
        ("monnaies complémentaires", "Sfax"),
        "Comment une association de Sfax a lancé une monnaie locale avec les commerçants "
        "du quartier : étapes, règles et premiers résultats.",
        licence="cc-by-nc-sa-4.0",
        files=(
            ("fr", "monnaie-locale-sfax.pdf", _handout("Monnaie locale a Sfax", "Version 1")),
            ("ar", "العملة المحلية صفاقس.pdf", _handout("Sfax local currency (Arabic)")),
            # A second French edition: the Arabic one shows as possibly out of date.
            ("fr", "monnaie-locale-sfax.pdf", _handout("Monnaie locale a Sfax", "Version 2")),
        ),
    ),
    DemoResource(
        "Webinar recording: community currencies 101",
        "ines@example.org",
        ResourceType.OTHER,
        "en",
        "PT",
        "complementary-currencies",
        ("complementary currencies", "webinar"),
        "A one-hour introduction to community currencies, recorded for the network.",
        external_url="https://video.example.org/community-currencies-101",
    ),
)


def _upload(name: str, content: bytes) -> Upload:
    staged = get_storage().stage(io.BytesIO(content))
    kind = filetypes.sniff(staged.temp_path, name=name)
    return Upload(staged=staged, kind=kind, name=name)


def _seed_one(demo: DemoResource) -> bool:
    from cop.threads.queries import category_by_slug

    if db.session.scalar(select(Resource.id).where(Resource.title == demo.title)):
        return False
    sharer = find_member_by_email(demo.sharer)
    if sharer is None:
        return False
    fields = services.ResourceFields(
        title=demo.title,
        description=demo.description,
        type=demo.type,
        country=demo.country,
        tags=list(demo.tags),
        licence=demo.licence,
        source=demo.source,
        funding=FUNDING,
        original_language=demo.language,
        external_url=demo.external_url,
    )
    resource = services.create_resource(
        sharer=sharer, fields=fields, category=category_by_slug(demo.table)
    )
    for language, name, content in demo.files:
        services.add_file(
            resource, upload=_upload(name, content), language=language, uploader=sharer
        )
    return True


def seed_resources() -> int:
    """Add the missing demo resources; returns how many were created."""
    created = sum(_seed_one(demo) for demo in RESOURCES)
    db.session.flush()
    return created
