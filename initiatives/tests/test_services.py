import datetime
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from initiatives import services
from initiatives.models import Attachment, CoFunding, Grant, Initiative, Note, Status, StatusStep
from initiatives.models.initiative import EscalationLevel
from kernen.models import KcpAssignment
from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal.tests.files import real_pdf, real_png

from .factories import FundFactory, GrantFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

PNG = real_png()
PDF = real_pdf()


def fields(**overrides):
    return {
        "title": "Bankjes langs de Maas",
        "description": "Drie bankjes met uitzicht.",
        "theme": "liveability",
        "goal": "Ouderen een rustpunt geven.",
        "help_asked": ["money", "permits"],
        "amount_requested": Decimal("1200.00"),
        "initiator_name": "Els",
        "initiator_email": "els@voorbeeld.example",
        "may_publish": True,
        **overrides,
    }


def test_submit_without_consent_stores_nothing(kern, kcp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.initiative_submit(consent_version=" ", fields=fields(), kernen=[kern])
    assert "privacy_consent" in error.value.message_dict
    assert not Initiative.objects.exists() and not mail.outbox


def test_submit_stores_everything_and_mails_initiator_and_kcp(
    kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = services.initiative_submit(
            consent_version="v1",
            fields=fields(),
            kernen=[kern],
            cofundings=[{"source": "Oranjefonds", "amount": Decimal("500")}],
            attachments=[SimpleUploadedFile("plan.pdf", PDF)],
        )
    assert initiative.contact_official == kcp
    assert initiative.status == Status.RECEIVED
    assert initiative.privacy_consent_at is not None
    assert initiative.privacy_consent_version == "v1"
    assert list(initiative.steps.values_list("to_status", flat=True)) == [Status.RECEIVED]
    assert initiative.cofundings.get().amount == Decimal("500.00")
    attachment = initiative.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("plan.pdf", "application/pdf")
    assert "plan" not in attachment.file.name  # the stored name is random
    to = {tuple(m.to): m for m in mail.outbox}
    assert initiative.get_tracking_url() in to[("els@voorbeeld.example",)].body
    assert "Bankjes langs de Maas" in to[(kcp.email,)].subject


def test_submit_takes_the_kcp_of_the_first_kern_by_name(kern, other_kern, other_kcp):
    initiative = services.initiative_submit(
        consent_version="v1", fields=fields(), kernen=[kern, other_kern]
    )
    assert other_kern.name < kern.name
    assert initiative.contact_official == other_kcp


def test_submit_without_a_kcp_leaves_the_official_empty(kern):
    assert (
        services.initiative_submit(
            consent_version="v1", fields=fields(), kernen=[kern]
        ).contact_official
        is None
    )


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": "x" * 100_000}, "description"),
        ({"initiator_email": "geen-adres"}, "initiator_email"),
        ({"help_asked": ["hack"]}, "help_asked"),
        ({"amount_requested": Decimal("-1")}, "amount_requested"),
        ({"latitude": Decimal("51.3")}, "longitude"),
    ],
)
def test_submit_stores_nothing_on_bad_input(kern, kcp, bad, field):
    with pytest.raises(ValidationError) as error:
        services.initiative_submit(consent_version="v1", fields=fields(**bad), kernen=[kern])
    assert field in error.value.message_dict
    assert not Initiative.objects.exists()


def test_a_bad_cofunding_row_rolls_back_the_initiative(kern):
    with pytest.raises(ValidationError):
        services.initiative_submit(
            consent_version="v1",
            fields=fields(),
            kernen=[kern],
            cofundings=[{"source": "X", "amount": Decimal("0")}],
        )
    assert not Initiative.objects.exists()
    assert not CoFunding.objects.exists()
    assert not StatusStep.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf")], "geen PDF, PNG of JPEG"),
        ([SimpleUploadedFile("foto.png", b"<script>alert(1)</script>")], "geen PDF, PNG of JPEG"),
        ([SimpleUploadedFile(f"{i}.png", PNG) for i in range(6)], "maximaal 5"),
        ([SimpleUploadedFile("groot.pdf", PDF + b"0" * (5 * 1024 * 1024))], "groter dan 5 MB"),
    ],
)
def test_attachments_are_checked_by_content_and_size(kern, files, message):
    with pytest.raises(ValidationError, match=message):
        services.initiative_submit(
            consent_version="v1", fields=fields(), kernen=[kern], attachments=files
        )
    assert not Attachment.objects.exists()
    assert not Initiative.objects.exists()


def test_a_png_named_pdf_is_stored_as_png(kern):
    initiative = services.initiative_submit(
        consent_version="v1",
        fields=fields(),
        kernen=[kern],
        attachments=[SimpleUploadedFile("plan.pdf", PNG)],
    )
    attachment = initiative.attachments.get()
    assert attachment.content_type == "image/png"
    assert attachment.file.name.endswith(".png")


def test_transition_records_the_step_and_mails_the_initiator(
    initiative, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step = services.initiative_transition(
            initiative=initiative, to_status=Status.FIRST_CONVERSATION, by=kcp, note="Gebeld."
        )
    initiative.refresh_from_db()
    assert initiative.status == Status.FIRST_CONVERSATION
    assert (step.from_status, step.by, step.note) == (Status.RECEIVED, kcp, "Gebeld.")
    assert initiative.last_activity_at == step.at
    assert mail.outbox[-1].to == [initiative.initiator_email]
    # Only the hash of the private link is stored: later e-mails point to the first one.
    assert "link uit onze eerste e-mail" in mail.outbox[-1].body
    assert initiative.tracking_token not in mail.outbox[-1].body
    assert "Gebeld." not in mail.outbox[-1].body  # internal notes stay inside


def test_an_illegal_transition_changes_nothing(initiative, kcp):
    with pytest.raises(ValidationError, match="kan een initiatief niet naar"):
        services.initiative_transition(initiative=initiative, to_status=Status.RUNNING, by=kcp)
    initiative.refresh_from_db()
    assert initiative.status == Status.RECEIVED
    assert initiative.steps.count() == 1


@pytest.mark.parametrize("decision", [Status.GRANTED, Status.GRANTED_CONDITIONS, Status.DECLINED])
def test_a_decision_needs_a_reason(kcp, decision):
    initiative = InitiativeFactory(status=Status.PLAN)
    with pytest.raises(ValidationError) as error:
        services.initiative_transition(
            initiative=initiative, to_status=decision, by=kcp, public_reason="   "
        )
    assert "reden" in error.value.message_dict["public_reason"][0]
    step = services.initiative_transition(
        initiative=initiative,
        to_status=decision,
        by=kcp,
        public_reason="Mits er een vergunning is.",
    )
    assert step.public_reason == "Mits er een vergunning is."


def test_reassign_notes_it_and_tells_the_new_official_and_the_initiator(
    initiative, kcp, regisseur, django_capture_on_commit_callbacks
):
    backup = KcpAssignmentFactory(
        kern=initiative.kernen.get(),
        role=KcpAssignment.Role.BACKUP,
        user=UserFactory(first_name="Noor", last_name="Hendriks", groups=["KCP"]),
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_reassign(initiative=initiative, official=backup, by=regisseur)
    initiative.refresh_from_db()
    assert initiative.contact_official == backup
    assert "Contactpersoon gewijzigd" in initiative.notes.get().text
    to_official, to_initiator = mail.outbox[-2:]
    assert to_official.to == [backup.email]
    assert to_initiator.to == [initiative.initiator_email]
    assert "nieuwe contactpersoon" in to_initiator.subject
    assert "Noor Hendriks" in to_initiator.body
    assert backup.email in to_initiator.body and "077 123 45 67" in to_initiator.body


@pytest.mark.parametrize(
    "groups", [[], ["medewerker"], ["wethouder"]], ids=["nobody", "medewerker", "wethouder"]
)
def test_reassign_refuses_someone_who_cannot_guide_initiatives(initiative, regisseur, groups):
    with pytest.raises(ValidationError, match="kan initiatieven in deze kern niet begeleiden"):
        services.initiative_reassign(
            initiative=initiative, official=UserFactory(groups=groups), by=regisseur
        )
    assert not mail.outbox


def test_reassign_refuses_the_kcp_of_another_kern(initiative, other_kcp, regisseur):
    with pytest.raises(ValidationError, match="niet begeleiden"):
        services.initiative_reassign(initiative=initiative, official=other_kcp, by=regisseur)


def test_a_gebiedsregisseur_may_become_contact_official_anywhere(initiative, regisseur, kcp):
    services.initiative_reassign(initiative=initiative, official=regisseur, by=kcp)
    initiative.refresh_from_db()
    assert initiative.contact_official == regisseur


def test_escalation_to_the_secretary_reaches_the_secretary_and_the_kerns_alderman_only(
    initiative, kcp, wethouder, regisseur, colleague, django_capture_on_commit_callbacks
):
    secretary = UserFactory(groups=["gemeentesecretaris"])
    manager = UserFactory(groups=["management"])
    kern = initiative.kernen.get()
    kern.alderman = UserFactory(groups=["wethouder"])
    kern.save()
    direct = UserFactory()
    direct.user_permissions.add(Permission.objects.get(codename="receive_secretary_escalations"))
    UserFactory(groups=["gemeentesecretaris"], is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_escalate(
            initiative=initiative,
            level=EscalationLevel.SECRETARY,
            reason="Ligt stil.",
            by=kcp,
        )
    # not every alderman (`wethouder` has no kern here), not the department heads
    assert {m.to[0] for m in mail.outbox} == {secretary.email, kern.alderman.email, direct.email}
    assert manager.email not in {m.to[0] for m in mail.outbox}
    initiative.refresh_from_db()
    assert initiative.escalated and initiative.escalation_reason == "Ligt stil."
    assert Note.objects.filter(initiative=initiative, text__contains="Ligt stil.").exists()


def test_escalation_to_the_department_reaches_management_and_the_gebiedsregisseur(
    initiative, kcp, wethouder, regisseur, django_capture_on_commit_callbacks
):
    secretary = UserFactory(groups=["gemeentesecretaris"])
    manager = UserFactory(groups=["management"])
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_escalate(
            initiative=initiative, level=EscalationLevel.DEPARTMENT, reason="Vast.", by=kcp
        )
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {manager.email, regisseur.email}
    assert secretary.email not in recipients and wethouder.email not in recipients


def test_escalation_recipients_is_one_query(django_assert_num_queries, initiative, regisseur):
    UserFactory(groups=["management"])
    level = EscalationLevel.DEPARTMENT
    with django_assert_num_queries(1):  # users_with_perm: the permission is a subquery
        assert len(list(services.escalation_recipients(initiative, level))) == 2


def test_an_escalation_needs_a_reason(initiative, kcp):
    with pytest.raises(ValidationError):
        services.initiative_escalate(initiative=initiative, level="department", reason=" ", by=kcp)
    initiative.refresh_from_db()
    assert not initiative.escalated


def test_deescalate_keeps_the_reason_in_the_notes(kcp):
    initiative = InitiativeFactory(escalated_=True)
    services.initiative_deescalate(initiative=initiative, by=kcp)
    initiative.refresh_from_db()
    assert not initiative.escalated
    assert initiative.escalation_reason == "Vastgelopen tussen afdelingen."


def test_support_records_and_notes_count_as_activity(initiative, kcp):
    before = initiative.last_activity_at
    services.supportrecord_add(
        initiative=initiative,
        by=kcp,
        kind="intention_agreement",
        date=datetime.date(2026, 3, 1),
        summary="Afspraken over onderhoud.",
    )
    services.note_add(initiative=initiative, by=kcp, text="Gebeld met de dorpsraad.")
    initiative.refresh_from_db()
    assert initiative.last_activity_at > before
    with pytest.raises(ValidationError):
        services.supportrecord_add(
            initiative=initiative,
            by=kcp,
            kind="informal",
            date=datetime.date(2026, 3, 1),
            valid_until=datetime.date(2026, 2, 1),
            summary="x",
        )


def test_grants_fill_a_fund_up_to_its_total_and_not_beyond(regisseur):
    fund = FundFactory(fixed_amount=Decimal("1000.00"))
    initiative = InitiativeFactory(granted=True)
    services.grant_allocate(
        fund=fund,
        initiative=initiative,
        amount=Decimal("600"),
        decided_at=datetime.date(2026, 3, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.grant_allocate(
            fund=fund,
            initiative=initiative,
            amount=Decimal("400.01"),
            decided_at=datetime.date(2026, 3, 1),
        )
    assert "nog € 400,00 beschikbaar van € 1.000,00" in error.value.message_dict["amount"][0]
    services.grant_allocate(
        fund=fund,
        initiative=initiative,
        amount=Decimal("400"),
        decided_at=datetime.date(2026, 3, 1),
    )
    assert sum(g.amount for g in Grant.objects.all()) == Decimal("1000.00")


def test_no_grant_before_a_positive_decision():
    fund = FundFactory()
    for status in (Status.PLAN, Status.DECLINED, Status.WITHDRAWN):
        with pytest.raises(ValidationError, match="positief besluit"):
            services.grant_allocate(
                fund=fund,
                initiative=InitiativeFactory(status=status),
                amount=Decimal("1"),
                decided_at=datetime.date(2026, 3, 1),
            )
    assert not Grant.objects.exists()


def test_a_payment_cannot_exceed_the_grant():
    grant = GrantFactory(amount=Decimal("1000"))
    services.grant_pay(grant=grant, amount=Decimal("1000"), paid_at=datetime.date(2026, 4, 1))
    with pytest.raises(ValidationError, match="niet meer worden uitbetaald"):
        services.grant_pay(
            grant=grant, amount=Decimal("1000.01"), paid_at=datetime.date(2026, 4, 1)
        )


def test_kcp_of_a_kern_gets_notified_even_as_backup_when_primary_absent(kern):
    primary = KcpAssignmentFactory(kern=kern).user
    primary.profile.absent_from = datetime.date(2000, 1, 1)
    primary.profile.save()
    backup = KcpAssignmentFactory(kern=kern, backup=True).user
    assert (
        services.initiative_submit(
            consent_version="v1", fields=fields(), kernen=[kern]
        ).contact_official
        == backup
    )


def test_email_subjects_are_plain_text_and_bodies_escape_html(
    kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_submit(
            consent_version="v1", fields=fields(title="Kaas & <b>wijn</b>"), kernen=[kern]
        )
    message = next(m for m in mail.outbox if m.to == ["els@voorbeeld.example"])
    assert message.subject == 'Uw initiatief "Kaas & <b>wijn</b>" is ontvangen'
    html = message.alternatives[0][0]
    assert "Kaas &amp; &lt;b&gt;wijn&lt;/b&gt;" in html
