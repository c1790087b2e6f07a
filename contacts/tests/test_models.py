import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from contacts.models import FollowUp, Membership, Person, Question, QuestionEvent
from kernen.tests.factories import CommunityGroupFactory
from kernportal.tokens import hash_token

from .factories import (
    FollowUpFactory,
    PersonFactory,
    QuestionEventFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def test_consent_as_basis_needs_the_date_of_consent(kern):
    person = Person(name="Piet", basis=Person.Basis.CONSENT)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["consent_date"] == ["Vul de datum van de toestemming in."]


def test_the_database_refuses_consent_without_a_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Piet", basis=Person.Basis.CONSENT)


def test_a_public_task_needs_no_consent_date():
    PersonFactory.build(basis=Person.Basis.PUBLIC_TASK).full_clean(exclude=["kernen"])


def test_a_membership_cannot_end_before_it_starts():
    membership = Membership(
        person=PersonFactory(),
        group=CommunityGroupFactory(),
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2024, 1, 1),
    )
    with pytest.raises(ValidationError, match="De einddatum ligt voor de begindatum"):
        membership.full_clean()


def test_a_membership_is_current_within_its_period():
    membership = Membership(start_date=datetime.date(2024, 1, 1), end_date=None)
    assert membership.is_current(datetime.date(2025, 6, 1))
    assert not membership.is_current(datetime.date(2023, 6, 1))


def test_open_followups_come_overdue_first():
    late = FollowUpFactory(overdue=True)
    soon = FollowUpFactory()
    FollowUpFactory(done=True)
    assert list(FollowUp.objects.open().overdue_first()) == [late, soon]
    assert list(FollowUp.objects.overdue()) == [late]
    assert late.is_overdue() and not soon.is_overdue()


def test_a_followup_marked_done_needs_a_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpFactory(is_done=True, done_at=None)


def test_question_history_is_append_only():
    event = QuestionEventFactory()
    event.note = "gewijzigd"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


def test_question_tokens_are_unique_hashes():
    question = QuestionFactory(token_hash=hash_token("abc"))
    assert len(question.token_hash) == 64 and "abc" not in question.token_hash
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(token_hash=hash_token("abc"))


def test_open_questions_exclude_answered_and_closed():
    new = QuestionFactory()
    routed = QuestionFactory(routed=True)
    QuestionFactory(answered=True)
    QuestionFactory(status=Question.Status.CLOSED)
    assert set(Question.objects.open()) == {new, routed}


def test_response_time_is_first_response_minus_received():
    question = QuestionFactory(answered=True)
    assert question.response_time() == question.first_response_at - question.received_at
    assert QuestionFactory().response_time() is None


def test_events_keep_their_order():
    question = QuestionFactory()
    first = QuestionEventFactory(question=question)
    second = QuestionEventFactory(question=question, kind=QuestionEvent.Kind.ROUTED)
    assert list(question.events.all()) == [first, second]
