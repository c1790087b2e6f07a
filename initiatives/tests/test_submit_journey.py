"""A resident fills in the form once: Dutch amounts, the place, attachments that survive an
error, a privacy statement, and a tracking page and e-mails that show everything that
concerns them, including withdrawing."""

import datetime
from decimal import Decimal

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from initiatives import services
from initiatives.models import Initiative, PendingUpload, Status, SupportRecord
from initiatives.tasks import purge_pending_uploads
from kernportal.tests.files import real_pdf

from .factories import FundFactory, InitiativeFactory
from .test_views_public import SUBMIT, form_data

pytestmark = pytest.mark.django_db

PDF = real_pdf()  # kept files pass the same checks as attachments (kernportal.uploads)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.250,50", "1250.50"), ("2.000", "2000"), ("€ 2.000", "2000"), ("1250,5", "1250.50")],
)
def test_a_resident_writes_the_amount_the_dutch_way(client, kern, typed, stored):
    response = client.post(SUBMIT, form_data(kern, amount_requested=typed))
    assert response.status_code == 302
    assert Initiative.objects.get().amount_requested == Decimal(stored)


def test_a_wrong_amount_is_refused_with_an_example_and_kept(client, kern):
    response = client.post(SUBMIT, form_data(kern, amount_requested="1,250.50"))
    assert response.status_code == 200
    assert "bijvoorbeeld 1.250,50" in response.text
    assert 'value="1,250.50"' in response.text
    assert not Initiative.objects.exists()


def test_the_place_is_a_description_with_optional_coordinates_in_dutch_notation(client, kern):
    data = form_data(
        kern, place_description="Speeltuin Dorpstraat", latitude="51,33100", longitude="5,98200"
    )
    assert client.post(SUBMIT, data).status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.place_description == "Speeltuin Dorpstraat"
    assert initiative.latitude == Decimal("51.33100")


def test_the_form_has_a_map_with_kern_points_and_no_inline_script(client, kern):
    text = client.get(SUBMIT).text
    assert 'id="plek-kaart"' in text
    assert 'id="plek-kaart-gegevens" type="application/json"' in text
    assert kern.name in text and "tile.openstreetmap.org" in text
    assert "<script>" not in text and "style=" not in text
    assert "initiatives/place_picker.js" in text


def test_an_attachment_survives_an_error_and_is_shown_as_already_attached(client, kern):
    pdf = SimpleUploadedFile("begroting.pdf", PDF)
    response = client.post(SUBMIT, form_data(kern, title="", attachments=[pdf]))
    assert response.status_code == 200
    assert "Al toegevoegd" in response.text and "begroting.pdf" in response.text
    assert "u hoeft ze niet opnieuw te kiezen" in response.text
    token = PendingUpload.objects.get().token
    assert f'name="upload_token" value="{token}"' in response.text

    response = client.post(SUBMIT, form_data(kern, upload_token=token))  # no file chosen again
    assert response.status_code == 302
    attachment = Initiative.objects.get().attachments.get()
    assert attachment.original_name == "begroting.pdf"
    assert attachment.file.read() == PDF
    assert not PendingUpload.objects.exists()


def test_a_kept_attachment_can_be_taken_off(client, kern):
    client.post(SUBMIT, form_data(kern, title="", attachments=[SimpleUploadedFile("a.pdf", PDF)]))
    pending = PendingUpload.objects.get()
    data = form_data(kern, upload_token=pending.token, remove_uploads=[pending.pk])
    assert client.post(SUBMIT, data).status_code == 302
    assert not Initiative.objects.get().attachments.exists()
    assert not PendingUpload.objects.exists()


def test_a_bad_file_is_named_and_a_good_one_beside_it_is_kept(client, kern):
    files = [SimpleUploadedFile("nep.pdf", b"<html>"), SimpleUploadedFile("echt.pdf", PDF)]
    response = client.post(SUBMIT, form_data(kern, attachments=files))
    assert response.status_code == 200
    assert "nep.pdf&#x27; is geen PDF, PNG of JPEG" in response.text
    assert "echt.pdf" in response.text
    assert not Initiative.objects.exists()


def test_someone_elses_token_takes_nothing_over(client, kern):
    client.post(SUBMIT, form_data(kern, title="", attachments=[SimpleUploadedFile("a.pdf", PDF)]))
    assert client.post(SUBMIT, form_data(kern, upload_token="raden")).status_code == 302
    assert not Initiative.objects.get().attachments.exists()
    assert PendingUpload.objects.count() == 1


def test_kept_attachments_are_removed_after_a_day(client, kern):
    client.post(SUBMIT, form_data(kern, title="", attachments=[SimpleUploadedFile("a.pdf", PDF)]))
    path = PendingUpload.objects.get().file.path
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=23)):
        assert purge_pending_uploads.delay().get() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert purge_pending_uploads.delay().get() == 1
    assert not PendingUpload.objects.exists()
    import os

    assert not os.path.exists(path)
    # Nothing of the file outlives it in the audit trail (its name may name the resident).
    from auditlog.models import LogEntry

    assert not LogEntry.objects.filter(object_repr="a.pdf").exists()


def test_the_privacy_statement_exists_with_retention_periods_and_the_forms_link_to_it(client, kern):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    assert "Bewaartermijn" in response.text and "twee jaar" in response.text
    assert reverse("privacy") in client.get(SUBMIT).text
    assert reverse("privacy") in client.get(reverse("contacts:question_ask", args=[kern.slug])).text


@override_settings(KERNPORTAL_PRIVACY_STATEMENT_VERSION="2027-02")
def test_the_privacy_statement_shows_the_version_submissions_record(client):
    assert "Versie 2027-02 van deze privacyverklaring" in client.get(reverse("privacy")).text


def test_the_submission_email_holds_a_copy_of_what_was_sent(
    client, kern, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data(kern, amount_requested="1.250,50"))
    body = next(m for m in mail.outbox if m.to == ["els@voorbeeld.example"]).body
    assert "Wat u instuurde" in body
    assert "Drie bankjes met uitzicht." in body
    assert "Gevraagd bedrag: € 1.250,50" in body
    assert "Oranjefonds: € 2.500,00" in body


@pytest.fixture
def decided(kern, kcp, regisseur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _decide(kern, kcp, regisseur)


def _decide(kern, kcp, regisseur):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, status=Status.PLAN)
    services.supportrecord_add(
        initiative=initiative,
        by=kcp,
        kind=SupportRecord.Kind.INFORMAL,
        date=datetime.date(2026, 2, 1),
        summary="De vereniging maait het veldje.",
    )
    services.note_add(initiative=initiative, by=kcp, text="Intern: let op de buren.")
    services.initiative_transition(
        initiative=initiative,
        to_status=Status.GRANTED_CONDITIONS,
        by=regisseur,
        public_reason="Mits de vereniging het onderhoud doet.",
    )
    initiative.refresh_from_db()
    fund = FundFactory(name="Kernbudget", kernen=[kern])
    grant = services.grant_allocate(
        fund=fund,
        initiative=initiative,
        amount=Decimal("1250.50"),
        decided_at=datetime.date(2026, 3, 1),
    )
    services.grant_pay(grant=grant, amount=Decimal("500"), paid_at=datetime.date(2026, 3, 15))
    initiative.refresh_from_db()
    return initiative


def test_the_tracking_page_shows_decision_conditions_grant_payments_and_agreements(client, decided):
    text = client.get(decided.get_tracking_url()).text
    assert "Ja, mits" in text
    assert "Voorwaarden: Mits de vereniging het onderhoud doet." in text
    assert "Kernbudget" in text and "€ 1.250,50" in text and "€ 500,00" in text
    assert "De vereniging maait het veldje." in text
    assert "let op de buren" not in text  # internal notes stay internal
    assert "Wat u instuurde" in text and decided.description in text


def test_the_decision_email_states_the_conditions(decided):
    decision = next(m for m in mail.outbox if "ja, mits" in m.subject.lower())
    assert "onder deze voorwaarden" in decision.body
    assert "Mits de vereniging het onderhoud doet." in decision.body


def test_a_resident_withdraws_through_the_private_link_with_a_reason(
    client, kern, kcp, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp)
    url = reverse("initiatives:withdraw", args=[initiative.tracking_token])
    assert url in client.get(initiative.get_tracking_url()).text
    response = client.post(url, {"reason": "We verhuizen.", "confirm": ""})
    assert "Vink aan dat u uw initiatief echt wilt intrekken." in response.text
    assert client.post(url, {"reason": " ", "confirm": "on"}).status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == Status.RECEIVED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "We verhuizen.", "confirm": "on"}, follow=True)
    initiative.refresh_from_db()
    assert initiative.status == Status.WITHDRAWN
    assert "Dit initiatief is ingetrokken" in response.text and "We verhuizen." in response.text
    assert {m.to[0] for m in mail.outbox} == {initiative.initiator_email, kcp.email}
    assert url not in response.text  # nothing left to withdraw


def test_a_finished_initiative_cannot_be_withdrawn(client):
    initiative = InitiativeFactory(completed=True)
    url = reverse("initiatives:withdraw", args=[initiative.tracking_token])
    response = client.post(url, {"reason": "Toch niet.", "confirm": "on"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.COMPLETED


def test_withdrawing_needs_the_right_token(client):
    InitiativeFactory()
    url = reverse("initiatives:withdraw", args=["verkeerd"])
    assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 404


def test_the_tracking_page_runs_constant_queries(client, decided, kcp, constant_queries):
    fund = decided.grants.get().fund

    def add_rows():
        for n in range(5):
            services.supportrecord_add(
                initiative=decided,
                by=kcp,
                kind=SupportRecord.Kind.CONVERSATION,
                date=datetime.date(2026, 3, n + 2),
                summary=f"Gesprek {n}",
            )
            services.grant_allocate(
                fund=fund,
                initiative=decided,
                amount=Decimal("10"),
                decided_at=datetime.date(2026, 3, 20),
            )

    response = constant_queries(lambda: client.get(decided.get_tracking_url()), add_rows)
    assert "Gesprek 4" in response.text


def test_kept_files_per_address_are_limited_but_the_form_is_not_lost(client, kern, settings):
    settings.KERNPORTAL_PENDING_UPLOAD_RATE = "2/h"
    for n in range(2):
        file = SimpleUploadedFile(f"{n}.pdf", PDF)
        client.post(SUBMIT, form_data(kern, title="", attachments=[file]))
    response = client.post(
        SUBMIT, form_data(kern, title="", attachments=[SimpleUploadedFile("derde.pdf", PDF)])
    )
    assert response.status_code == 200
    assert "derde.pdf&#x27; is niet toegevoegd" in response.text
    assert 'value="Drie bankjes met uitzicht."' in response.text or "Drie bankjes" in response.text
    assert PendingUpload.objects.count() == 2


def test_an_agreement_recorded_with_the_initiator_reaches_them_by_email(
    kern, kcp, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp)
    with django_capture_on_commit_callbacks(execute=True):
        services.supportrecord_add(
            initiative=initiative,
            by=kcp,
            kind=SupportRecord.Kind.INTENTION,
            date=datetime.date(2026, 4, 1),
            valid_until=datetime.date(2027, 4, 1),
            summary="De vereniging onderhoudt de baan twee jaar.",
        )
    [message] = mail.outbox
    assert message.to == [initiative.initiator_email]
    assert "intentieovereenkomst vastgelegd" in message.subject
    assert "De vereniging onderhoudt de baan twee jaar." in message.body
    assert "1 april 2027" in message.body


def test_nobody_is_emailed_at_an_anonymised_initiative(
    kern, kcp, regisseur, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp)
    services.initiative_anonymise(initiative=initiative, by=regisseur)
    initiative.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_transition(
            initiative=initiative, to_status=Status.FIRST_CONVERSATION, by=kcp
        )
    assert not mail.outbox
