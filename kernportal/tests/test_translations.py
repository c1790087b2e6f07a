"""The English translation is complete, compiled and in step with the marked texts.

Dutch is the source language; `locale/en/LC_MESSAGES/django.po` holds the English text of every
marked string. `make messages` refreshes the catalog and compiles it. These tests fail on an
empty or fuzzy entry, on a `.mo` that does not match its `.po`, and (where GNU gettext is
installed, as in CI) on a marked text that is missing from the catalog.
"""

import shutil

from django.conf import settings
from django.core.management import call_command

import polib
import pytest

PO = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# What makemessages must not scan: the virtualenv and what is generated.
IGNORE = [".venv/*", "staticfiles/*", "media/*", "bench/results/*", "test-artifacts/*"]


def _where(entry: polib.POEntry) -> str:
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2]) or "?"


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalog = polib.pofile(str(PO))
    untranslated = [f"{e.msgid!r} ({_where(e)})" for e in catalog.untranslated_entries()]
    fuzzy = [f"{e.msgid!r} ({_where(e)})" for e in catalog.fuzzy_entries()]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy (check and clear the flag):\n" + "\n".join(fuzzy)


def test_the_compiled_catalog_matches_the_po_file():
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(PO))}
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO))}
    mo.pop((None, ""), None)  # the header
    stale = sorted(str(k[1]) for k in po.keys() ^ mo.keys())
    assert not stale, "the .mo is out of date; run `make messages`: " + ", ".join(stale[:20])
    changed = sorted(str(k[1]) for k in po if str(po[k]) != str(mo[k]))
    assert not changed, "the .mo is out of date; run `make messages`: " + ", ".join(changed[:20])


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed"
)
def test_every_marked_text_is_in_the_catalog(monkeypatch):
    # makemessages writes the catalog in place (merging what is translated); the committed file
    # is put back afterwards, so the test only reads what a refresh would produce.
    monkeypatch.chdir(settings.BASE_DIR)
    committed_text = PO.read_bytes()
    try:
        call_command("makemessages", locale=["en"], ignore_patterns=IGNORE, verbosity=0)
        fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    finally:
        PO.write_bytes(committed_text)
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    missing = sorted(str(m[1]) for m in fresh - committed)
    stale = sorted(str(m[1]) for m in committed - fresh)
    assert not missing, "marked but not in the catalog; run `make messages`:\n" + "\n".join(missing)
    assert not stale, "in the catalog but no longer marked; run `make messages`:\n" + "\n".join(
        stale
    )


def test_a_page_switches_to_english_and_remembers_it(client):
    response = client.post("/taal/", {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/privacy/").content.decode()
    assert '<html lang="en">' in page
    assert "Accessibility" in page  # the footer, translated
    assert 'name="csrfmiddlewaretoken"' not in page.split("<footer", 1)[1]


def test_a_foreign_next_is_not_followed(client):
    response = client.post("/taal/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_default_is_dutch(client):
    page = client.get("/privacy/").content.decode()
    assert '<html lang="nl">' in page and "Toegankelijkheid" in page


def test_each_language_is_named_in_itself_whatever_the_page_language(client):
    dutch = client.get("/privacy/").content.decode().split("<footer", 1)[1]
    assert ">English</button>" in dutch and ">Nederlands</span>" in dutch
    client.post("/taal/", {"language": "en", "next": "/privacy/"})
    english = client.get("/privacy/").content.decode().split("<footer", 1)[1]
    assert ">Nederlands</button>" in english and ">English</span>" in english
