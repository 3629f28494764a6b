"""Word lists per language in the community's themes, to write posts without downloads."""

from __future__ import annotations

import random

LANGUAGES = ("en", "es", "pt", "el", "ar", "fr")

WORDS = {
    "en": (
        "co-production social policy community practice municipality cooperative housing "
        "care services participation citizens evaluation pilot network training workshop "
        "youth employment inclusion budget council neighbourhood solidarity economy funding "
        "report toolkit lessons partners volunteers health migrants women rural urban "
        "dialogue trust outcomes indicators design together stakeholders local regional "
        "the a of and to in for with we our this that is are was were have has it they"
    ),
    "es": (
        "coproducción política social comunidad práctica municipio cooperativa vivienda "
        "cuidados servicios participación ciudadanía evaluación piloto red formación taller "
        "juventud empleo inclusión presupuesto consejo barrio solidaridad economía financiación "
        "informe herramientas lecciones socios voluntariado salud migrantes mujeres rural "
        "diálogo confianza resultados indicadores diseño juntos actores local regional "
        "el la de y en para con nosotros nuestro este que es son fue tiene hay ellos"
    ),
    "pt": (
        "coprodução política social comunidade prática município cooperativa habitação "
        "cuidados serviços participação cidadãos avaliação piloto rede formação oficina "
        "juventude emprego inclusão orçamento conselho bairro solidariedade economia "
        "financiamento relatório ferramentas lições parceiros voluntários saúde migrantes "
        "diálogo confiança resultados indicadores desenho juntos atores local regional "
        "o a de e em para com nós nosso este que é são foi tem há eles"
    ),
    "el": (
        "συμπαραγωγή κοινωνική πολιτική κοινότητα πρακτικής δήμος συνεταιρισμός στέγαση "
        "φροντίδα υπηρεσίες συμμετοχή πολίτες αξιολόγηση πιλοτικό δίκτυο κατάρτιση εργαστήριο "
        "νεολαία απασχόληση ένταξη προϋπολογισμός συμβούλιο γειτονιά αλληλεγγύη οικονομία "
        "χρηματοδότηση έκθεση εργαλεία μαθήματα εταίροι εθελοντές υγεία μετανάστες γυναίκες "
        "διάλογος εμπιστοσύνη αποτελέσματα δείκτες σχεδιασμός μαζί φορείς τοπικό περιφερειακό "
        "ο η το και σε για με εμείς μας αυτό ότι είναι ήταν έχει αυτοί"
    ),
    "ar": (
        "الإنتاج المشترك السياسة الاجتماعية مجتمع الممارسة البلدية تعاونية السكن الرعاية "
        "الخدمات المشاركة المواطنون التقييم تجريبي شبكة تدريب ورشة الشباب التشغيل الإدماج "
        "الميزانية المجلس الحي التضامن الاقتصاد التمويل تقرير أدوات دروس الشركاء المتطوعون "
        "الصحة المهاجرون النساء الريف الحوار الثقة النتائج المؤشرات التصميم معا الفاعلين "
        "المحلي الإقليمي في من إلى على مع نحن هذا التي هو هي كان لدينا هم"
    ),
    "fr": (
        "coproduction politique sociale communauté pratique commune coopérative logement "
        "soins services participation citoyens évaluation pilote réseau formation atelier "
        "jeunesse emploi inclusion budget conseil quartier solidarité économie financement "
        "rapport boîte outils leçons partenaires bénévoles santé migrants femmes rural "
        "dialogue confiance résultats indicateurs conception ensemble acteurs local régional "
        "le la de et en pour avec nous notre ce que est sont était avons il ils"
    ),
}

_SPLIT = {code: text.split() for code, text in WORDS.items()}


def sentence(rng: random.Random, language: str, low: int = 6, high: int = 18) -> str:
    words = rng.choices(_SPLIT[language], k=rng.randint(low, high))
    text = " ".join(words)
    end = "؟" if language == "ar" and rng.random() < 0.1 else "."
    return text[:1].upper() + text[1:] + end


def paragraph(rng: random.Random, language: str) -> str:
    return " ".join(sentence(rng, language) for _ in range(rng.randint(2, 5)))


def post_body(rng: random.Random, language: str) -> str:
    """Markdown of a forum post: one to four paragraphs, sometimes a list or emphasis."""
    parts = [paragraph(rng, language) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.2:
        parts.append("\n".join(f"- {sentence(rng, language, 3, 7)}" for _ in range(3)))
    if rng.random() < 0.2:
        parts[0] = f"**{sentence(rng, language, 2, 4)}** {parts[0]}"
    return "\n\n".join(parts)


def title(rng: random.Random, language: str) -> str:
    return sentence(rng, language, 4, 9).rstrip(".؟")[:140]
