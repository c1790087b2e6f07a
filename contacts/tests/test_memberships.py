"""Organisations and memberships edited in the portal, within the KCP's own kernen."""

import datetime

from django.urls import reverse

import pytest

from contacts.models import Membership, Organisation
from kernen.models import CommunityGroup
from kernen.tests.factories import CommunityGroupFactory

from .factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_kcp_cannot_add_a_contact_to_another_kerns_group(client_for, kcp, kern, other_kern):
    person = PersonFactory(kernen=[kern])
    foreign = CommunityGroupFactory(kern=other_kern, kind=CommunityGroup.Kind.DORPSRAAD)
    response = client_for(kcp).post(
        reverse("contacts:membership_create", args=[person.pk]),
        {"group": foreign.pk, "role": "lid", "start_date": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Kies een groep van een van uw eigen kernen." in response.content.decode()
    assert not Membership.objects.exists()


def test_a_kcp_adds_a_contact_to_a_group_of_their_own_kern(client_for, kcp, kern):
    person = PersonFactory(kernen=[kern])
    group = CommunityGroupFactory(kern=kern)
    response = client_for(kcp).post(
        reverse("contacts:membership_create", args=[person.pk]),
        {"group": group.pk, "role": "secretaris", "start_date": "2026-01-01"},
    )
    assert response.status_code == 302
    assert Membership.objects.get().group == group


def test_the_group_choice_lists_only_the_kcps_own_groups(client_for, kcp, kern, other_kern):
    person = PersonFactory(kernen=[kern])
    CommunityGroupFactory(kern=kern, name="Dorpsoverleg Egchel")
    CommunityGroupFactory(kern=other_kern, name="Dorpsraad Beringe")
    html = client_for(kcp).get(reverse("contacts:membership_create", args=[person.pk])).text
    assert "Dorpsoverleg Egchel" in html and "Dorpsraad Beringe" not in html


def test_a_regisseur_may_use_every_group(client_for, regisseur, kern, other_kern):
    person = PersonFactory(kernen=[kern])
    foreign = CommunityGroupFactory(kern=other_kern)
    response = client_for(regisseur).post(
        reverse("contacts:membership_create", args=[person.pk]),
        {"group": foreign.pk, "role": "lid"},
    )
    assert response.status_code == 302


def test_a_kcp_ends_a_membership_of_their_own_kern(client_for, kcp, kern):
    group = CommunityGroupFactory(kern=kern)
    membership = Membership.objects.create(
        person=PersonFactory(kernen=[kern]), group=group, role="voorzitter"
    )
    response = client_for(kcp).post(
        reverse("contacts:membership_edit", args=[membership.pk]),
        {"group": group.pk, "role": "voorzitter", "end_date": "2026-06-30"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert str(membership.end_date) == "2026-06-30"


def test_a_kcp_cannot_edit_a_membership_of_another_kern(client_for, kcp, other_kern):
    membership = Membership.objects.create(
        person=PersonFactory(), group=CommunityGroupFactory(kern=other_kern)
    )
    url = reverse("contacts:membership_edit", args=[membership.pk])
    assert client_for(kcp).get(url).status_code == 403


def test_an_absurd_membership_date_is_refused(client_for, kcp, kern):
    group = CommunityGroupFactory(kern=kern)
    response = client_for(kcp).post(
        reverse("contacts:membership_create", args=[PersonFactory(kernen=[kern]).pk]),
        {"group": group.pk, "start_date": "0001-01-01"},
    )
    assert "Kies een datum tussen 1 januari 2000" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_kcp_edits_an_organisation_in_the_portal(client_for, kcp):
    organisation = OrganisationFactory(name="Stichting Welzijn")
    response = client_for(kcp).post(
        reverse("contacts:organisation_edit", args=[organisation.pk]),
        {"name": "Stichting Welzijn Peel", "kind": Organisation.Kind.WELFARE},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().name == "Stichting Welzijn Peel"


def test_a_kcp_cannot_edit_the_organisation_of_another_kerns_group(client_for, kcp, other_kern):
    organisation = OrganisationFactory(community_group=CommunityGroupFactory(kern=other_kern))
    url = reverse("contacts:organisation_edit", args=[organisation.pk])
    assert client_for(kcp).get(url).status_code == 403


def test_a_colleague_reads_organisations_but_cannot_edit(client_for, colleague):
    organisation = OrganisationFactory(name="Basisschool De Wilg")
    client = client_for(colleague)
    assert "Basisschool De Wilg" in client.get(reverse("contacts:organisation_list")).text
    url = reverse("contacts:organisation_edit", args=[organisation.pk])
    assert client.get(url).status_code == 403


def test_the_kern_page_lists_each_groups_members_with_role_and_since(
    client_for, colleague, kern, constant_queries
):
    raad = CommunityGroupFactory(
        kern=kern, name="Dorpsraad Egchel", kind=CommunityGroup.Kind.DORPSRAAD
    )
    Membership.objects.create(
        person=PersonFactory(name="Mieke Smeets"), group=raad, role="voorzitter",
        start_date=datetime.date(2023, 3, 1),
    )  # fmt: skip
    Membership.objects.create(
        person=PersonFactory(name="Oud Lid"), group=raad, end_date=datetime.date(2020, 1, 1)
    )
    client = client_for(colleague)
    html = client.get(kern.get_absolute_url()).content.decode()
    assert "Mieke Smeets</a> – voorzitter, sinds 1 maart 2023" in html
    assert "Oud Lid" not in html

    def more_members():
        for n in range(10):
            group = CommunityGroupFactory(kern=kern)
            Membership.objects.create(person=PersonFactory(), group=group, role=f"lid {n}")

    constant_queries(lambda: client.get(kern.get_absolute_url()), more_members)


def test_the_person_page_offers_to_change_only_memberships_of_own_kernen(
    client_for, kcp, kern, other_kern
):
    person = PersonFactory(kernen=[kern])
    mine = Membership.objects.create(person=person, group=CommunityGroupFactory(kern=kern))
    theirs = Membership.objects.create(person=person, group=CommunityGroupFactory(kern=other_kern))
    html = client_for(kcp).get(person.get_absolute_url()).content.decode()
    assert reverse("contacts:membership_edit", args=[mine.pk]) in html
    assert reverse("contacts:membership_edit", args=[theirs.pk]) not in html
