"""Full profiles for the demo community's members, each in their own language.

Idempotent: a profile is filled only while it is still empty, so a demo member's own
edits survive the next seed.
"""

from __future__ import annotations

from dataclasses import dataclass

from cop.langdetect import guess
from cop.members import services
from cop.members.accounts import find_member_by_email
from cop.members.models import OrganisationKind as Kind
from cop.members.models import Profession as Role
from cop.members.models import Visibility


@dataclass(frozen=True)
class DemoProfile:
    email: str
    kind: Kind
    role: Role
    city: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    bio: str
    links: tuple[str, ...] = ()
    format_locale: str | None = None
    timezone: str | None = None
    visibility: Visibility = Visibility.PUBLIC


PROFILES = (
    DemoProfile(
        "admin@example.org", Kind.NETWORK, Role.TRAINER, "Madrid", ("es", "en", "pt"),
        ("co_production", "training", "social_inclusion"),
        "Coordino la formación de la comunidad y acompaño los talleres nacionales. "
        "Me interesa cómo las administraciones y la **economía social** diseñan juntas "
        "los servicios.",
        ("https://www.economiasolidaria.org/",), "es_ES", "Europe/Madrid",
    ),
    DemoProfile(
        "moderator@example.org", Kind.PUBLIC_ADMINISTRATION, Role.POLICY_MAKER, "Θεσσαλονίκη",
        ("el", "en"), ("co_production", "social_services", "public_procurement"),
        "Εργάζομαι στη Διεύθυνση Κοινωνικής Πολιτικής του Δήμου. Οργανώσαμε ένα πιλοτικό "
        "πρόγραμμα **συμπαραγωγής** κοινωνικών υπηρεσιών με τις γειτονιές.",
        ("https://thessaloniki.gr/",), "el_GR", "Europe/Athens",
    ),
    DemoProfile(
        "joana@example.org", Kind.SSE_ORGANISATION, Role.SSE_PRACTITIONER, "Porto",
        ("pt", "es", "en"), ("cooperatives", "social_inclusion", "local_development"),
        "Trabalho numa cooperativa social que apoia pessoas com deficiência no acesso ao "
        "emprego. Partilho aqui a nossa experiência com **contratação pública responsável**.",
        (), "pt_PT", "Europe/Lisbon",
    ),
    DemoProfile(
        "maria@example.org", Kind.SSE_ORGANISATION, Role.SSE_PRACTITIONER, "Αθήνα",
        ("el", "en", "fr"), ("cooperatives", "complementary_currencies"),
        "Συντονίζω μια κοινωνική συνεταιριστική επιχείρηση. Πειραματιζόμαστε με ένα "
        "**τοπικό συμπληρωματικό νόμισμα** στη γειτονιά μας.",
        (), "el_GR", "Europe/Athens", Visibility.MEMBERS,
    ),
    DemoProfile(
        "omar@example.org", Kind.NGO, Role.NGO_PRACTITIONER, "عمّان", ("ar", "en"),
        ("social_inclusion", "training", "evaluation"),
        "أعمل في الجمعية الأردنية للاقتصاد الاجتماعي على برامج **الإدماج الاجتماعي** "
        "للشباب، وأهتم بتقييم أثر المشاريع المشتركة مع البلديات.",
        ("https://example.org/jsea",), "ar_JO", "Asia/Amman",
    ),
    DemoProfile(
        "layla@example.org", Kind.NGO, Role.TRAINER, "رام الله", ("ar", "en"),
        ("training", "co_production", "local_development"),
        "مدرّبة في مجال التنمية المجتمعية. أيسّر ورشات حول **الإنتاج المشترك** للخدمات "
        "مع المجالس المحلية.",
        (), "ar_PS", "Asia/Hebron",
    ),
    DemoProfile(
        "sami@example.org", Kind.NETWORK, Role.SSE_PRACTITIONER, "Tunis", ("fr", "ar", "en"),
        ("complementary_currencies", "local_development", "public_procurement"),
        "J'anime le réseau tunisien de l'ESS. Nous travaillons sur les **monnaies "
        "complémentaires** et sur l'accès des coopératives aux marchés publics.",
        ("https://example.org/ress-tunisie",), "fr_TN", "Africa/Tunis",
    ),
    DemoProfile(
        "amina@example.org", Kind.NGO, Role.NGO_PRACTITIONER, "صفاقس", ("ar", "fr"),
        ("social_inclusion", "complementary_currencies"),
        "أنشط في جمعية للتنمية المحلية بصفاقس. نجرّب **عملة تكميلية** لدعم صغار "
        "المنتجين في الجهة.",
        (), "ar_TN", "Africa/Tunis", Visibility.MEMBERS,
    ),
    DemoProfile(
        "carlos@example.org", Kind.PUBLIC_ADMINISTRATION, Role.POLICY_MAKER, "Barcelona",
        ("es", "ca", "en"), ("public_procurement", "co_production", "participatory_budgeting"),
        "Técnico de economía social en el Ayuntamiento. Impulsamos cláusulas sociales en la "
        "**contratación pública** y presupuestos participativos por distrito.",
        ("https://ajuntament.barcelona.cat/",), "es_ES", "Europe/Madrid",
    ),
    DemoProfile(
        "ines@example.org", Kind.UNIVERSITY, Role.RESEARCHER, "Coimbra", ("pt", "es", "en", "fr"),
        ("co_production", "evaluation", "social_services"),
        "Investigadora no Centro de Estudos Sociais. Estudo a **coprodução** de políticas "
        "sociais no sul da Europa e no Magrebe.",
        ("https://www.ces.uc.pt/",), "pt_PT", "Europe/Lisbon",
    ),
    DemoProfile(
        "sarah@example.org", Kind.NETWORK, Role.RESEARCHER, "Bethlehem", ("en", "ar"),
        ("evaluation", "social_inclusion", "training"),
        "I coordinate research across the network's partners and help members write up what "
        "their **demonstrative actions** taught them.",
        (), "en_GB", "Asia/Hebron",
    ),
)  # fmt: skip


def seed_profiles() -> int:
    """Fill the demo members' empty profiles; returns how many were filled."""
    filled = 0
    for demo in PROFILES:
        member = find_member_by_email(demo.email)
        if member is None or member.bio or member.expertise:
            continue
        services.update_profile(
            member,
            services.ProfileChanges(
                display_name=member.display_name,
                organisation=member.organisation,
                organisation_kind=demo.kind,
                profession=demo.role,
                country=member.country,
                city=demo.city,
                languages=list(demo.languages),
                expertise=list(demo.expertise),
                bio=demo.bio,
                bio_language=guess(demo.bio),
                links=list(demo.links),
                visibility=demo.visibility,
            ),
        )
        member.format_locale = demo.format_locale
        member.timezone = demo.timezone
        filled += 1
    return filled
