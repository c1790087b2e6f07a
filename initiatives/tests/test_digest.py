import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from initiatives import digest
from initiatives.models import Status
from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory
from kernportal.digest import sections

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=datetime.UTC)


def days_ago(n):
    return NOW - datetime.timedelta(days=n)


def test_both_sections_are_registered():
    keys = {s.key for s in sections()}
    assert {"initiatives_waiting", "initiatives_idle"} <= keys


def test_waiting_lists_new_initiatives_of_my_kernen_and_those_assigned_to_me(kern, kcp, other_kern):
    # 20 days, but Ascension Day and Whit Monday fall in between: just past 10 working days.
    mine = InitiativeFactory(title="In mijn kern", kernen=[kern], created_at=days_ago(20))
    assigned = InitiativeFactory(
        title="Aan mij", kernen=[other_kern], contact_official=kcp, created_at=days_ago(1)
    )
    InitiativeFactory(title="Al opgepakt", kernen=[kern], status=Status.FIRST_CONVERSATION)
    InitiativeFactory(title="Elders", kernen=[other_kern])
    items = digest.waiting([kcp], {}, NOW)[kcp.pk]
    assert [i.title for i in items] == [mine.title, assigned.title]
    assert items[0].detail == "wacht al 20 dagen op een eerste reactie"
    assert items[0].overdue and not items[1].overdue


def test_idle_lists_guided_open_initiatives_without_recent_activity(kcp, settings):
    settings.KERNPORTAL_IDLE_INITIATIVE_DAYS = 30
    idle = InitiativeFactory(
        title="Stil", contact_official=kcp, status=Status.PLAN, last_activity_at=days_ago(31)
    )
    InitiativeFactory(contact_official=kcp, status=Status.PLAN, last_activity_at=days_ago(29))
    InitiativeFactory(contact_official=kcp, status=Status.COMPLETED, last_activity_at=days_ago(90))
    items = digest.idle([kcp], {}, NOW)[kcp.pk]
    assert [i.title for i in items] == [idle.title]
    assert "31 dagen geen activiteit" in items[0].detail
    settings.KERNPORTAL_IDLE_INITIATIVE_DAYS = 60
    assert digest.idle([kcp], {}, NOW) == {}


@pytest.mark.parametrize("collect", [digest.waiting, digest.idle])
def test_sections_run_the_same_queries_for_1_and_20_users(collect):
    users = []
    for _ in range(20):
        user = UserFactory(groups=["KCP"])
        kern = KernFactory()
        KcpAssignmentFactory(kern=kern, user=user)
        for status in (Status.RECEIVED, Status.PLAN):
            InitiativeFactory(
                kernen=[kern], contact_official=user, status=status, last_activity_at=days_ago(40)
            )
        users.append(user)
    counts = []
    for group in (users[:1], users):
        with CaptureQueriesContext(connection) as queries:
            result = collect(group, {}, NOW)
        counts.append(len(queries))
        assert len(result) == len(group)
    assert counts[0] == counts[1]
