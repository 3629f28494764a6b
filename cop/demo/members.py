"""Demo members: people from the six partner countries, in their own languages.

Idempotent: a member is found by email, so running it again adds no one twice. Their
profiles are filled by cop.demo.profiles.
"""

from __future__ import annotations

from dataclasses import dataclass

from cop.auth import services as auth_services
from cop.members.accounts import find_member_by_email
from cop.members.models import Role

DEMO_PASSWORD = "solidarity-economy-2026"
ADMIN_EMAIL = "admin@example.org"
MODERATOR_EMAIL = "moderator@example.org"


@dataclass(frozen=True)
class DemoMember:
    email: str
    display_name: str
    country: str
    locale: str
    organisation: str
    role: Role = Role.MEMBER


MEMBERS = (
    DemoMember(
        ADMIN_EMAIL,
        "Lucía Fernández",
        "ES",
        "es",
        "Red de Economía Alternativa y Solidaria",
        Role.ADMIN,
    ),
    DemoMember(
        MODERATOR_EMAIL, "Νίκος Παπαδόπουλος", "GR", "el", "Δήμος Θεσσαλονίκης", Role.MODERATOR
    ),
    DemoMember("joana@example.org", "Joana Martins", "PT", "pt", "Cooperativa Social Mãos Dadas"),
    DemoMember(
        "maria@example.org",
        "Μαρία Κωνσταντίνου",
        "GR",
        "el",
        "Κοινωνική Συνεταιριστική Επιχείρηση Αλληλεγγύη",
    ),
    DemoMember("omar@example.org", "عمر الخطيب", "JO", "ar", "الجمعية الأردنية للاقتصاد الاجتماعي"),
    DemoMember("layla@example.org", "ليلى حداد", "PS", "ar", "مركز العمل التنموي – معاً"),
    DemoMember(
        "sami@example.org",
        "Sami Ben Salah",
        "TN",
        "fr",
        "Réseau tunisien de l'économie sociale et solidaire",
    ),
    DemoMember("amina@example.org", "أمينة الطرابلسي", "TN", "ar", "جمعية التنمية المحلية بصفاقس"),
    DemoMember(
        "carlos@example.org",
        "Carlos Ruiz",
        "ES",
        "es",
        "Ayuntamiento de Barcelona – Economía Social",
    ),
    DemoMember(
        "ines@example.org",
        "Inês Carvalho",
        "PT",
        "pt",
        "Universidade de Coimbra – Centro de Estudos Sociais",
    ),
    DemoMember(
        "sarah@example.org", "Sarah Collins", "PS", "en", "Mediterranean SSE Research Network"
    ),
)


def seed_members() -> int:
    created = 0
    for demo in MEMBERS:
        if find_member_by_email(demo.email) is not None:
            continue
        member = auth_services.register_member(
            display_name=demo.display_name,
            email=demo.email,
            password=DEMO_PASSWORD,
            country=demo.country,
            locale=demo.locale,
            role=demo.role,
            email_confirmed=True,
        )
        member.organisation = demo.organisation
        created += 1
    return created
