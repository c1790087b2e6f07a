"""The two agendas side by side, agenda item forms and the iCalendar feed."""

import datetime

from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from kernen.agenda import two_agendas
from kernen.models import AgendaItem
from kernen.services import calendar_token_for

from .factories import AgendaItemFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 15)


def test_a_month_with_items_on_both_sides_is_a_clash():
    festival = AgendaItemFactory.build(title="Dorpsfeest", start_date=datetime.date(2025, 5, 10))
    roadworks = AgendaItemFactory.build(
        municipal=True,
        title="Reconstructie",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 5, 15),
    )
    plan = AgendaItemFactory.build(undated=True)
    agenda = two_agendas([festival, roadworks, plan], today=TODAY)
    by_month = {row.first: row for row in agenda["rows"]}
    assert agenda["rows"][0].first == datetime.date(2025, 2, 1)
    assert by_month[datetime.date(2025, 4, 1)].municipal == [roadworks]
    assert not by_month[datetime.date(2025, 4, 1)].is_clash
    may = by_month[datetime.date(2025, 5, 1)]
    assert may.is_clash and may.community == [festival] and may.municipal == [roadworks]
    assert agenda["clashes"] == 1 and agenda["undated"] == [plan]


def test_an_item_is_on_the_months_it_spans_within_the_axis_only():
    D = datetime.date
    before = AgendaItemFactory.build(title="Kermis", start_date=D(2024, 12, 20))
    into = AgendaItemFactory.build(
        title="Dorpsplan", start_date=D(2024, 11, 1), end_date=D(2025, 3, 2)
    )
    after = AgendaItemFactory.build(title="Zomerfeest", start_date=D(2026, 6, 1))
    across = AgendaItemFactory.build(
        title="Jubileumjaar", start_date=D(2024, 1, 1), end_date=D(2027, 1, 1)
    )
    rows = two_agendas([before, into, after, across], today=TODAY)["rows"]
    on = {row.first: [item.title for item in row.community] for row in rows}
    # The axis runs from February 2025 to January 2026.
    assert on[D(2025, 2, 1)] == ["Dorpsplan", "Jubileumjaar"]
    assert on[D(2025, 3, 1)] == ["Dorpsplan", "Jubileumjaar"]
    assert all(titles == ["Jubileumjaar"] for first, titles in on.items() if first.month > 3)


def test_the_kern_page_shows_both_agendas_and_marks_the_clash_in_words(client_for, kcp, kern):
    month = timezone.localdate().replace(day=10)
    AgendaItemFactory(kern=kern, title="Dorpsfeest", start_date=month)
    AgendaItemFactory(kern=kern, municipal=True, title="Wegwerkzaamheden", start_date=month)
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "Gemeenschapsagenda (de kern zelf)" in text and "Gemeenteagenda (afdelingen)" in text
    assert "Dorpsfeest" in text and "Wegwerkzaamheden" in text
    assert "Let op: samenloop" in text
    assert "1 maand met punten op beide agenda" in text


def test_a_kcp_plans_an_agenda_item(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("kernen:agenda_create", args=[kern.slug]),
        {
            "side": "community",
            "title": "Dorpsfeest",
            "theme": "culture",
            "status": "planned",
            "start_date": "2025-06-01",
            "end_date": "2025-06-03",
            "responsible": "Stichting Dorpsfeest",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.kern == kern and item.end_date == datetime.date(2025, 6, 3)


def test_an_agenda_item_ending_before_it_starts_is_refused(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("kernen:agenda_create", args=[kern.slug]),
        {
            "side": "municipal",
            "title": "Riolering",
            "theme": "traffic",
            "status": "planned",
            "start_date": "2025-06-05",
            "end_date": "2025-06-01",
            "responsible": "",
        },
    )
    assert "De einddatum ligt voor de begindatum." in response.text
    assert "Dit veld is verplicht." in response.text
    assert not AgendaItem.objects.exists()


def test_a_kcp_edits_an_agenda_item_of_their_kern(client_for, kcp, kern):
    item = AgendaItemFactory(kern=kern)
    client_for(kcp).post(
        reverse("kernen:agenda_edit", args=[kern.slug, item.pk]),
        {
            "side": "community",
            "title": "Nieuwe titel",
            "theme": "culture",
            "status": "done",
            "responsible": "X",
        },
    )
    item.refresh_from_db()
    assert item.title == "Nieuwe titel" and item.start_date is None


def test_colleagues_and_other_kcps_cannot_plan(client_for, colleague, other_kcp, kern):
    item = AgendaItemFactory(kern=kern)
    for user in (colleague, other_kcp):
        client = client_for(user)
        assert client.get(reverse("kernen:agenda_create", args=[kern.slug])).status_code == 403
        assert (
            client.get(reverse("kernen:agenda_edit", args=[kern.slug, item.pk])).status_code == 403
        )


def test_the_feed_parses_and_holds_dated_items(client, kcp, kern):
    start = timezone.localdate() - datetime.timedelta(days=100)
    AgendaItemFactory(
        kern=kern,
        title="Dorpsfeest",
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )
    AgendaItemFactory(kern=kern, title="Zonder datum", undated=True)
    token = calendar_token_for(kcp).token
    response = client.get(reverse("kernen:calendar_feed", args=[kern.slug, token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    feest = events["Dorpsfeest (Gemeenschapsagenda)"]
    assert feest.decoded("dtstart") == start
    assert feest.decoded("dtend") == start + datetime.timedelta(days=3)  # exclusive end
    assert not any("Zonder datum" in s for s in events)


def test_the_feed_refuses_unknown_tokens_and_users_without_staff_capability(client, kern, outsider):
    url = reverse("kernen:calendar_feed", args=[kern.slug, "verkeerd"])
    assert client.get(url).status_code == 404
    token = calendar_token_for(outsider).token
    url = reverse("kernen:calendar_feed", args=[kern.slug, token])
    assert client.get(url).status_code == 404


def test_the_subscribe_page_shows_a_personal_address_and_resets_it(client_for, colleague, kern):
    client = client_for(colleague)
    old = calendar_token_for(colleague).token
    assert old in client.get(reverse("kernen:calendar_subscribe")).text
    client.post(reverse("kernen:calendar_subscribe"))
    new = calendar_token_for(colleague).token
    assert new != old
    assert client.get(reverse("kernen:calendar_feed", args=[kern.slug, old])).status_code == 404


def _store_unchecked(**fields):
    """A row as an older version or a bulk import could have stored it: no validation."""
    return AgendaItem.objects.bulk_create([AgendaItemFactory.build(**fields)])[0]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(9999, 12, 31), None),
        (datetime.date(9999, 12, 1), datetime.date(9999, 12, 31)),
        (datetime.date(1, 1, 1), datetime.date(1, 1, 1)),
    ],
)
def test_one_item_with_extreme_dates_never_breaks_the_feed(client, kcp, kern, start, end):
    from contacts.tests.factories import ContactMomentFactory

    _store_unchecked(kern=kern, title="Typfout", start_date=start, end_date=end)
    AgendaItemFactory(kern=kern, title="Dorpsfeest", start_date=timezone.localdate())
    ContactMomentFactory(
        kern=kern, happened_at=datetime.datetime(9999, 12, 31, 23, 30, tzinfo=datetime.UTC)
    )
    ContactMomentFactory(kern=kern)
    token = calendar_token_for(kcp).token
    response = client.get(reverse("kernen:calendar_feed", args=[kern.slug, token]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Dorpsfeest (Gemeenschapsagenda)" in summaries
    assert sum("Vergadering dorpsoverleg" in s for s in summaries) >= 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("0001-01-01", "", "Kies een datum tussen 1 januari 2000 en"),
        ("9999-12-31", "", "Kies een datum tussen 1 januari 2000 en"),
        ("2026-05-10", "2026-05-01", "De einddatum ligt voor de begindatum."),
    ],
)
def test_an_agenda_item_with_a_senseless_date_is_refused_with_a_dutch_message(
    client_for, kcp, kern, start, end, message
):
    response = client_for(kcp).post(
        reverse("kernen:agenda_create", args=[kern.slug]),
        {
            "side": AgendaItem.Side.COMMUNITY,
            "title": "Kermis",
            "theme": AgendaItem.Theme.CULTURE,
            "status": AgendaItem.Status.PLANNED,
            "start_date": start,
            "end_date": end,
            "responsible": "Dorpsoverleg",
        },
    )
    assert message in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_the_subscribe_page_offers_a_webcal_link_and_a_copy_button(client_for, colleague, kern):
    token = calendar_token_for(colleague).token
    html = client_for(colleague).get(reverse("kernen:calendar_subscribe")).content.decode()
    path = reverse("kernen:calendar_feed", args=[kern.slug, token])
    assert f'href="webcal://testserver{path}"' in html
    assert f'data-copy-target="feed-{kern.slug}"' in html and f'id="feed-{kern.slug}"' in html
    assert "js/copy.js" in html and "<script>" not in html  # a static file, no inline script


def test_a_busy_month_shows_the_first_items_and_how_many_more(client_for, kcp, kern):
    import re

    from kernen.agenda import CELL_LIMIT

    for n in range(CELL_LIMIT + 3):
        AgendaItemFactory(kern=kern, title=f"Dorpsfeest {n}")
    page = client_for(kcp).get(reverse("kernen:detail", args=[kern.slug])).content.decode()
    assert len(set(re.findall(r"Dorpsfeest \d+", page))) == CELL_LIMIT
    assert "En nog 3 agendapunten." in page


def test_the_feed_holds_a_window_around_today_not_every_year(client, kcp, kern):
    from contacts.tests.factories import ContactMomentFactory

    today = timezone.localdate()
    now = timezone.now()
    inside = {
        "Vorig jaar": today - datetime.timedelta(days=300),
        "Loopt nog": today - datetime.timedelta(days=500),  # began long ago, ends next month
        "Over een jaar": today + datetime.timedelta(days=400),
    }
    for title, start in inside.items():
        end = today + datetime.timedelta(days=30) if title == "Loopt nog" else None
        AgendaItemFactory(kern=kern, title=title, start_date=start, end_date=end)
    AgendaItemFactory(
        kern=kern, title="Lang geleden", start_date=today.replace(year=today.year - 3)
    )
    AgendaItemFactory(
        kern=kern, title="Ver weg", start_date=today + datetime.timedelta(days=3 * 365)
    )
    ContactMomentFactory(kern=kern, happened_at=now - datetime.timedelta(days=30))
    ContactMomentFactory(kern=kern, happened_at=now - datetime.timedelta(days=800))
    ContactMomentFactory(kern=kern, happened_at=now + datetime.timedelta(days=800))
    token = calendar_token_for(kcp).token
    response = client.get(reverse("kernen:calendar_feed", args=[kern.slug, token]))
    summaries = [
        str(e["summary"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert sorted(s.split(" (")[0] for s in summaries if "agenda)" in s) == sorted(inside)
    assert sum("Vergadering dorpsoverleg" in s for s in summaries) == 1
