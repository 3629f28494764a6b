"""The demo events' words: the training programme and its workshops, each written in the
language it is held in (cop.demo.events seeds them)."""

from __future__ import annotations

from dataclasses import dataclass

from cop.events.models import EventFormat

PROGRAMME_SLUG = "co-producing-social-services"
PROGRAMME_TITLE = "Co-producing social services: the Mediterranean training programme"
PROGRAMME_DESCRIPTION = (
    "A shared curriculum for public officers, social economy practitioners and "
    "researchers of the six partner countries, taught in national workshops in each "
    "country's language and in online webinars in English.\n\n"
    "**The modules**\n\n"
    "1. *Co-production of social services*: designing and delivering care together with "
    "the people who use it, their families and the social economy.\n"
    "2. *The social and solidarity economy*: cooperatives, associations, mutuals and "
    "social enterprises, and the laws that recognise them.\n"
    "3. *Socially responsible public procurement*: social clauses, reserved contracts and "
    "buying from the social economy.\n"
    "4. *Complementary currencies*: local and time-bank currencies that keep value in the "
    "community.\n\n"
    "Each national workshop takes one or two modules to a local case; the materials and "
    "the discussion of each workshop stay linked to it here."
)


@dataclass(frozen=True)
class DemoEvent:
    key: str  # the handle of this demo event in the code (the title finds it again)
    title: str
    language: str
    description: str
    country: str | None
    city: str
    venue: str
    timezone: str
    days_from_now: int  # negative: a past workshop
    organiser: str  # email of a demo member
    table: str  # discussion table slug (the event's thread opens there)
    format: EventFormat = EventFormat.IN_PERSON
    hours: int = 6
    start_hour: int = 10
    capacity: int | None = 30
    delivery_languages: tuple[str, ...] = ()
    online_url: str | None = None
    co_organisers: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()  # titles of demo resources
    going: tuple[str, ...] = ()  # emails, in registration order
    absent: tuple[str, ...] = ()  # past events: registered, did not come
    question: str | None = None


EVENTS = (
    DemoEvent(
        "spain", "Taller nacional: coproducir los servicios sociales con la economía social",
        "es",
        "Primer taller nacional del programa, en Barcelona. Trabajaremos el **módulo 1** "
        "(coproducción) y el **módulo 3** (contratación pública) a partir del piloto de "
        "atención domiciliaria del Ayuntamiento.\n\n"
        "- Mañana: qué significa coproducir un servicio con las personas usuarias y las "
        "cooperativas de cuidados.\n"
        "- Tarde: cláusulas sociales y contratos reservados en los pliegos municipales.\n\n"
        "Dirigido a personal técnico municipal, entidades de la economía social y "
        "universidades.",
        "ES", "Barcelona", "Casa de la Economía Social, Carrer de la Llacuna 162",
        "Europe/Madrid", -45, "admin@example.org", "demonstrative-action-spain",
        capacity=40, delivery_languages=("es",), co_organisers=("carlos@example.org",),
        resources=(
            "Co-producing social services: trainer's handbook",
            "Guía de cláusulas sociales en la contratación pública",
        ),
        going=("carlos@example.org", "joana@example.org", "ines@example.org",
               "sarah@example.org", "maria@example.org", "sami@example.org"),
        absent=("omar@example.org",),
    ),
    DemoEvent(
        "greece", "Εθνικό εργαστήριο: οι Κοινωνικές Συνεταιριστικές Επιχειρήσεις στις "
        "δημοτικές υπηρεσίες", "el",
        "Το ελληνικό εθνικό εργαστήριο του προγράμματος, στη Θεσσαλονίκη. Με βάση το "
        "πιλοτικό του Δήμου, συζητάμε πώς οι **ΚοινΣΕπ** μπορούν να συμπαράγουν κοινωνικές "
        "υπηρεσίες (ενότητα 1) και τι προβλέπει ο νόμος 4430/2016 για την κοινωνική και "
        "αλληλέγγυα οικονομία (ενότητα 2).\n\n"
        "- Παρουσίαση της χαρτογράφησης των ΚοινΣΕπ της πόλης\n"
        "- Εργασία σε ομάδες: ένα σχέδιο συμπαραγωγής για τη φροντίδα ηλικιωμένων\n"
        "- Συζήτηση με τις υπηρεσίες του Δήμου",
        "GR", "Θεσσαλονίκη", "Δημαρχείο Θεσσαλονίκης, αίθουσα Νίκος Γκάλης",
        "Europe/Athens", -25, "maria@example.org", "demonstrative-action-greece",
        capacity=35, delivery_languages=("el",), co_organisers=("moderator@example.org",),
        resources=("Χαρτογράφηση κοινωνικών συνεταιρισμών στη Θεσσαλονίκη",),
        going=("moderator@example.org", "admin@example.org", "ines@example.org",
               "joana@example.org", "layla@example.org"),
        absent=("amina@example.org",),
    ),
    DemoEvent(
        "tunisia", "Atelier national : l'ESS et les monnaies complémentaires à Sfax", "fr",
        "L'atelier tunisien du programme, à Sfax. Quatre ans après la loi de 2020 sur "
        "l'économie sociale et solidaire, nous faisons le point sur sa mise en œuvre "
        "(module 2) et sur l'expérience de monnaie locale d'une association du quartier "
        "(module 4).\n\n"
        "- Ce que la loi change pour les associations et les coopératives\n"
        "- Étude de cas : la monnaie locale de Sfax, ses règles et ses premiers résultats\n"
        "- Atelier : une monnaie complémentaire pour payer des services sociaux ?\n\n"
        "L'atelier se tient en français et en arabe.",
        "TN", "Sfax", "Maison de la culture Sfax El Jadida",
        "Africa/Tunis", -10, "sami@example.org", "demonstrative-action-tunisia",
        capacity=30, delivery_languages=("fr", "ar"), co_organisers=("amina@example.org",),
        resources=("Monnaie locale à Sfax : étude de cas",),
        going=("amina@example.org", "omar@example.org", "layla@example.org",
               "admin@example.org", "sarah@example.org", "carlos@example.org"),
        absent=("maria@example.org",),
    ),
    DemoEvent(
        "jordan", "ورشة العمل الوطنية: الإنتاج المشترك للخدمات الاجتماعية مع التعاونيات النسائية",
        "ar",
        "الورشة الوطنية الأردنية ضمن البرنامج التدريبي، في عمّان. ننطلق من التجربة الأردنية "
        "مع **التعاونيات النسائية** لنناقش كيف يمكن إنتاج الخدمات الاجتماعية المحلية بالشراكة "
        "بين البلديات والمجتمع (الوحدة الأولى)، وكيف تدعم المشتريات العامة هذه التعاونيات "
        "(الوحدة الثالثة).\n\n"
        "- عرض نتائج التجربة النموذجية\n"
        "- مجموعات عمل: خطة إنتاج مشترك لخدمة رعاية الأطفال\n"
        "- حوار مع ممثلي البلديات\n\n"
        "عدد المقاعد محدود: عند امتلاء الورشة يمكنكم الانضمام إلى قائمة الانتظار.",
        "JO", "عمّان", "المركز الثقافي الملكي",
        "Asia/Amman", 12, "omar@example.org", "demonstrative-action-jordan",
        capacity=4, delivery_languages=("ar",), co_organisers=("layla@example.org",),
        resources=("ورشة العمل الوطنية في عمّان: مواد العرض",),
        going=("layla@example.org", "amina@example.org", "sarah@example.org",
               "sami@example.org", "admin@example.org", "maria@example.org"),
        question="هل لديكم احتياجات خاصة للوصول أو للترجمة؟",
    ),
    DemoEvent(
        "palestine", "ورشة العمل الوطنية: التأهيل المجتمعي والاقتصاد التضامني", "ar",
        "الورشة الوطنية الفلسطينية، في رام الله وعبر الإنترنت. نعرض تجربة **التأهيل المبني "
        "على المجتمع** مع الجمعيات المحلية، ونناقش دور الاقتصاد الاجتماعي والتضامني في "
        "استدامة الخدمات (الوحدتان الأولى والثانية).\n\n"
        "- شهادات من الجمعيات المشاركة في التجربة\n"
        "- كيف نحسب كلفة الخدمة المنتَجة بالشراكة؟\n"
        "- نقاش مفتوح مع المشاركين عن بعد",
        "PS", "رام الله", "مركز خليل السكاكيني الثقافي",
        "Asia/Hebron", 30, "layla@example.org", "demonstrative-action-palestine",
        format=EventFormat.MIXED, online_url="https://meet.example.org/cop-ramallah",
        capacity=50, delivery_languages=("ar", "en"), co_organisers=("omar@example.org",),
        going=("omar@example.org", "sarah@example.org", "amina@example.org"),
    ),
    DemoEvent(
        "portugal", "Oficina nacional: contratação pública responsável e redes comunitárias "
        "de cuidados", "pt",
        "A oficina portuguesa do programa, em Coimbra. A partir do piloto das **redes "
        "comunitárias de cuidados**, vemos como os municípios podem comprar serviços à "
        "economia social com cláusulas sociais e contratos reservados (módulo 3), sem perder "
        "a coprodução com as famílias (módulo 1).\n\n"
        "- O que diz o Código dos Contratos Públicos sobre contratos reservados\n"
        "- Caso prático: um caderno de encargos para apoio domiciliário\n"
        "- Debate com técnicos municipais e cooperativas",
        "PT", "Coimbra", "Centro de Estudos Sociais, Colégio de S. Jerónimo",
        "Europe/Lisbon", 45, "joana@example.org", "public-procurement",
        capacity=30, delivery_languages=("pt",), co_organisers=("ines@example.org",),
        resources=("Guía de cláusulas sociales en la contratación pública",),
        going=("ines@example.org", "carlos@example.org"),
    ),
    DemoEvent(
        "webinar", "Webinar: complementary currencies for social services", "en",
        "An online session of **module 4**, open to the whole network. Three short talks "
        "and a discussion:\n\n"
        "- What complementary currencies are, and what they are not\n"
        "- The Sfax local currency: lessons from the Tunisian workshop\n"
        "- Time banks and care: can hours of help pay for social services?\n\n"
        "The recording and the slides will be linked here after the session.",
        None, "", "", "Europe/Brussels", 6, "admin@example.org", "complementary-currencies",
        format=EventFormat.ONLINE, online_url="https://meet.example.org/cop-currencies",
        hours=2, start_hour=16, capacity=None, delivery_languages=("en",),
        co_organisers=("ines@example.org", "sami@example.org"),
        resources=("Webinar recording: community currencies 101",),
        going=("sami@example.org", "joana@example.org", "omar@example.org",
               "maria@example.org"),
    ),
)  # fmt: skip


# Organiser roles the demo grants (country -> emails); the admin needs none.
ORGANISER_ROLES = {
    "ES": ("carlos@example.org",),
    "PT": ("joana@example.org",),
    "GR": ("maria@example.org",),
    "JO": ("omar@example.org",),
    "PS": ("layla@example.org",),
    "TN": ("sami@example.org",),
}
