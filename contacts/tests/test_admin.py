"""contacts' admin pages stay bounded: no select of every person, colleague or contact moment,
and lists read their related rows in the same query."""

from django.urls import reverse

import pytest

from kernen.tests.factories import CommunityGroupFactory

from .factories import (
    ContactMomentFactory,
    FollowUpFactory,
    OrganisationFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_contact_moment_in_admin_offers_no_select_of_every_person(admin_client, kern):
    moment = ContactMomentFactory(kern=kern)
    FollowUpFactory(contact_moment=moment)
    PersonFactory.create_batch(5, name="Onbekende Buurtbewoner")
    url = reverse("admin:contacts_contactmoment_change", args=[moment.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Onbekende Buurtbewoner" not in response.text


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("admin:contacts_contactmoment_changelist", lambda kern: ContactMomentFactory(kern=kern)),
        ("admin:contacts_question_changelist", lambda kern: QuestionFactory(kern=kern)),
        ("admin:contacts_person_changelist", lambda kern: PersonFactory(kernen=[kern])),
        (
            "admin:contacts_organisation_changelist",
            lambda kern: OrganisationFactory(community_group=CommunityGroupFactory(kern=kern)),
        ),
    ],
)
def test_the_admin_lists_run_the_same_queries_for_more_rows(
    admin_client, kern, constant_queries, url, make
):
    make(kern)
    constant_queries(lambda: admin_client.get(reverse(url)), lambda: [make(kern) for _ in range(5)])
