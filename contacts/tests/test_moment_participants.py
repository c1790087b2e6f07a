"""The contact-moment form offers a bounded, relevant few people and colleagues, finds others
through a scoped JSON search, and still accepts any valid one by id (issue 10)."""

import re

from django.urls import reverse

import pytest

from contacts.models import ContactMoment
from contacts.participants import PERSONS_SHOWN, SEARCH_RESULTS, STAFF_SHOWN
from kernen.tests.factories import UserFactory

from .factories import ContactMomentFactory, FollowUpFactory, PersonFactory
from .test_views import moment_post

pytestmark = pytest.mark.django_db


def _checkbox_values(html, name):
    return set(re.findall(rf'name="{name}" value="(\d+)"', html))


def _owner_options(html):
    select = re.search(r'<select name="acties-0-owner".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


@pytest.fixture
def grown(kern, other_kern, kcp):
    """A kern with more contacts and the portal with more colleagues than the form shows."""
    persons = PersonFactory.create_batch(PERSONS_SHOWN + 30, kernen=[kern])
    colleagues = UserFactory.create_batch(STAFF_SHOWN + 20, groups=["medewerker"])
    recent = ContactMomentFactory(kern=kern, created_by=kcp)
    recent.persons.set(persons[:3])
    recent.staff.set(colleagues[:2])
    FollowUpFactory(contact_moment=recent, owner=colleagues[2])
    return {"persons": persons, "colleagues": colleagues, "recent": recent}


def test_the_form_offers_a_bounded_number_of_people_and_colleagues(client_for, kcp, kern, grown):
    html = client_for(kcp).get(reverse("contacts:moment_create", args=[kern.slug])).text
    persons = _checkbox_values(html, "persons")
    staff = _checkbox_values(html, "staff")
    assert len(persons) == PERSONS_SHOWN
    assert len(staff) <= STAFF_SHOWN
    assert len(_owner_options(html)) <= STAFF_SHOWN
    # The most relevant ones are among them: last seen here, the KCP and recent colleagues.
    assert {str(p.pk) for p in grown["persons"][:3]} <= persons
    expected = {str(kcp.pk), *(str(u.pk) for u in grown["colleagues"][:3])}
    assert expected <= staff
    assert expected <= set(_owner_options(html))
    assert (
        'data-participant-search data-url="/portaal/kernen/egchel/contactmoment/personen/"' in html
    )


def test_a_person_of_the_kern_not_offered_is_accepted_by_id(client_for, kcp, kern, grown):
    client = client_for(kcp)
    url = reverse("contacts:moment_create", args=[kern.slug])
    offered = _checkbox_values(client.get(url).text, "persons")
    person = next(p for p in grown["persons"] if str(p.pk) not in offered)
    colleague = next(u for u in grown["colleagues"] if str(u.pk) not in offered)
    data = moment_post(kcp, persons=[person.pk], staff=[kcp.pk, colleague.pk])
    data["acties-0-owner"] = str(colleague.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.text
    moment = ContactMoment.objects.latest("pk")
    assert list(moment.persons.all()) == [person]
    assert set(moment.staff.all()) == {kcp, colleague}
    assert moment.followups.get().owner == colleague


def test_a_re_rendered_invalid_form_keeps_the_chosen_person_offered_and_ticked(
    client_for, kcp, kern, grown
):
    client = client_for(kcp)
    url = reverse("contacts:moment_create", args=[kern.slug])
    offered = _checkbox_values(client.get(url).text, "persons")
    person = next(p for p in grown["persons"] if str(p.pk) not in offered)
    response = client.post(url, moment_post(kcp, persons=[person.pk], summary=""))
    assert response.status_code == 200
    assert re.search(rf'name="persons" value="{person.pk}"[^>]*checked', response.text)


def test_a_person_of_another_kern_is_refused_with_a_clear_message(
    client_for, kcp, kern, other_kern
):
    stranger = PersonFactory(name="Vreemde Eend", kernen=[other_kern])
    response = client_for(kcp).post(
        reverse("contacts:moment_create", args=[kern.slug]),
        moment_post(kcp, persons=[stranger.pk]),
    )
    assert response.status_code == 200
    assert (
        f"Kies alleen actieve contactpersonen van deze kern; {stranger.pk} hoort daar niet bij."
        in response.text
    )
    assert not ContactMoment.objects.exists()


def test_an_inactive_user_is_refused_as_colleague_and_owner(client_for, kcp, kern):
    gone = UserFactory(groups=["medewerker"], is_active=False)
    data = moment_post(kcp, staff=[gone.pk])
    data["acties-0-owner"] = str(gone.pk)
    response = client_for(kcp).post(reverse("contacts:moment_create", args=[kern.slug]), data)
    assert "Kies alleen actieve medewerkers" in response.text
    assert "Kies een actieve medewerker." in response.text
    assert not ContactMoment.objects.exists()


def test_the_correction_form_offers_everyone_already_on_the_moment(client_for, kcp, kern, grown):
    moment = ContactMomentFactory(kern=kern, created_by=kcp)
    old = PersonFactory(kernen=[kern], is_active=False)
    far = grown["colleagues"][-1]
    moment.persons.set([old, grown["persons"][-1]])
    moment.staff.set([far])
    FollowUpFactory(contact_moment=moment, owner=far)
    html = client_for(kcp).get(reverse("contacts:moment_edit", args=[moment.pk])).text
    assert {str(old.pk), str(grown["persons"][-1].pk)} <= _checkbox_values(html, "persons")
    assert str(far.pk) in _checkbox_values(html, "staff")
    assert str(far.pk) in _owner_options(html)


# --- the JSON search ---------------------------------------------------------------------------


def test_the_person_search_finds_only_active_people_of_this_kern_and_at_most_twenty(
    client_for, kcp, kern, other_kern
):
    PersonFactory.create_batch(SEARCH_RESULTS + 5, name="Jansen", kernen=[kern])
    PersonFactory(name="Jansen Elders", kernen=[other_kern])
    PersonFactory(name="Jansen Gestopt", kernen=[kern], is_active=False)
    url = reverse("contacts:moment_person_search", args=[kern.slug])
    data = client_for(kcp).get(url, {"q": "jans"}).json()
    assert len(data["results"]) == SEARCH_RESULTS == data["limit"]
    assert {r["name"] for r in data["results"]} == {"Jansen"}
    assert client_for(kcp).get(url, {"q": "elders"}).json()["results"] == []
    assert client_for(kcp).get(url, {"q": "j"}).json()["results"] == []  # too short


def test_the_staff_search_finds_active_colleagues_by_name(client_for, kcp, kern):
    UserFactory(first_name="Mirjam", last_name="Hoekstra", groups=["medewerker"])
    UserFactory(first_name="Mirjam", last_name="Weg", groups=["medewerker"], is_active=False)
    url = reverse("contacts:moment_staff_search", args=[kern.slug])
    data = client_for(kcp).get(url, {"q": "mirjam hoek"}).json()
    assert [r["name"] for r in data["results"]] == ["Mirjam Hoekstra"]
    assert client_for(kcp).get(url, {"q": "weg"}).json()["results"] == []


@pytest.mark.parametrize("name", ["moment_person_search", "moment_staff_search"])
def test_the_searches_are_forbidden_outside_the_kern(client_for, kern, other_kcp, colleague, name):
    PersonFactory(name="Jansen", kernen=[kern])
    url = reverse(f"contacts:{name}", args=[kern.slug])
    for user in (other_kcp, colleague):
        response = client_for(user).get(url, {"q": "jans"})
        assert response.status_code == 403
        assert b"Jansen" not in response.content


def test_the_searches_are_get_only(client_for, kcp, kern):
    url = reverse("contacts:moment_person_search", args=[kern.slug])
    assert client_for(kcp).post(url, {"q": "jans"}).status_code == 405


def test_a_quiet_kern_offers_its_group_members_before_the_others(client_for, kcp, kern):
    from contacts.models import Membership
    from kernen.tests.factories import CommunityGroupFactory

    PersonFactory.create_batch(PERSONS_SHOWN + 5, name="Aalders", kernen=[kern])
    member = PersonFactory(name="Zwart", kernen=[kern])
    former = PersonFactory(name="Zwier", kernen=[kern])
    group = CommunityGroupFactory(kern=kern)
    Membership.objects.create(person=member, group=group)
    Membership.objects.create(person=former, group=group, end_date="2020-01-01")
    html = client_for(kcp).get(reverse("contacts:moment_create", args=[kern.slug])).text
    offered = _checkbox_values(html, "persons")
    assert str(member.pk) in offered and str(former.pk) not in offered
    assert len(offered) == PERSONS_SHOWN


def test_without_javascript_the_search_button_offers_who_it_found_and_keeps_what_was_typed(
    client_for, kcp, kern, grown
):
    client = client_for(kcp)
    url = reverse("contacts:moment_create", args=[kern.slug])
    html = client.get(url).text
    offered = _checkbox_values(html, "persons")
    staff_offered = _checkbox_values(html, "staff")
    person = next(p for p in grown["persons"] if str(p.pk) not in offered)
    colleague = next(u for u in grown["colleagues"] if str(u.pk) not in staff_offered)
    data = moment_post(kcp, summary="Nog niet klaar met typen.")
    data.update(zoek="personen", zoek_personen=person.name, zoek_medewerkers=colleague.last_name)
    response = client.post(url, data)
    assert response.status_code == 200
    assert ContactMoment.objects.count() == 1  # the fixture's: a search stores nothing
    html = response.text
    assert str(person.pk) in _checkbox_values(html, "persons")
    assert not re.search(rf'name="persons" value="{person.pk}"[^>]*checked', html)
    assert str(colleague.pk) in _checkbox_values(html, "staff")
    assert str(colleague.pk) in _owner_options(html)
    assert "Nog niet klaar met typen." in html
    assert f'value="{person.name}"' in html
    assert "gevonden en hierboven bijgezet: vink aan wie erbij was." in html
    assert "is verplicht" not in html and "alert-danger" not in html

    data.update(persons=[person.pk], staff=[kcp.pk, colleague.pk])
    del data["zoek"]
    assert client.post(url, data).status_code == 302
    moment = ContactMoment.objects.latest("pk")
    assert moment != grown["recent"]
    assert list(moment.persons.all()) == [person]


def test_without_javascript_a_short_or_fruitless_search_says_so(client_for, kcp, kern):
    url = reverse("contacts:moment_create", args=[kern.slug])
    data = moment_post(kcp, zoek="personen", zoek_personen="x", zoek_medewerkers="Niemandsland")
    html = client_for(kcp).post(url, data).text
    assert "Typ minstens 2 letters." in html
    assert "Niemand gevonden." in html
    assert not ContactMoment.objects.exists()
