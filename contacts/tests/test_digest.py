import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from contacts import digest
from kernen.tests.factories import AgendaItemFactory, KcpAssignmentFactory, KernFactory
from kernportal.digest import sections

from .factories import ContactMomentFactory, FollowUpFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def test_contacts_registers_its_four_sections():
    keys = [s.key for s in sections()]
    for key in ("followups", "questions_waiting", "questions_routed", "meetings"):
        assert key in keys


def test_followups_due_within_a_week_and_overdue_ones_overdue_first(kern, kcp):
    late = FollowUpFactory(contact_moment__kern=kern, owner=kcp, overdue=True, description="Laat")
    FollowUpFactory(contact_moment__kern=kern, owner=kcp, description="Binnenkort")
    FollowUpFactory(
        contact_moment__kern=kern,
        owner=kcp,
        description="Ver weg",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    FollowUpFactory(contact_moment__kern=kern, owner=kcp, done=True)
    items = digest.followups([kcp], {}, NOW)[kcp.pk]
    assert [i.title for i in items] == ["Laat", "Binnenkort"]
    assert items[0].overdue and items[0].when == late.due_date


def test_waiting_questions_reach_the_kcp_of_the_kern_with_how_long_they_waited(kern, kcp):
    question = QuestionFactory(kern=kern, received_at=NOW - datetime.timedelta(days=3))
    QuestionFactory(kern=kern, routed=True, first_response_at=NOW)  # the asker heard from us
    items = digest.questions_waiting([kcp], {}, NOW)[kcp.pk]
    assert len(items) == 1
    assert items[0].when == question.received_at and "3 dagen" in items[0].detail


def test_routed_questions_reach_the_colleague(kern, colleague):
    QuestionFactory(kern=kern, status="routed", routed_to=colleague)
    QuestionFactory(kern=kern, answered=True, routed_to=colleague)
    assert len(digest.questions_routed([colleague], {}, NOW)[colleague.pk]) == 1


def test_meetings_in_the_next_two_weeks_of_my_kernen(kern, kcp, other_kern):
    ContactMomentFactory(kern=kern, happened_at=NOW + datetime.timedelta(days=3))
    ContactMomentFactory(kern=kern, happened_at=NOW + datetime.timedelta(days=20))
    ContactMomentFactory(kern=other_kern, happened_at=NOW + datetime.timedelta(days=3))
    AgendaItemFactory(kern=kern, start_date=timezone.localdate(NOW) + datetime.timedelta(days=5))
    items = digest.meetings([kcp], {}, NOW)[kcp.pk]
    assert len(items) == 2
    assert items[0].when < NOW + datetime.timedelta(days=4)


def _queries(users):
    with CaptureQueriesContext(connection) as context:
        for section in sections():
            if section.key in {"followups", "questions_waiting", "questions_routed", "meetings"}:
                section.collect(users, {}, NOW)
    return len(context.captured_queries)


def _user_with_work(n):
    kern = KernFactory()
    user = KcpAssignmentFactory(kern=kern).user
    FollowUpFactory(contact_moment__kern=kern, owner=user)
    QuestionFactory(kern=kern)
    QuestionFactory(kern=kern, status="routed", routed_to=user)
    ContactMomentFactory(kern=kern, happened_at=NOW + datetime.timedelta(days=2))
    AgendaItemFactory(kern=kern)
    return user


def test_the_sections_run_the_same_queries_for_1_and_for_20_users():
    users = [_user_with_work(n) for n in range(20)]
    assert _queries(users[:1]) == _queries(users)
    assert all(digest.meetings(users, {}, NOW).get(u.pk) for u in users)


def test_a_waiting_question_is_overdue_only_after_its_working_day_deadline(kern, kcp, settings):
    settings.KERNPORTAL_RESPONSE_DEADLINES = {"question": 5, "initiative": 10}
    thursday = datetime.datetime(2026, 4, 23, 10, 0, tzinfo=datetime.UTC)
    QuestionFactory(kern=kern, received_at=thursday)
    # Six calendar days later, but a weekend and Koningsdag lie between: not yet overdue.
    on_wednesday = thursday + datetime.timedelta(days=6)
    assert not digest.questions_waiting([kcp], {}, on_wednesday)[kcp.pk][0].overdue
    after_deadline = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
    assert digest.questions_waiting([kcp], {}, after_deadline)[kcp.pk][0].overdue
