import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
import time_machine

from contacts import services
from contacts.models import ContactMoment, FollowUp, Question, QuestionEvent
from kernen.tests.factories import KcpAssignmentFactory
from kernportal.tokens import hash_token

from .factories import SOON, FollowUpFactory, QuestionFactory

pytestmark = pytest.mark.django_db

MOMENT = {
    "happened_at": datetime.datetime(2025, 3, 4, 20, 0, tzinfo=datetime.UTC),
    "kind": ContactMoment.Kind.DORPSOVERLEG,
    "summary": "Dorpsplan besproken.",
    "agreements": "KCP vraagt een verkeerstelling aan.",
}


def test_logging_a_moment_stores_participants_and_followups(kern, kcp, colleague):
    moment = services.contactmoment_log(
        kern=kern,
        author=kcp,
        fields=MOMENT,
        staff=[kcp],
        followups=[
            {
                "description": "Telling aanvragen",
                "owner": colleague,
                "due_date": SOON,
            }
        ],
    )
    assert list(moment.staff.all()) == [kcp]
    assert moment.followups.get().owner == colleague


def test_a_bad_followup_stores_nothing_at_all(kern, kcp):
    with pytest.raises(ValidationError):
        services.contactmoment_log(
            kern=kern,
            author=kcp,
            fields=MOMENT,
            followups=[{"description": "", "owner": kcp, "due_date": SOON}],
        )
    assert not ContactMoment.objects.exists()
    assert not FollowUp.objects.exists()


def test_ticking_off_keeps_the_first_done_time():
    followup = FollowUpFactory()
    first = services.followup_complete(followup=followup)
    again = services.followup_complete(
        followup=followup, now=first.done_at + datetime.timedelta(days=1)
    )
    assert again.is_done and again.done_at == first.done_at


def test_a_question_reaches_the_kcp_and_mails_the_asker_a_private_link(
    kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question, token = services.question_submit(
            consent_version="v1",
            kern=kern,
            name="Jan",
            email="jan@example.org",
            text="Wie gaat over de speeltuin?",
        )
    assert question.assigned_to == kcp
    assert question.token_hash == hash_token(token) and token not in question.token_hash
    assert [e.kind for e in question.events.all()] == [QuestionEvent.Kind.RECEIVED]
    to_asker = next(m for m in mail.outbox if m.to == ["jan@example.org"])
    assert f"/vraag/{token}/" in to_asker.body
    assert any(m.to == [kcp.email] for m in mail.outbox)


def test_a_question_without_consent_stores_nothing_and_sends_nothing(
    kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.question_submit(
            consent_version="", kern=kern, name="Jan", email="j@example.org", text="?"
        )
    assert "privacy_consent" in error.value.message_dict
    assert not Question.objects.exists() and not mail.outbox


def test_a_question_goes_to_the_backup_when_the_primary_is_absent(kern, kcp):
    backup = KcpAssignmentFactory(kern=kern, backup=True).user
    kcp.profile.absent_from = timezone.localdate() - datetime.timedelta(days=1)
    kcp.profile.save()
    question, _ = services.question_submit(
        consent_version="v1", kern=kern, name="Jan", email="j@example.org", text="?"
    )
    assert question.assigned_to == backup


def test_a_question_without_any_kcp_is_kept_unassigned(kern):
    question, _ = services.question_submit(
        consent_version="v1", kern=kern, name="Jan", email="j@example.org", text="?"
    )
    assert question.assigned_to is None


def test_routing_records_the_step_and_notifies_the_colleague(
    kern, kcp, colleague, django_capture_on_commit_callbacks
):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    later = question.received_at + datetime.timedelta(hours=3)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.question_route(question=question, actor=kcp, to_user=colleague, note="Wegen")
    question.refresh_from_db()
    assert question.status == Question.Status.ROUTED and question.routed_to == colleague
    assert question.first_response_at is None  # the asker has heard nothing yet
    event = question.events.get()
    assert (event.kind, event.actor, event.to_user, event.note) == (
        "routed",
        kcp,
        colleague,
        "Wegen",
    )
    assert mail.outbox[0].to == [colleague.email] and "Wegen" in mail.outbox[0].body


def test_routing_to_the_same_colleague_twice_is_refused(kern, kcp, colleague):
    question = QuestionFactory(kern=kern)
    services.question_route(question=question, actor=kcp, to_user=colleague)
    with pytest.raises(ValidationError, match="ligt al bij deze collega"):
        services.question_route(question=question, actor=kcp, to_user=colleague)
    assert question.events.count() == 1


def test_a_colleagues_answer_mails_the_resident_starts_the_response_time_and_tells_the_kcp(
    kern, kcp, colleague, django_capture_on_commit_callbacks
):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    services.question_route(question=question, actor=kcp, to_user=colleague)
    later = question.received_at + datetime.timedelta(days=2)
    with (
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.question_answer(
            question=question, actor=colleague, answer="Maandag is hij gemaaid."
        )
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.first_response_at - question.received_at == datetime.timedelta(days=2)
    assert [e.kind for e in question.events.all()] == ["routed", "answered"]
    resident, kcp_notice = mail.outbox[-2:]
    assert resident.to == ["jan@example.org"] and "Maandag is hij gemaaid." in resident.body
    assert kcp_notice.to == [kcp.email] and "beantwoord" in kcp_notice.subject


def test_an_internal_answer_notifies_the_asking_colleague(
    kern, kcp, colleague, django_capture_on_commit_callbacks
):
    question = services.question_ask_internal(kern=kern, asker=colleague, text="Welke rol?")
    assert question.kind == Question.Kind.INTERNAL and question.assigned_to == kcp
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(question=question, actor=kcp, answer="Communicatief.")
    assert mail.outbox[-1].to == [colleague.email]


def test_a_closed_question_cannot_be_answered_routed_or_closed_again(kern, kcp, colleague):
    question = QuestionFactory(kern=kern)
    services.question_close(question=question, actor=kcp, note="dubbel")
    for call in (
        lambda: services.question_answer(question=question, actor=kcp, answer="x"),
        lambda: services.question_route(question=question, actor=kcp, to_user=colleague),
        lambda: services.question_close(question=question, actor=kcp, note="weer"),
    ):
        with pytest.raises(ValidationError):
            call()
    assert [e.kind for e in question.events.all()] == ["closed"]


def test_an_empty_answer_is_refused(kern, kcp):
    question = QuestionFactory(kern=kern)
    with pytest.raises(ValidationError):
        services.question_answer(question=question, actor=kcp, answer="  ")
    assert Question.objects.get(pk=question.pk).status == Question.Status.NEW
