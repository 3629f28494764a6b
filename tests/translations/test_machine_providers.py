"""The providers' clients against local servers that speak their documented APIs, and
fail in every way a real one can: each failure a reason, never an exception escaping."""

from __future__ import annotations

import pytest

from cop.translations import machine_providers as mp
from tests.translations import machine_fakes

_fake_server = machine_fakes._fake_server
fake_provider = machine_fakes.fake_provider


def libre(server, **overrides) -> mp.LibreTranslate:
    config = {"MT_PROVIDER": "libretranslate", "MT_URL": server.url, "MT_TIMEOUT": 2}
    return mp.configured_provider({**config, **overrides})


def deepl(server, **overrides) -> mp.DeepL:
    config = {"MT_PROVIDER": "deepl", "MT_URL": server.url, "MT_API_KEY": "k-123:fx"}
    return mp.configured_provider({**config, **overrides})


def test_nothing_is_configured_by_default(app):
    assert mp.configured_provider(app.config) is None
    assert mp.provider_name(app.config) is None


@pytest.mark.parametrize(
    "config",
    [
        {"MT_PROVIDER": "libretranslate"},  # no server
        {"MT_PROVIDER": "libretranslate", "MT_URL": "file:///etc/passwd"},
        {"MT_PROVIDER": "libretranslate", "MT_URL": "ftp://example.org"},
        {"MT_PROVIDER": "deepl"},  # no key
        {"MT_PROVIDER": "babelfish", "MT_URL": "https://example.org"},
    ],
)
def test_incomplete_or_strange_settings_configure_nothing(config):
    assert mp.configured_provider(config) is None


def test_deepl_defaults_to_the_free_api_and_names_itself():
    provider = mp.configured_provider({"MT_PROVIDER": "DeepL", "MT_API_KEY": "secret:fx"})
    assert provider.name == "DeepL" and provider.settings.url == mp.DEEPL_FREE_URL
    assert mp.provider_name({"MT_PROVIDER": "deepl", "MT_API_KEY": "secret:fx"}) == "DeepL"


def test_libretranslate_sends_its_documented_request(fake_provider):
    texts = ['Hello <span translate="no" id="cop-0">0</span> world', "Second"]
    answer = libre(fake_provider).translate(texts, "en", "el")
    assert answer == ['[el] HELLO <span translate="no" id="cop-0">0</span> WORLD', "[el] SECOND"]
    path, headers, body = fake_provider.requests[-1]
    assert path == "/translate"
    assert body == {"q": texts, "source": "en", "target": "el", "format": "html"}
    assert headers["Content-Type"] == "application/json"


def test_libretranslate_sends_the_api_key_when_one_is_set(fake_provider):
    fake_provider.api_key = "lt-key"
    with pytest.raises(mp.MachineTranslationError) as refused:
        libre(fake_provider).translate(["Hi"], "en", "fr")
    assert refused.value.reason == mp.REFUSED
    assert libre(fake_provider, MT_API_KEY="lt-key").translate(["Hi"], "en", "fr") == ["[fr] HI"]
    assert fake_provider.requests[-1][2]["api_key"] == "lt-key"


def test_libretranslate_lists_its_languages(fake_provider):
    assert set(libre(fake_provider).languages()) == {"en", "es", "pt", "el", "ar", "fr"}


def test_deepl_sends_its_documented_request(fake_provider):
    provider = deepl(fake_provider)
    assert provider.translate(["Olá"], "pt", "en") == ["[EN-GB] OLÁ"]
    path, headers, body = fake_provider.requests[-1]
    assert path == "/v2/translate"
    assert headers["Authorization"] == "DeepL-Auth-Key k-123:fx"
    assert body == {
        "text": ["Olá"],
        "source_lang": "PT",
        "target_lang": "EN-GB",
        "tag_handling": "html",
    }
    provider.translate(["Hello"], "en", "pt")
    assert fake_provider.requests[-1][2]["target_lang"] == "PT-PT"
    assert provider.languages() == ["EN-GB", "EL", "AR"]


FAILURES = {
    "fail": mp.REFUSED,
    "busy": mp.BUSY,
    "html": mp.GARBLED,
    "garbage": mp.GARBLED,
    "huge": mp.GARBLED,
    "shape": mp.GARBLED,
    "truncated": mp.GARBLED,
    "deep": mp.GARBLED,
    "unsupported": mp.UNSUPPORTED,
}


@pytest.mark.parametrize("mode", sorted(FAILURES))
@pytest.mark.parametrize("client", [libre, deepl])
def test_each_failure_of_a_provider_is_a_reason(fake_provider, mode, client):
    fake_provider.mode = mode
    with pytest.raises(mp.MachineTranslationError) as failed:
        client(fake_provider).translate(["Hello"], "en", "ar")
    assert failed.value.reason == FAILURES[mode]


def test_a_ten_megabyte_answer_is_read_no_further_than_the_bound(fake_provider):
    fake_provider.mode = "huge"
    provider = libre(fake_provider, MT_MAX_RESPONSE_BYTES=64 * 1024)
    with pytest.raises(mp.MachineTranslationError, match="over 65536 bytes"):
        provider.translate(["Hello"], "en", "ar")


def test_a_slow_provider_is_given_up_after_the_timeout(fake_provider):
    import time

    fake_provider.mode, fake_provider.delay = "slow", 3
    started = time.monotonic()
    with pytest.raises(mp.MachineTranslationError) as failed:
        libre(fake_provider, MT_TIMEOUT=0.3).translate(["Hello"], "en", "ar")
    assert failed.value.reason == mp.TIMEOUT
    assert time.monotonic() - started < 2


def test_deepls_quota_is_a_busy_provider(fake_provider):
    fake_provider.mode = "quota"
    with pytest.raises(mp.MachineTranslationError) as failed:
        deepl(fake_provider).translate(["Hello"], "en", "ar")
    assert failed.value.reason == mp.BUSY


def test_an_unreachable_server_is_a_reason():
    provider = mp.configured_provider(
        {"MT_PROVIDER": "libretranslate", "MT_URL": "http://127.0.0.1:9", "MT_TIMEOUT": 1}
    )
    with pytest.raises(mp.MachineTranslationError) as failed:
        provider.translate(["Hello"], "en", "ar")
    assert failed.value.reason in (mp.UNREACHABLE, mp.TIMEOUT)


def test_an_answer_with_fewer_texts_than_sent_is_garbled(fake_provider, monkeypatch):
    monkeypatch.setattr(mp, "post_json", lambda *a, **k: {"translatedText": ["only one"]})
    with pytest.raises(mp.MachineTranslationError) as failed:
        libre(fake_provider).translate(["one", "two"], "en", "ar")
    assert failed.value.reason == mp.GARBLED


@pytest.mark.parametrize("pair", [("en", "tlh"), ("xx", "en")])
def test_a_language_outside_the_sites_is_never_sent(fake_provider, pair):
    with pytest.raises(mp.MachineTranslationError) as failed:
        libre(fake_provider).translate(["Hello"], *pair)
    assert failed.value.reason == mp.UNSUPPORTED
    assert fake_provider.requests == []
