"""The beheerder manages funds and the decision steps, sees the reminder schedule and the log
of digests and e-mails without being a superuser, and anonymises an initiative on request."""

from decimal import Decimal

from django.contrib.admin.models import LogEntry
from django.core.files.base import ContentFile
from django.urls import reverse

import pytest

from initiatives.models import Attachment, Fund, Initiative
from kernen.tests.factories import KernFactory, UserFactory

from .factories import GrantFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    user = UserFactory(username="beheer", groups=["beheerder"], is_staff=True)
    assert not user.is_superuser
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:initiatives_fund_changelist",
        "admin:initiatives_fund_add",
        "admin:initiatives_decisionstep_changelist",
        "admin:django_celery_beat_periodictask_changelist",
        "admin:django_celery_beat_crontabschedule_changelist",
        "admin:kernportal_outboxemail_changelist",
        "admin:kernportal_digestdelivery_changelist",
        "admin:initiatives_initiative_changelist",
    ],
)
def test_the_beheerder_opens_the_admin_pages_without_being_superuser(client, beheerder, url_name):
    assert client.get(reverse(url_name)).status_code == 200


def test_the_beheerder_sees_the_reminder_schedule(client, beheerder):
    text = client.get(reverse("admin:django_celery_beat_periodictask_changelist")).text
    assert "Overzichtsmails versturen" in text
    assert "Bijlagen van onverstuurde formulieren opruimen" in text


def test_the_beheerder_creates_a_fund_with_kernen_a_period_and_a_dutch_amount(client, beheerder):
    kern = KernFactory(name="Panningen")
    data = {
        "name": "Kernbudget",
        "year": "2026",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "kind": Fund.Kind.FIXED,
        "fixed_amount": "12.500,00",
        "amount_per_inhabitant": "",
        "kernen": [kern.pk],
        "description": "",
    }
    response = client.post(reverse("admin:initiatives_fund_add"), data)
    assert response.status_code == 302, response.text
    fund = Fund.objects.get()
    assert fund.fixed_amount == Decimal("12500.00")
    assert list(fund.kernen.all()) == [kern]


def test_a_fund_per_inhabitant_needs_its_kernen(client, beheerder):
    data = {
        "name": "Kernbudget",
        "year": "2026",
        "kind": Fund.Kind.PER_INHABITANT,
        "amount_per_inhabitant": "2,00",
        "fixed_amount": "",
        "description": "",
    }
    response = client.post(reverse("admin:initiatives_fund_add"), data)
    assert "elke kern krijgt een deel per inwoner" in response.text
    assert not Fund.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused(client, beheerder):
    data = {
        "name": "Kernbudget",
        "year": "2026",
        "valid_from": "2026-06-01",
        "valid_until": "2026-01-01",
        "kind": Fund.Kind.FIXED,
        "fixed_amount": "100",
        "description": "",
    }
    response = client.post(reverse("admin:initiatives_fund_add"), data)
    assert "Het einde van de periode ligt voor het begin." in response.text


def test_the_beheerder_anonymises_an_initiative_on_request(
    client, beheerder, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    initiative = InitiativeFactory(initiator_name="Els Peeters", initiator_phone="06 1")
    GrantFactory(initiative=initiative)  # money stays accountable
    attachment = Attachment(
        initiative=initiative, original_name="paspoort.pdf", content_type="application/pdf", size=3
    )
    attachment.file.save("x.pdf", ContentFile(b"%PD"), save=True)
    path = attachment.file.path
    old_link = initiative.get_tracking_url()
    # The files go once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:initiatives_initiative_changelist"),
            {"action": "anonymise", "_selected_action": [initiative.pk]},
        )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.initiator_name == "Geanonimiseerd"
    assert "Els" not in initiative.initiator_email and initiative.initiator_phone == ""
    assert initiative.anonymised_at is not None
    assert not initiative.attachments.exists()
    import os

    assert not os.path.exists(path)
    assert initiative.grants.count() == 1
    assert LogEntry.objects.filter(object_id=str(initiative.pk), user=beheerder).exists()
    assert client.get(old_link).status_code == 404  # the old tracking link stops working


def test_anonymising_needs_its_permission(client):
    staff = UserFactory(groups=["gebiedsregisseur"], is_staff=True)
    client.force_login(staff)
    initiative = InitiativeFactory(initiator_name="Els Peeters")
    client.post(
        reverse("admin:initiatives_initiative_changelist"),
        {"action": "anonymise", "_selected_action": [initiative.pk]},
    )
    assert Initiative.objects.get().initiator_name == "Els Peeters"


def test_the_beheerder_sets_a_decision_threshold_as_a_dutch_amount(client, beheerder):
    from initiatives.models import DecisionStep

    step = DecisionStep.objects.get(step="decision")
    url = reverse("admin:initiatives_decisionstep_change", args=[step.pk])
    data = {
        "step": step.step,
        "order": step.order,
        "label": step.label,
        "public_explanation": step.public_explanation,
        "typical_days": step.typical_days,
        "decided_by": step.decided_by,
        "amount_threshold": "7.500",
        "decided_by_above": "het college",
    }
    assert client.post(url, data).status_code == 302
    step.refresh_from_db()
    assert step.amount_threshold == Decimal("7500.00")
