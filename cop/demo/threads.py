"""Demo discussions: the programme's tables in six languages and a few living threads.

Idempotent: tables are found by slug, posts by a demo token, so running it again adds
only what is missing.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from cop.extensions import db
from cop.members.accounts import find_member_by_email
from cop.models import utcnow
from cop.threads import queries, services
from cop.threads.models import Thread

LANGS = ("en", "es", "pt", "el", "ar", "fr")

# slug -> original locale, {locale: (name, description)}
TABLES: list[tuple[str, str, dict[str, tuple[str, str]]]] = [
    ("introductions", "en", {
        "en": ("Introductions", "Say who you are, where you work and what you hope to learn."),
        "es": ("Presentaciones", "Cuenta quién eres, dónde trabajas y qué esperas aprender."),
        "pt": ("Apresentações", "Diga quem é, onde trabalha e o que espera aprender."),
        "el": ("Συστάσεις", "Πείτε μας ποιοι είστε, πού εργάζεστε και τι θέλετε να μάθετε."),
        "ar": ("التعارف", "عرّف بنفسك وبمكان عملك وبما تأمل أن تتعلمه."),
        "fr": ("Présentations", "Dites qui vous êtes, où vous travaillez et ce que vous espérez apprendre."),
    }),
    ("co-production", "en", {
        "en": ("Co-production of social services", "Designing and delivering social services together with citizens, communities and the social economy."),
        "es": ("Coproducción de servicios sociales", "Diseñar y prestar servicios sociales junto con la ciudadanía, las comunidades y la economía social."),
        "pt": ("Coprodução de serviços sociais", "Conceber e prestar serviços sociais com os cidadãos, as comunidades e a economia social."),
        "el": ("Συμπαραγωγή κοινωνικών υπηρεσιών", "Σχεδιασμός και παροχή κοινωνικών υπηρεσιών μαζί με πολίτες, κοινότητες και την κοινωνική οικονομία."),
        "ar": ("الإنتاج المشترك للخدمات الاجتماعية", "تصميم الخدمات الاجتماعية وتقديمها بالشراكة مع المواطنين والمجتمعات المحلية والاقتصاد الاجتماعي."),
        "fr": ("Coproduction des services sociaux", "Concevoir et fournir les services sociaux avec les citoyens, les communautés et l'économie sociale."),
    }),
    ("social-solidarity-economy", "en", {
        "en": ("Social and solidarity economy", "Cooperatives, associations, mutuals and social enterprises: practice, law and support."),
        "es": ("Economía social y solidaria", "Cooperativas, asociaciones, mutualidades y empresas sociales: práctica, marco legal y apoyo."),
        "pt": ("Economia social e solidária", "Cooperativas, associações, mutualidades e empresas sociais: prática, enquadramento legal e apoio."),
        "el": ("Κοινωνική και αλληλέγγυα οικονομία", "Συνεταιρισμοί, σωματεία, αλληλασφαλιστικά ταμεία και κοινωνικές επιχειρήσεις: πράξη, νομοθεσία και στήριξη."),
        "ar": ("الاقتصاد الاجتماعي والتضامني", "التعاونيات والجمعيات والتعاضديات والمؤسسات الاجتماعية: الممارسة والإطار القانوني والدعم."),
        "fr": ("Économie sociale et solidaire", "Coopératives, associations, mutuelles et entreprises sociales : pratiques, droit et accompagnement."),
    }),
    ("demonstrative-action-spain", "es", {
        "en": ("Demonstrative action: Spain", "The Spanish pilot: co-produced home care with social economy providers."),
        "es": ("Acción demostrativa: España", "El piloto español: atención domiciliaria coproducida con entidades de la economía social."),
        "pt": ("Ação demonstrativa: Espanha", "O piloto espanhol: apoio domiciliário coproduzido com entidades da economia social."),
        "el": ("Πιλοτική δράση: Ισπανία", "Το ισπανικό πιλοτικό: συμπαραγόμενη κατ' οίκον φροντίδα με φορείς της κοινωνικής οικονομίας."),
        "ar": ("العمل النموذجي: إسبانيا", "التجربة الإسبانية: رعاية منزلية مُنتَجة بالشراكة مع مؤسسات الاقتصاد الاجتماعي."),
        "fr": ("Action de démonstration : Espagne", "Le pilote espagnol : aide à domicile coproduite avec des acteurs de l'économie sociale."),
    }),
    ("demonstrative-action-portugal", "pt", {
        "en": ("Demonstrative action: Portugal", "The Portuguese pilot: community care networks in Coimbra."),
        "es": ("Acción demostrativa: Portugal", "El piloto portugués: redes comunitarias de cuidados en Coímbra."),
        "pt": ("Ação demonstrativa: Portugal", "O piloto português: redes comunitárias de cuidados em Coimbra."),
        "el": ("Πιλοτική δράση: Πορτογαλία", "Το πορτογαλικό πιλοτικό: κοινοτικά δίκτυα φροντίδας στην Κοΐμπρα."),
        "ar": ("العمل النموذجي: البرتغال", "التجربة البرتغالية: شبكات الرعاية المجتمعية في كويمبرا."),
        "fr": ("Action de démonstration : Portugal", "Le pilote portugais : réseaux communautaires de soins à Coimbra."),
    }),
    ("demonstrative-action-greece", "el", {
        "en": ("Demonstrative action: Greece", "The Greek pilot: social cooperatives in Thessaloniki's municipal services."),
        "es": ("Acción demostrativa: Grecia", "El piloto griego: cooperativas sociales en los servicios municipales de Salónica."),
        "pt": ("Ação demonstrativa: Grécia", "O piloto grego: cooperativas sociais nos serviços municipais de Salónica."),
        "el": ("Πιλοτική δράση: Ελλάδα", "Το ελληνικό πιλοτικό: κοινωνικές συνεταιριστικές επιχειρήσεις στις δημοτικές υπηρεσίες της Θεσσαλονίκης."),
        "ar": ("العمل النموذجي: اليونان", "التجربة اليونانية: التعاونيات الاجتماعية في الخدمات البلدية في سالونيك."),
        "fr": ("Action de démonstration : Grèce", "Le pilote grec : coopératives sociales dans les services municipaux de Thessalonique."),
    }),
    ("demonstrative-action-jordan", "ar", {
        "en": ("Demonstrative action: Jordan", "The Jordanian pilot: women's cooperatives and local social services."),
        "es": ("Acción demostrativa: Jordania", "El piloto jordano: cooperativas de mujeres y servicios sociales locales."),
        "pt": ("Ação demonstrativa: Jordânia", "O piloto jordano: cooperativas de mulheres e serviços sociais locais."),
        "el": ("Πιλοτική δράση: Ιορδανία", "Το ιορδανικό πιλοτικό: γυναικείοι συνεταιρισμοί και τοπικές κοινωνικές υπηρεσίες."),
        "ar": ("العمل النموذجي: الأردن", "التجربة الأردنية: التعاونيات النسائية والخدمات الاجتماعية المحلية."),
        "fr": ("Action de démonstration : Jordanie", "Le pilote jordanien : coopératives de femmes et services sociaux locaux."),
    }),
    ("demonstrative-action-palestine", "ar", {
        "en": ("Demonstrative action: Palestine", "The Palestinian pilot: community-based rehabilitation with local associations."),
        "es": ("Acción demostrativa: Palestina", "El piloto palestino: rehabilitación comunitaria con asociaciones locales."),
        "pt": ("Ação demonstrativa: Palestina", "O piloto palestiniano: reabilitação de base comunitária com associações locais."),
        "el": ("Πιλοτική δράση: Παλαιστίνη", "Το παλαιστινιακό πιλοτικό: κοινοτική αποκατάσταση με τοπικούς συλλόγους."),
        "ar": ("العمل النموذجي: فلسطين", "التجربة الفلسطينية: التأهيل المجتمعي بالشراكة مع الجمعيات المحلية."),
        "fr": ("Action de démonstration : Palestine", "Le pilote palestinien : réadaptation à base communautaire avec des associations locales."),
    }),
    ("demonstrative-action-tunisia", "fr", {
        "en": ("Demonstrative action: Tunisia", "The Tunisian pilot: applying the 2020 SSE law in Sfax."),
        "es": ("Acción demostrativa: Túnez", "El piloto tunecino: aplicar la ley de ESS de 2020 en Sfax."),
        "pt": ("Ação demonstrativa: Tunísia", "O piloto tunisino: aplicar a lei da ESS de 2020 em Sfax."),
        "el": ("Πιλοτική δράση: Τυνησία", "Το τυνησιακό πιλοτικό: εφαρμογή του νόμου του 2020 για την ΚΑΟ στη Σφαξ."),
        "ar": ("العمل النموذجي: تونس", "التجربة التونسية: تطبيق قانون الاقتصاد الاجتماعي والتضامني لسنة 2020 في صفاقس."),
        "fr": ("Action de démonstration : Tunisie", "Le pilote tunisien : appliquer la loi ESS de 2020 à Sfax."),
    }),
    ("public-procurement", "en", {
        "en": ("Socially responsible public procurement", "Social clauses, reserved contracts and buying from the social economy."),
        "es": ("Contratación pública socialmente responsable", "Cláusulas sociales, contratos reservados y compras a la economía social."),
        "pt": ("Contratação pública socialmente responsável", "Cláusulas sociais, contratos reservados e compras à economia social."),
        "el": ("Κοινωνικά υπεύθυνες δημόσιες συμβάσεις", "Κοινωνικές ρήτρες, προγραμματισμένες συμβάσεις και αγορές από την κοινωνική οικονομία."),
        "ar": ("المشتريات العامة المسؤولة اجتماعيًا", "البنود الاجتماعية والعقود المخصصة والشراء من مؤسسات الاقتصاد الاجتماعي."),
        "fr": ("Achats publics socialement responsables", "Clauses sociales, marchés réservés et achats auprès de l'économie sociale."),
    }),
    ("complementary-currencies", "en", {
        "en": ("Complementary currencies", "Local, social and time-bank currencies: design, law and evaluation."),
        "es": ("Monedas complementarias", "Monedas locales, sociales y bancos de tiempo: diseño, marco legal y evaluación."),
        "pt": ("Moedas complementares", "Moedas locais, sociais e bancos de tempo: conceção, enquadramento legal e avaliação."),
        "el": ("Συμπληρωματικά νομίσματα", "Τοπικά και κοινωνικά νομίσματα και τράπεζες χρόνου: σχεδιασμός, νομοθεσία και αξιολόγηση."),
        "ar": ("العملات التكميلية", "العملات المحلية والاجتماعية وبنوك الوقت: التصميم والإطار القانوني والتقييم."),
        "fr": ("Monnaies complémentaires", "Monnaies locales, sociales et banques de temps : conception, droit et évaluation."),
    }),
    ("training-programme", "en", {
        "en": ("Training programme and national workshops", "The shared curriculum, its modules and the workshops in each country."),
        "es": ("Programa de formación y talleres nacionales", "El currículo común, sus módulos y los talleres en cada país."),
        "pt": ("Programa de formação e oficinas nacionais", "O currículo comum, os seus módulos e as oficinas em cada país."),
        "el": ("Εκπαιδευτικό πρόγραμμα και εθνικά εργαστήρια", "Το κοινό πρόγραμμα σπουδών, οι ενότητές του και τα εργαστήρια σε κάθε χώρα."),
        "ar": ("برنامج التدريب وورش العمل الوطنية", "المنهج المشترك ووحداته وورش العمل في كل بلد."),
        "fr": ("Programme de formation et ateliers nationaux", "Le cursus commun, ses modules et les ateliers dans chaque pays."),
    }),
]  # fmt: skip


# key, table slug, author email, language, days ago, title, body, [(email, language, hours later, body)]
# "{handle:email}" in a body becomes that member's @handle.
THREADS = [
    ("hello-lucia", "introductions", "admin@example.org", "es", 20,
     "Hola a todas y todos: Lucía, desde Barcelona",
     "¡Bienvenidas y bienvenidos a la comunidad!\n\nSoy **Lucía**, trabajo en la *Red de Economía "
     "Alternativa y Solidaria*. Aquí podemos:\n\n- compartir lo que aprendemos en las acciones "
     "demostrativas,\n- preparar juntos los talleres nacionales,\n- y conocernos.\n\n"
     "Escribid en vuestro idioma: cada mensaje indica su lengua.",
     [("omar@example.org", "ar", 5, "أهلاً لوسيا وشكرًا على الترحيب! أنا **عمر** من عمّان، أعمل مع "
       "الجمعية الأردنية للاقتصاد الاجتماعي على دعم التعاونيات النسائية."),
      ("sarah@example.org", "en", 9, "Hi all, I'm Sarah, a researcher with the *Mediterranean SSE "
       "Research Network*, based in Ramallah. Happy to help with evaluation methods."),
      ("joana@example.org", "pt", 30, "Olá! Sou a Joana, da Cooperativa Social Mãos Dadas, em "
       "Coimbra. Trabalhamos com cuidados a pessoas idosas.")]),
    ("care-contracts", "co-production", "carlos@example.org", "es", 12,
     "¿Cómo medir la coproducción en los contratos de atención domiciliaria?",
     "En Barcelona estamos revisando los contratos de **atención domiciliaria**. Queremos que "
     "las personas usuarias participen en el diseño del servicio, no solo en la evaluación.\n\n"
     "Preguntas para la mesa:\n\n1. ¿Qué indicadores usáis?\n2. ¿Cómo se paga el tiempo de "
     "participación?\n\n> La coproducción no es consultar: es decidir y hacer juntos.",
     [("ines@example.org", "pt", 6, "Em Coimbra usamos três indicadores simples:\n\n"
       "| Indicador | Fonte |\n|---|---|\n| Reuniões com utentes | Atas |\n"
       "| Propostas adotadas | Relatório anual |\n| Satisfação | Inquérito |\n\n"
       "{handle:carlos@example.org}, posso partilhar o nosso modelo de inquérito."),
      ("maria@example.org", "el", 20, "Στη Θεσσαλονίκη πληρώνουμε τον χρόνο συμμετοχής μέσω της "
       "κοινωνικής συνεταιριστικής επιχείρησης. Είναι *μικρό* ποσό, αλλά δείχνει σεβασμό.")]),
    ("sfax-law", "demonstrative-action-tunisia", "sami@example.org", "fr", 8,
     "Loi ESS de 2020 : où en sont les décrets d'application ?",
     "Bonjour à toutes et à tous,\n\nÀ Sfax, nous attendons toujours certains **décrets "
     "d'application** de la loi n° 2020-30. En attendant, nous avons :\n\n- créé un comité "
     "local avec la municipalité ;\n- recensé 42 structures qui pourraient obtenir le label "
     "ESS.\n\nQuelqu'un a-t-il l'expérience d'un registre des entreprises sociales ?",
     [("amina@example.org", "ar", 4, "شكرًا سامي. في جمعيتنا بدأنا بإعداد ملفات خمس تعاونيات "
       "للحصول على التسمية. **المشكلة** الأساسية هي غياب التمويل للمرافقة."),
      ("admin@example.org", "es", 26, "En España el registro depende de cada comunidad "
       "autónoma. Os paso el enlace a la [ley 5/2011](https://www.boe.es/eli/es/l/2011/03/29/5)."),
      ("sami@example.org", "fr", 30, "Merci Lucía, très utile. {handle:amina@example.org}, on en parle à l'atelier "
       "de Tunis ?")]),
    ("women-coops", "demonstrative-action-jordan", "omar@example.org", "ar", 6,
     "التعاونيات النسائية وخدمات رعاية الأطفال في المفرق",
     "نعمل مع **ثلاث تعاونيات نسائية** في المفرق لتقديم خدمات رعاية الأطفال بالشراكة مع "
     "البلدية.\n\nما تعلمناه حتى الآن:\n\n- الثقة مع البلدية تحتاج إلى وقت؛\n- التدريب على "
     "الإدارة المالية ضروري؛\n- مشاركة الأهالي في التخطيط تزيد الإقبال.\n\n"
     "{handle:layla@example.org} هل لديكم تجربة مشابهة في فلسطين؟",
     [("layla@example.org", "ar", 10, "نعم يا عمر، في رام الله جرّبنا نموذجًا قريبًا مع "
       "لجان الأهالي. سأشارك التقرير في مكتبة الموارد قريبًا."),
      ("sarah@example.org", "en", 28, "This is a great case for the training module on "
       "*participatory planning*. Could we use it as a worked example in the Amman workshop?")]),
    ("procurement-clauses", "public-procurement", "moderator@example.org", "el", 4,
     "Κοινωνικές ρήτρες στις δημοτικές συμβάσεις: τι λειτουργεί;",
     "Ο Δήμος Θεσσαλονίκης ετοιμάζει νέες συμβάσεις καθαριότητας. Σκεφτόμαστε "
     "**προγραμματισμένες συμβάσεις** (άρθρο 20 της οδηγίας 2014/24/ΕΕ) για κοινωνικές "
     "συνεταιριστικές επιχειρήσεις.\n\nΈχει κανείς παράδειγμα όρων διαγωνισμού;",
     [("carlos@example.org", "es", 3, "En Barcelona tenemos una **guía de contratación "
       "pública social** desde 2017. Lo esencial:\n\n- reservar un porcentaje del presupuesto;\n"
       "- puntuar la inserción laboral;\n- pagar a 30 días.")]),
    ("time-bank", "complementary-currencies", "ines@example.org", "pt", 3,
     "Banco de tempo ou moeda local: por onde começar?",
     "Em Coimbra, algumas juntas de freguesia querem lançar uma **moeda complementar**. "
     "Eu proporia começar por um banco de tempo, mais simples do ponto de vista legal.\n\n"
     "O que pensam?",
     [("sami@example.org", "fr", 7, "En Tunisie, le cadre bancaire rend une monnaie locale "
       "difficile. Une banque de temps est plus réaliste pour commencer.")]),
    ("workshop-amman", "training-programme", "sarah@example.org", "en", 2,
     "National workshop in Amman: agenda draft",
     "Here is a first **draft agenda** for the Amman workshop:\n\n"
     "1. Welcome and introductions\n2. Module 3: *co-producing social services*\n"
     "3. Case study: women's cooperatives in Mafraq\n4. Planning the next steps\n\n"
     "Comments welcome, especially from {handle:omar@example.org}.",
     [("omar@example.org", "ar", 2, "شكرًا سارة! أقترح إضافة جلسة عن **التمويل** بعد دراسة "
       "الحالة، وأن تكون الترجمة متاحة بالعربية والإنجليزية.")]),
    ("sse-law-greece", "social-solidarity-economy", "maria@example.org", "el", 1,
     "Ο νόμος 4430/2016 επτά χρόνια μετά",
     "Ποια είναι η εμπειρία σας με το **μητρώο φορέων ΚΑΟ**; Στην Ελλάδα πολλοί φορείς "
     "εγγράφηκαν, αλλά λίγοι έλαβαν στήριξη.",
     []),
]  # fmt: skip


def _member(email: str):
    return find_member_by_email(email)


def _fill_handles(text: str) -> str:
    while "{handle:" in text:
        start = text.index("{handle:")
        end = text.index("}", start)
        member = _member(text[start + 8 : end])
        text = text[:start] + (f"@{member.handle}" if member else "") + text[end + 1 :]
    return text


def seed_tables() -> int:
    created = 0
    for position, (slug, original, names) in enumerate(TABLES, start=1):
        if queries.category_by_slug(slug) is not None:
            continue
        services.save_category(
            None,
            slug=slug,
            position=position * 10,
            original_locale=original,
            is_archived=False,
            texts=[services.CategoryText(code, *names[code]) for code in LANGS],
        )
        created += 1
    return created


def _seed_thread(spec) -> int:
    key, slug, email, language, days_ago, title, body, replies = spec
    author, category = _member(email), queries.category_by_slug(slug)
    if author is None or category is None:
        return 0
    if services.find_post_by_token(author, f"demo-{key}") is not None:
        return 0
    start = utcnow() - timedelta(days=days_ago)
    thread = services.start_thread(
        author=author,
        category=category,
        title=title,
        body=_fill_handles(body),
        language=language,
        client_token=f"demo-{key}",
    )
    _backdate(thread, queries.opening_post(thread), start)
    for n, (reply_email, reply_language, hours, reply_body) in enumerate(replies, start=1):
        replier = _member(reply_email)
        if replier is None:
            continue
        post = services.reply_to_thread(
            author=replier,
            thread=thread,
            body=_fill_handles(reply_body),
            language=reply_language,
            client_token=f"demo-{key}-{n}",
        )
        _backdate(thread, post, start + timedelta(hours=hours))
    return 1 + len(replies)


def _backdate(thread, post, when) -> None:
    """Demo posts look written over the last weeks, not all this second."""
    post.created_at = when
    if post.is_opening:
        thread.created_at = when
    thread.last_post_at = when
    db.session.flush()


def _refresh_table_activity() -> None:
    for category in queries.list_categories():
        category.last_post_at = db.session.scalar(
            select(func.max(Thread.last_post_at)).where(Thread.category_id == category.id)
        )


def seed_discussions() -> int:
    """Add the missing demo tables and threads; returns how many records were created."""
    created = seed_tables()
    db.session.flush()
    for spec in THREADS:
        created += _seed_thread(spec)
    if created:
        _refresh_table_activity()
    db.session.flush()
    return created
