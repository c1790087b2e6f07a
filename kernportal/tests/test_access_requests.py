"""Access and erasure requests: authorised staff download everything about an e-mail address
and erase it after confirming; both are logged."""

import json
import logging

from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from contacts.models import Question
from contacts.tests.factories import PersonFactory, QuestionFactory
from initiatives.models import Initiative
from initiatives.tests.factories import InitiativeFactory
from kernen.tests.factories import UserFactory
from kernportal.models import OutboxEmail, RetentionRun

EMAIL = "anna@voorbeeld.example"


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", groups=["beheerder"])


@pytest.fixture
def anna(kern):
    """Anna's data in every app, beside someone else's."""
    return {
        "person": PersonFactory(kernen=[kern], name="Anna de Vries", email=EMAIL.upper()),
        "question": QuestionFactory(kern=kern, asker_name="Anna", asker_email=EMAIL),
        "initiative": InitiativeFactory(kernen=[kern], initiator_email=EMAIL),
        "mail": OutboxEmail.objects.create(kind="x", to=[EMAIL], subject="Uw vraag", body_text="t"),
        "other": QuestionFactory(kern=kern, asker_name="Bert", asker_email="bert@x.example"),
    }


def test_it_downloads_everything_about_the_address_as_json(client_for, beheerder, anna, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    response = client_for(beheerder).post(
        reverse("access_request"), {"email": EMAIL, "action": "export"}
    )
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)["gegevens"]
    assert data["Contactpersonen"][0]["naam"] == "Anna de Vries"
    assert data["Vragen van inwoners"][0]["naam"] == "Anna"
    assert data["Initiatiefnemers"][0]["e-mailadres"] == EMAIL
    assert data["Verstuurde e-mails"][0]["onderwerp"] == "Uw vraag"
    # The consent records: when, and to which version of the privacy statement.
    question, initiative = anna["question"], anna["initiative"]
    assert data["Vragen van inwoners"][0]["versie privacyverklaring"] == "2026-11"
    assert data["Vragen van inwoners"][0]["akkoord privacyverklaring op"] == (
        question.privacy_consent_at.isoformat()
    )
    assert data["Initiatiefnemers"][0]["versie privacyverklaring"] == "2026-11"
    assert data["Initiatiefnemers"][0]["akkoord privacyverklaring op"] == (
        initiative.privacy_consent_at.isoformat()
    )
    assert "Bert" not in response.content.decode()
    event = next(r for r in caplog.records if getattr(r, "event", "") == "personal_data_export")
    assert event.username == "beheerder"


def test_the_lookup_shows_counts_and_keeps_the_address_out_of_the_url(client_for, beheerder, anna):
    response = client_for(beheerder).post(
        reverse("access_request"), {"email": EMAIL, "action": "lookup"}
    )
    assert response.status_code == 200
    assert "Vragen van inwoners" in response.content.decode()


def test_erasure_needs_the_confirmation(client_for, beheerder, anna):
    client = client_for(beheerder)
    step = client.post(reverse("access_request"), {"email": EMAIL, "action": "erase"})
    assert "Definitief anonimiseren" in step.content.decode()
    unconfirmed = client.post(reverse("access_request_erase"), {"email": EMAIL})
    assert "Vink aan dat u dit zeker weet." in unconfirmed.content.decode()
    assert Question.objects.get(pk=anna["question"].pk).asker_name == "Anna"


def test_a_confirmed_erasure_removes_the_person_and_is_logged(client_for, beheerder, anna, caplog):
    caplog.set_level(logging.INFO, logger="kernportal.security")
    response = client_for(beheerder).post(
        reverse("access_request_erase"), {"email": EMAIL, "confirm": "on"}
    )
    assert response.status_code == 302
    assert Question.objects.get(pk=anna["question"].pk).asker_email == ""
    assert Initiative.objects.get(pk=anna["initiative"].pk).initiator_name == "Geanonimiseerd"
    assert not OutboxEmail.objects.filter(pk=anna["mail"].pk).exists()
    assert Question.objects.get(pk=anna["other"].pk).asker_name == "Bert"
    run = RetentionRun.objects.get(trigger=RetentionRun.Trigger.REQUEST)
    assert run.by == beheerder and EMAIL not in json.dumps(run.removed)
    change = LogEntry.objects.get_for_object(anna["question"]).order_by("pk").last()
    assert change.actor == beheerder
    # The trail keeps who changed which field, but no longer the old values.
    trail = json.dumps(list(LogEntry.objects.values("changes", "object_repr", "changes_text")))
    assert "Anna de Vries" not in trail and EMAIL not in trail.lower()
    assert "asker_email" in change.changes
    assert any(getattr(r, "event", "") == "personal_data_erased" for r in caplog.records)


@pytest.mark.parametrize("persona", ["regisseur", "kcp", "colleague"])
def test_staff_without_the_right_get_403(request, client_for, persona, anna):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert (
        client.post(reverse("access_request"), {"email": EMAIL, "action": "export"}).status_code
        == 403
    )
    assert (
        client.post(reverse("access_request_erase"), {"email": EMAIL, "confirm": "on"}).status_code
        == 403
    )
    assert Question.objects.get(pk=anna["question"].pk).asker_name == "Anna"
