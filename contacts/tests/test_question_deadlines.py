"""Deadlines in working days, first response, closing reasons, routing labels and escalation."""

import datetime
import re
from collections import Counter

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
import time_machine
from django_celery_beat.models import PeriodicTask

from contacts import services
from contacts.escalation import questions_escalate_late
from contacts.models import Question, QuestionEscalation
from contacts.tasks import ESCALATE_TASK, escalate_late_questions
from kernen.tests.factories import UserFactory
from kernportal.delivery import digest_preview_for
from kernportal.models import OutboxEmail

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def sent():
    """(recipients, body) of every e-mail the outbox holds, oldest first."""
    return [(e.to, e.body_text) for e in OutboxEmail.objects.order_by("pk")]


AMS = datetime.timezone(datetime.timedelta(hours=1))
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=AMS)  # a Monday
LATE = datetime.datetime(2026, 11, 9, 9, 0, tzinfo=AMS)  # deadline Monday 16 November
FRESH = datetime.datetime(2026, 11, 19, 9, 0, tzinfo=AMS)  # deadline Thursday 26 November


@time_machine.travel(NOW, tick=False)
def test_the_question_page_shows_the_deadline_and_working_days_left(client_for, kern, kcp):
    question = QuestionFactory(kern=kern, assigned_to=kcp, received_at=FRESH)
    html = client_for(kcp).get(question.get_absolute_url()).content.decode()
    assert "26 november 2026 – nog 3 werkdagen" in html


@time_machine.travel(NOW, tick=False)
def test_a_late_question_says_how_many_working_days_late(client_for, kern, kcp):
    question = QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE)
    html = client_for(kcp).get(question.get_absolute_url()).content.decode()
    assert "16 november 2026" in html and "5 werkdagen te laat" in html


@time_machine.travel(NOW, tick=False)
def test_the_list_shows_deadlines_and_sorts_by_them_both_ways(client_for, kern, kcp):
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=FRESH, text="Nieuwe vraag")
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE, text="Oude vraag")
    client = client_for(kcp)
    html = client.get(reverse("contacts:question_list")).content.decode()
    assert html.index("Oude vraag") < html.index("Nieuwe vraag")
    assert "5 werkdagen te laat" in html and "nog 3 werkdagen" in html
    html = client.get(reverse("contacts:question_list") + "?sorteer=termijn-laatst").text
    assert html.index("Nieuwe vraag") < html.index("Oude vraag")


def test_every_id_on_the_question_page_is_unique(client_for, kern, kcp):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    html = client_for(kcp).get(question.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\bid="([^"]+)"', html))
    assert "id_afsluiten-note" in ids and "id_doorzetten-note" in ids
    assert [i for i, n in ids.items() if n > 1] == []


def test_routing_is_not_a_response_but_a_message_to_the_asker_is(kern, kcp, colleague):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    services.question_route(question=question, actor=kcp, to_user=colleague)
    assert Question.objects.get().first_response_at is None
    services.question_message(question=question, actor=kcp, message="We zoeken het uit.")
    question.refresh_from_db()
    assert question.first_response_at is not None and question.status == Question.Status.ROUTED
    assert sent()[-1][0] == ["jan@example.org"] and "We zoeken het uit." in sent()[-1][1]


def test_closing_needs_a_reason(kern, kcp):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    with pytest.raises(ValidationError, match="reden"):
        services.question_close(question=question, actor=kcp, note="  ")
    assert Question.objects.get().status == Question.Status.NEW


def test_closing_without_a_reason_shows_a_dutch_message_next_to_the_field(client_for, kern, kcp):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    response = client_for(kcp).post(reverse("contacts:question_close", args=[question.pk]), {})
    assert "Vul de reden in: de vrager krijgt die te zien." in response.content.decode()
    assert Question.objects.get().status == Question.Status.NEW


def test_the_resident_sees_the_closing_reason_by_mail_and_on_the_status_page(client, kern, kcp):
    question, token = services.question_submit(
        consent_version="v1",
        kern=kern,
        name="Jan",
        email="jan@example.org",
        text="Waar is de container?",
    )
    services.question_close(question=question, actor=kcp, note="Al beantwoord door de wijkagent.")
    assert "Al beantwoord door de wijkagent." in sent()[-1][1]
    page = client.get(reverse("contacts:question_status", args=[token])).content.decode()
    assert "Al beantwoord door de wijkagent." in page
    assert Question.objects.get().first_response_at is not None


def test_the_routing_choice_shows_each_colleagues_team_and_themes(client_for, kern, kcp):
    UserFactory(
        first_name="Ruud",
        last_name="Wegman",
        groups=["medewerker"],
        profile__team="Openbare Ruimte",
        profile__themes="wegen, riolering",
    )
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    html = client_for(kcp).get(question.get_absolute_url()).content.decode()
    assert "Ruud Wegman – team Openbare Ruimte – thema&#x27;s: wegen, riolering" in html


def test_the_kcp_is_not_told_about_their_own_answer(kern, kcp, colleague):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    services.question_route(question=question, actor=kcp, to_user=colleague)
    before = len(sent())
    services.question_answer(question=question, actor=kcp, answer="Toch zelf gedaan.")
    assert [to for to, _ in sent()[before:]] == [["jan@example.org"]]


# --- Escalation --------------------------------------------------------------------------------


@pytest.fixture
def gebiedsregisseur(db):
    return UserFactory(username="gr", email="gr@example.org", groups=["gebiedsregisseur"])


def test_a_question_on_time_is_not_escalated(kern, kcp, gebiedsregisseur):
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=FRESH)
    assert questions_escalate_late(now=NOW) == 0
    assert not QuestionEscalation.objects.exists()


def test_the_kcp_is_told_first_once_and_the_regisseur_only_past_the_second_limit(
    kern, kcp, gebiedsregisseur, settings
):
    settings.KERNPORTAL_QUESTION_ESCALATION_DAYS = 3
    question = QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE)
    one_day_late = datetime.datetime(2026, 11, 17, 10, tzinfo=AMS)
    assert questions_escalate_late(now=one_day_late) == 1
    assert [to for to, _ in sent()] == [[kcp.email]]
    assert "1 werkdag te laat" in sent()[0][1]
    assert questions_escalate_late(now=one_day_late) == 0  # nothing twice
    assert questions_escalate_late(now=NOW) == 1  # 5 working days late: the regisseur now
    assert [to for to, _ in sent()][1:] == [[gebiedsregisseur.email]]
    assert questions_escalate_late(now=NOW) == 0
    assert set(question.escalations.values_list("level", flat=True)) == {
        QuestionEscalation.Level.KCP,
        QuestionEscalation.Level.AREA_DIRECTOR,
    }
    assert len(sent()) == 2


def test_a_question_the_asker_heard_about_is_not_late(kern, kcp, gebiedsregisseur):
    question = QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE)
    services.question_message(question=question, actor=kcp, message="Volgende week meer.")
    assert questions_escalate_late(now=NOW) == 0


def test_the_task_is_thin_and_in_the_beat_schedule(kern, kcp):
    QuestionFactory(kern=kern, assigned_to=kcp, late=True)
    assert PeriodicTask.objects.get(task=ESCALATE_TASK).enabled
    assert escalate_late_questions.delay().get() >= 1
    assert QuestionEscalation.objects.filter(level=QuestionEscalation.Level.KCP).exists()


@time_machine.travel(NOW, tick=False)
def test_the_regisseurs_digest_lists_escalated_questions_of_all_kernen(kern, kcp, gebiedsregisseur):
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE)
    questions_escalate_late(now=NOW)
    digest = digest_preview_for(gebiedsregisseur, NOW)
    sections = {section.key: items for section, items in digest.sections}
    assert "5 werkdagen te laat" in sections["questions_escalated"][0].detail


@time_machine.travel(NOW, tick=False)
def test_the_kcps_digest_keeps_a_routed_question_until_the_asker_heard_something(
    kern, kcp, colleague
):
    question = QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE)
    services.question_route(question=question, actor=kcp, to_user=colleague)
    digest = digest_preview_for(kcp, NOW)
    items = {s.key: i for s, i in digest.sections}["questions_waiting"]
    assert items[0].overdue and "5 werkdagen te laat" in items[0].detail


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona", ["gebiedsregisseur", "wethouder"])
def test_the_overview_of_late_questions_is_for_regisseur_and_wethouder(
    client_for, kern, kcp, request, persona
):
    user = request.getfixturevalue({"gebiedsregisseur": "regisseur"}.get(persona, persona))
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=LATE, text="Lantaarnpaal kapot")
    QuestionFactory(kern=kern, assigned_to=kcp, received_at=FRESH, text="Nog op tijd")
    html = client_for(user).get(reverse("contacts:late_questions")).content.decode()
    assert "Lantaarnpaal kapot" in html and "Nog op tijd" not in html


def test_a_kcp_or_colleague_does_not_get_the_overview(client_for, kcp, colleague):
    assert client_for(kcp).get(reverse("contacts:late_questions")).status_code == 403
    assert client_for(colleague).get(reverse("contacts:late_questions")).status_code == 403


def test_the_overview_runs_the_same_queries_for_more_late_questions(
    client_for, regisseur, kern, kcp, constant_queries
):
    client = client_for(regisseur)
    QuestionFactory(kern=kern, assigned_to=kcp, late=True)
    constant_queries(
        lambda: client.get(reverse("contacts:late_questions")),
        lambda: QuestionFactory.create_batch(20, kern=kern, assigned_to=kcp, late=True),
    )


def test_the_question_list_runs_the_same_queries_with_more_questions(
    client_for, kern, kcp, colleague, constant_queries
):
    client = client_for(kcp)
    QuestionFactory(kern=kern, assigned_to=kcp, late=True)
    constant_queries(
        lambda: client.get(reverse("contacts:question_list")),
        lambda: QuestionFactory.create_batch(
            10, kern=kern, assigned_to=kcp, routed=True, routed_to=colleague
        ),
    )
