"""Contact moments on the agenda: linking them to agenda items (the agenda item panel) and
their place in the kern's iCalendar feed (a feed source)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from kernen.services import calendar_token_for
from kernen.tests.factories import AgendaItemFactory

from .factories import ContactMomentFactory

pytestmark = pytest.mark.django_db


def test_a_kcp_links_an_agenda_item_to_contact_moments_of_the_kern(client_for, kcp, kern):
    item = AgendaItemFactory(kern=kern)
    moment = ContactMomentFactory(kern=kern)
    client = client_for(kcp)
    page = client.get(reverse("kernen:agenda_edit", args=[kern.slug, item.pk])).text
    assert "Besproken in contactmomenten" in page and "Koppelingen opslaan" in page
    url = reverse("contacts:agendaitem_moments", args=[kern.slug, item.pk])
    response = client.post(url, {"contact_moments": [moment.pk]})
    assert response.status_code == 302
    assert list(item.contact_moments.all()) == [moment]
    page = client.get(reverse("kernen:agenda_edit", args=[kern.slug, item.pk])).text
    assert moment.get_absolute_url() in page


def test_a_moment_of_another_kern_cannot_be_linked(client_for, kcp, kern, other_kern):
    item = AgendaItemFactory(kern=kern)
    stranger = ContactMomentFactory(kern=other_kern)
    url = reverse("contacts:agendaitem_moments", args=[kern.slug, item.pk])
    client_for(kcp).post(url, {"contact_moments": [stranger.pk]})
    assert not item.contact_moments.exists()


def test_a_kcp_of_another_kern_cannot_link(client_for, other_kcp, kern):
    item = AgendaItemFactory(kern=kern)
    moment = ContactMomentFactory(kern=kern)
    url = reverse("contacts:agendaitem_moments", args=[kern.slug, item.pk])
    assert client_for(other_kcp).post(url, {"contact_moments": [moment.pk]}).status_code == 403
    assert not item.contact_moments.exists()


def test_the_feed_holds_the_kerns_contact_moments(client, kcp, kern):
    AgendaItemFactory(kern=kern, title="Dorpsfeest", start_date=timezone.localdate())
    moment = ContactMomentFactory(kern=kern)
    token = calendar_token_for(kcp).token
    response = client.get(reverse("kernen:calendar_feed", args=[kern.slug, token]))
    events = {
        str(e["summary"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert "Dorpsfeest (Gemeenschapsagenda)" in events
    meeting = events["Vergadering dorpsoverleg – Egchel"]
    assert str(meeting["url"]).endswith(moment.get_absolute_url())


def test_the_agenda_item_offers_the_latest_moments_and_the_linked_ones_but_accepts_any(
    client_for, kcp, kern, monkeypatch
):
    monkeypatch.setattr("kernportal.forms.CHOICES_SHOWN", 2)
    item = AgendaItemFactory(kern=kern)
    now = timezone.now()
    old, older, recent, latest = (
        ContactMomentFactory(kern=kern, happened_at=now - datetime.timedelta(days=days))
        for days in (300, 400, 2, 1)
    )
    item.contact_moments.add(older)
    client = client_for(kcp)
    page = client.get(reverse("kernen:agenda_edit", args=[kern.slug, item.pk])).text
    offered = re.findall(r'name="contact_moments" value="(\d+)"', page)
    assert offered == [str(m.pk) for m in (latest, recent, older)]
    url = reverse("contacts:agendaitem_moments", args=[kern.slug, item.pk])
    assert client.post(url, {"contact_moments": [old.pk]}).status_code == 302
    assert list(item.contact_moments.all()) == [old]
