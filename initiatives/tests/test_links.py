"""Linking an initiative to contact moments and agenda items of its own kernen."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from contacts.tests.factories import ContactMomentFactory
from initiatives import services
from kernen.tests.factories import AgendaItemFactory

pytestmark = pytest.mark.django_db


def test_it_links_moments_and_agenda_items_of_the_initiatives_kernen(initiative, kern):
    moment = ContactMomentFactory(kern=kern)
    item = AgendaItemFactory(kern=kern)
    services.initiative_link(initiative=initiative, contact_moments=[moment], agenda_items=[item])
    assert list(initiative.contact_moments.all()) == [moment]
    assert list(item.initiatives.all()) == [initiative]


def test_it_refuses_a_moment_from_another_kern_and_changes_nothing(initiative, kern, other_kern):
    mine = ContactMomentFactory(kern=kern)
    services.initiative_link(initiative=initiative, contact_moments=[mine], agenda_items=[])
    with pytest.raises(ValidationError, match="uit de kernen van dit initiatief"):
        services.initiative_link(
            initiative=initiative,
            contact_moments=[ContactMomentFactory(kern=other_kern)],
            agenda_items=[],
        )
    assert list(initiative.contact_moments.all()) == [mine]


def test_the_kcp_links_from_the_initiative_page(client_for, kcp, initiative, kern):
    moment = ContactMomentFactory(kern=kern, summary="Gesprek over de moestuin")
    url = reverse("initiatives:links", args=[initiative.pk])
    client = client_for(kcp)
    assert client.get(url).status_code == 200
    response = client.post(url, {"contact_moments": [moment.pk]})
    assert response.status_code == 302
    detail = client.get(reverse("initiatives:detail", args=[initiative.pk])).text
    assert moment.get_absolute_url() in detail


def test_the_form_offers_only_the_initiatives_kernen(client_for, kcp, initiative, kern, other_kern):
    ContactMomentFactory(kern=kern)
    stranger = ContactMomentFactory(kern=other_kern)
    response = client_for(kcp).post(
        reverse("initiatives:links", args=[initiative.pk]), {"contact_moments": [stranger.pk]}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    assert not initiative.contact_moments.exists()


def test_a_colleague_cannot_change_links(client_for, colleague, initiative):
    response = client_for(colleague).post(reverse("initiatives:links", args=[initiative.pk]), {})
    assert response.status_code in (403, 404)


def test_anonymous_is_sent_to_login(client, initiative):
    response = client.get(reverse("initiatives:links", args=[initiative.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_link_form_offers_the_latest_moments_and_the_linked_ones_but_accepts_any(
    client_for, kcp, initiative, kern, monkeypatch
):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr("kernportal.forms.CHOICES_SHOWN", 2)
    now = timezone.now()
    old, older, recent, latest = (
        ContactMomentFactory(kern=kern, happened_at=now - datetime.timedelta(days=days))
        for days in (300, 400, 2, 1)
    )
    services.initiative_link(initiative=initiative, contact_moments=[older], agenda_items=[])
    url = reverse("initiatives:links", args=[initiative.pk])
    client = client_for(kcp)
    choices = client.get(url).context["form"].fields["contact_moments"].widget.choices
    assert [pk for pk, _label in choices] == [latest.pk, recent.pk, older.pk]
    assert client.post(url, {"contact_moments": [old.pk, latest.pk]}).status_code == 302
    assert set(initiative.contact_moments.all()) == {old, latest}
