import datetime as dt

import pytest

from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal.delivery import digests_build_for, window_starts
from kernportal.digest import build_digests, sections
from kernportal.mail import render_email

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC)


def kcps(count):
    return [KcpAssignmentFactory().user for _ in range(count)]


def test_building_digests_runs_the_same_queries_for_1_and_100_recipients(
    kernen_section, django_assert_num_queries
):
    one = [u.pk for u in kcps(1)]
    hundred = [u.pk for u in kcps(99)] + one
    with django_assert_num_queries(4) as first:  # recipients, windows, and the section's two
        digests_build_for(one, NOW)
    with django_assert_num_queries(len(first.captured_queries)):
        digests = digests_build_for(hundred, NOW)
    assert len(digests) == 100
    assert all(d.item_count == 1 for d in digests.values())


def test_empty_sections_are_left_out(kernen_section):
    user = UserFactory()
    digest = build_digests([user], {user.pk: NOW}, NOW)[user.pk]
    assert digest.sections == []
    assert digest.is_empty


def test_the_digest_email_has_html_and_text_with_links(kernen_section, settings):
    settings.SITE_URL = "https://kernportal.example.nl"
    user = KcpAssignmentFactory(
        kern__name="Egchel", kern__slug="egchel", user__first_name="Anouk"
    ).user
    digest = digests_build_for([user.pk], NOW)[user.pk]
    subject, text, html = render_email("digest", {"digest": digest})
    assert subject == "Kernportal: 1 punt voor u"
    assert "Beste Anouk," in text
    assert "== Uw kernen ==" in text
    assert "https://kernportal.example.nl/portaal/kernen/egchel/" in text
    assert '<a href="https://kernportal.example.nl/portaal/kernen/egchel/">Kern Egchel</a>' in html
    assert "&lt;b&gt;" in html and "<b>" in text  # escaped in HTML, plain in text


def test_sections_are_ordered(monkeypatch):
    from kernportal import digest

    monkeypatch.setattr(digest, "_sections", {})
    digest.register("b", title="B", order=20)(lambda *a: {})
    digest.register("a", title="A", order=10)(lambda *a: {})
    assert [s.key for s in sections()] == ["a", "b"]


def test_a_first_window_looks_back_one_period(kernen_section):
    daily = UserFactory(profile__digest_frequency="daily")
    weekly = UserFactory()
    windows = window_starts([daily, weekly], NOW)
    assert windows[daily.pk] == NOW - dt.timedelta(days=1)
    assert windows[weekly.pk] == NOW - dt.timedelta(days=7)


def test_a_long_section_shows_its_first_items_and_how_many_more(monkeypatch, settings):
    from kernportal import digest
    from kernportal.digest import SECTION_LIMIT, DigestItem

    settings.SITE_URL = "https://kernportal.example.nl"
    user = UserFactory()
    total = SECTION_LIMIT + 3

    def many(users, windows, now):
        return {
            u.pk: [DigestItem(title=f"Punt {n:02}", url=f"/p/{n}/") for n in range(total)]
            for u in users
        }

    monkeypatch.setattr(digest, "_sections", {})
    digest.register("many", title="Veel", order=1)(many)
    built = build_digests([user], {user.pk: NOW}, NOW)[user.pk]
    assert built.item_count == total
    _, text, html = render_email("digest", {"digest": built})
    for body in (text, html):
        assert f"Punt {SECTION_LIMIT - 1:02}" in body
        assert f"Punt {SECTION_LIMIT:02}" not in body
        assert "En nog 3 punten in Kernportal." in body
        assert "https://kernportal.example.nl/portaal/" in body
