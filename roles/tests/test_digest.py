import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory
from kernportal.digest import sections
from roles.digest import collect

from .factories import ParticipationReviewFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 4, 1, 8, tzinfo=datetime.UTC)


def test_the_section_is_registered():
    assert "participation_reviews" in [s.key for s in sections()]


def test_it_lists_waiting_reviews_in_the_kernen_of_each_kcp(kern, kcp, other_kern, other_kcp):
    waiting = ParticipationReviewFactory(kern=kern, request__subject="Enquête")
    ParticipationReviewFactory(kern=kern, approved=True)
    ParticipationReviewFactory(kern=kern, postponed=True)  # until 1 June: not yet
    due = ParticipationReviewFactory(
        kern=kern, postponed=True, postponed_to=datetime.date(2026, 3, 1)
    )
    result = collect([kcp, other_kcp], {}, NOW)
    assert [item.url for item in result[kcp.pk]] == [
        waiting.get_absolute_url(),
        due.get_absolute_url(),
    ] or [item.url for item in result[kcp.pk]] == [
        due.get_absolute_url(),
        waiting.get_absolute_url(),
    ]
    assert result[kcp.pk][0].title.endswith("(Egchel)")
    assert other_kcp.pk not in result


def _queries(users):
    with CaptureQueriesContext(connection) as ctx:
        collect(users, {}, timezone.now())
    return len(ctx)


def test_it_runs_the_same_queries_for_1_and_20_users():
    def kcp_with_review():
        kern = KernFactory()
        user = UserFactory(groups=["KCP"])
        KcpAssignmentFactory(kern=kern, user=user)
        ParticipationReviewFactory(kern=kern)
        return user

    one = _queries([kcp_with_review()])
    users = [kcp_with_review() for _ in range(20)]
    assert _queries(users) == one
