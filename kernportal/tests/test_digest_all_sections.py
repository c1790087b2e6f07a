"""Every app's real digest sections together: the query count does not grow with recipients."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from contacts.models import QuestionEscalation
from contacts.tests.factories import ContactMomentFactory, FollowUpFactory, QuestionFactory
from initiatives.models import Status
from initiatives.tests.factories import InitiativeFactory
from kernen.tests.factories import KcpAssignmentFactory
from kernportal.delivery import digests_build_for
from kernportal.digest import sections
from roles.tests.factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db


def kcp_with_work():
    """A KCP whose kern has something for every section."""
    assignment = KcpAssignmentFactory()
    kern, user = assignment.kern, assignment.user
    now = timezone.now()
    FollowUpFactory(contact_moment__kern=kern, owner=user, overdue=True)
    QuestionFactory(kern=kern, assigned_to=user)
    QuestionFactory(kern=kern, status="routed", routed_to=user)
    ContactMomentFactory(kern=kern, happened_at=now + dt.timedelta(days=2))
    InitiativeFactory(kernen=[kern], contact_official=user)
    InitiativeFactory(
        kernen=[kern],
        contact_official=user,
        status=Status.PLAN,
        last_activity_at=now - dt.timedelta(days=90),
    )
    ParticipationRequestFactory(kernen=[kern])
    user.user_permissions.add(
        Permission.objects.get(codename="receive_question_escalations")
    )  # also a gebiedsregisseur: gets the late questions of all kernen
    return user


def build(user_ids):
    with CaptureQueriesContext(connection) as queries:
        digests = digests_build_for(user_ids, timezone.now())
    return digests, len(queries.captured_queries)


def test_all_sections_run_the_same_queries_for_1_and_100_recipients():
    first = kcp_with_work()
    QuestionEscalation.objects.create(
        question=QuestionFactory(), level=QuestionEscalation.Level.AREA_DIRECTOR
    )
    one, queries_for_one = build([first.pk])
    keys = {s.key for s, _ in one[first.pk].sections}
    assert keys == {s.key for s in sections()}, "every section has something for this KCP"

    others = [kcp_with_work().pk for _ in range(99)]
    hundred, queries_for_hundred = build([first.pk, *others])
    assert len(hundred) == 100
    assert all(d.item_count == one[first.pk].item_count for d in hundred.values())
    assert queries_for_hundred == queries_for_one, (queries_for_one, queries_for_hundred)
    print(
        f"digest build: {queries_for_one} queries for 1 and for 100 recipients, {len(keys)} sections"
    )
