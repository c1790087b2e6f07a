import csv
import datetime
import io
from decimal import Decimal

from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from initiatives.models import Attachment, Grant, Status
from kernen.models import KcpAssignment
from kernen.tests.factories import KcpAssignmentFactory, KernFactory, UserFactory

from .factories import CoFundingFactory, FundFactory, GrantFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def staff_urls(pk=1):
    detail = [
        "detail",
        "change_status",
        "reassign",
        "support_add",
        "note_add",
        "escalate",
        "grant_create",
    ]
    return [
        reverse("initiatives:board"),
        reverse("initiatives:export_csv"),
        reverse("initiatives:export_xlsx"),
        reverse("initiatives:escalations"),
        reverse("initiatives:funds"),
        reverse("initiatives:leverage"),
        reverse("initiatives:grant_pay", args=[pk]),
        reverse("initiatives:attachment", args=[pk, 1]),
        *(reverse(f"initiatives:{name}", args=[pk]) for name in detail),
    ]


def test_anonymous_is_sent_to_login_from_every_staff_page(client, initiative):
    for url in staff_urls(initiative.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_a_user_without_capability_gets_403_everywhere(client_for, outsider, initiative):
    client = client_for(outsider)
    for url in staff_urls(initiative.pk):
        assert client.get(url).status_code == 403, url


def test_a_kcp_of_another_kern_gets_404_on_the_initiative(client_for, other_kcp, initiative):
    client = client_for(other_kcp)
    assert client.get(initiative.get_absolute_url()).status_code == 404
    response = client.post(reverse("initiatives:note_add", args=[initiative.pk]), {"text": "x"})
    assert response.status_code == 404
    assert not initiative.notes.exists()


# --- board and exports ---------------------------------------------------------------------


def test_the_board_shows_what_the_user_may_see(client_for, kcp, initiative, other_kern):
    InitiativeFactory(title="Elders", kernen=[other_kern])
    response = client_for(kcp).get(reverse("initiatives:board"))
    assert response.status_code == 200
    assert initiative.title in response.text
    assert "Elders" not in response.text


def test_the_board_filters_on_kern_status_theme_official_and_fund(
    client_for, regisseur, kern, other_kern, kcp
):
    fund = FundFactory()
    target = InitiativeFactory(
        title="Doel", kernen=[kern], theme="nature", status=Status.GRANTED, contact_official=kcp
    )
    GrantFactory(fund=fund, initiative=target)
    InitiativeFactory(title="Ander thema", kernen=[kern], theme="sport", status=Status.GRANTED)
    InitiativeFactory(title="Andere kern", kernen=[other_kern], theme="nature")
    params = {
        "kern": kern.pk,
        "status": "granted",
        "theme": "nature",
        "official": kcp.pk,
        "fund": fund.pk,
    }
    text = client_for(regisseur).get(reverse("initiatives:board"), params).text
    assert "Doel" in text
    assert "Ander thema" not in text and "Andere kern" not in text


def test_the_board_lists_an_initiative_with_two_grants_of_the_fund_once_with_their_sum(
    client_for, regisseur, kern
):
    fund = FundFactory()
    target = InitiativeFactory(title="Twee toekenningen", kernen=[kern], status=Status.GRANTED)
    GrantFactory(fund=fund, initiative=target, amount=Decimal("1000.00"))
    GrantFactory(fund=fund, initiative=target, amount=Decimal("250.50"))
    client = client_for(regisseur)
    for params in ({}, {"fund": fund.pk}):
        text = client.get(reverse("initiatives:board"), params).text
        assert text.count("Twee toekenningen</a>") == 1, params
        assert "1.250,50" in text, params


def test_a_later_page_of_the_board_shows_its_own_rows_with_their_totals(
    client_for, regisseur, kern
):
    from kernportal.pagination import PER_PAGE

    oldest = InitiativeFactory(title="Het oudste", kernen=[kern], status=Status.GRANTED)
    GrantFactory(initiative=oldest, amount=Decimal("777.00"))
    for _ in range(PER_PAGE):
        InitiativeFactory(kernen=[kern])
    client = client_for(regisseur)
    first = client.get(reverse("initiatives:board")).text
    last = client.get(reverse("initiatives:board"), {"pagina": 2}).text
    assert "Het oudste" not in first
    assert "Het oudste</a>" in last and "777,00" in last
    assert last.count("<tr>") == 2  # the header and the one initiative


def test_the_board_runs_constant_queries(client_for, regisseur, django_assert_max_num_queries):
    client = client_for(regisseur)
    url = reverse("initiatives:board")
    InitiativeFactory()
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    for _ in range(49):
        i = InitiativeFactory(kernen=[KernFactory(), KernFactory()], contact_official=UserFactory())
        GrantFactory(initiative=i)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.text.count("<tr>") == 51


def test_the_board_can_show_columns_per_status(client_for, regisseur, kern):
    InitiativeFactory(title="Nieuw plan", kernen=[kern])
    InitiativeFactory(title="Loopt al", kernen=[kern], running=True)
    text = client_for(regisseur).get(reverse("initiatives:board"), {"weergave": "kolommen"}).text
    assert text.index("Ontvangen") < text.index("Nieuw plan") < text.index("Loopt al")
    assert "Toon als tabel" in text


def test_the_csv_export_reads_back_with_the_csv_module(client_for, regisseur, kern):
    initiative = InitiativeFactory(title='=HYPERLINK("x")', kernen=[kern], status=Status.GRANTED)
    GrantFactory(initiative=initiative, amount=Decimal("750.00"))
    CoFundingFactory(initiative=initiative, amount=Decimal("250.50"))
    InitiativeFactory(title="Niet gefilterd", kernen=[KernFactory()])
    response = client_for(regisseur).get(reverse("initiatives:export_csv"), {"kern": kern.pk})
    assert response["Content-Type"].startswith("text/csv")
    content = response.getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:3] == ["Nummer", "Titel", "Kernen"]
    assert len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("x")'  # no formula
    assert rows[1][2] == "Egchel"
    assert rows[1][7:9] == ["750,00", "250,50"]
    assert "els@voorbeeld.example" not in content


def test_the_excel_export_opens_with_openpyxl(client_for, regisseur, initiative):
    response = client_for(regisseur).get(reverse("initiatives:export_xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][1] == "Titel"
    assert rows[1][1] == initiative.title
    assert rows[1][4] == "Ontvangen"


def test_exports_hold_only_what_the_user_may_see(client_for, kcp, initiative, other_kern):
    InitiativeFactory(title="Elders", kernen=[other_kern])
    text = client_for(kcp).get(reverse("initiatives:export_csv")).getvalue().decode()
    assert initiative.title in text and "Elders" not in text


# --- detail and actions --------------------------------------------------------------------


def test_the_detail_shows_history_money_and_actions(client_for, kcp, initiative):
    CoFundingFactory(initiative=initiative, source="Rabo Clubsupport")
    response = client_for(kcp).get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert "Rabo Clubsupport" in response.text
    assert "Ontvangen" in response.text
    assert "Eerste gesprek" in response.text  # offered as next step
    assert "Besluit: toegekend" not in response.text  # a KCP does not decide
    assert initiative.initiator_email in response.text
    action = reverse("initiatives:change_status", args=[initiative.pk])
    assert f'action="{action}"' in response.text


def test_a_kcp_moves_the_initiative_on(
    client_for, kcp, initiative, django_capture_on_commit_callbacks
):
    url = reverse("initiatives:change_status", args=[initiative.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(kcp).post(url, {"to_status": "first_conversation", "note": "Gebeld"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.FIRST_CONVERSATION
    assert mail.outbox[-1].to == [initiative.initiator_email]


def test_an_illegal_step_is_refused_with_a_dutch_message(client_for, kcp, initiative):
    url = reverse("initiatives:change_status", args=[initiative.pk])
    response = client_for(kcp).post(url, {"to_status": "completed"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    initiative.refresh_from_db()
    assert initiative.status == Status.RECEIVED


def test_the_alderman_records_a_decision_with_a_reason(client_for, wethouder, kern):
    initiative = InitiativeFactory(kernen=[kern], status=Status.PLAN)
    url = reverse("initiatives:change_status", args=[initiative.pk])
    client = client_for(wethouder)
    response = client.post(url, {"to_status": "granted_conditions"})
    assert "Geef bij een besluit de reden" in response.text
    response = client.post(url, {"to_status": "granted_conditions", "public_reason": "Ja, mits."})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.GRANTED_CONDITIONS


def test_a_kcp_cannot_record_a_decision(client_for, kcp, kern):
    initiative = InitiativeFactory(kernen=[kern], contact_official=kcp, status=Status.PLAN)
    url = reverse("initiatives:change_status", args=[initiative.pk])
    response = client_for(kcp).post(url, {"to_status": "granted", "public_reason": "x"})
    assert response.status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == Status.PLAN


def test_the_alderman_cannot_add_notes(client_for, wethouder, initiative):
    url = reverse("initiatives:note_add", args=[initiative.pk])
    assert client_for(wethouder).post(url, {"text": "x"}).status_code == 403


def test_reassign_support_note_and_escalation(client_for, kcp, regisseur, initiative):
    client = client_for(kcp)
    pk = initiative.pk
    colleague = KcpAssignmentFactory(
        kern=initiative.kernen.get(),
        role=KcpAssignment.Role.BACKUP,
        user=UserFactory(groups=["KCP"]),
    ).user
    assert (
        client.post(
            reverse("initiatives:support_add", args=[pk]),
            {
                "kind": "intention_agreement",
                "date": "2026-03-01",
                "summary": "Onderhoud door de vereniging.",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(reverse("initiatives:note_add", args=[pk]), {"text": "Notitie"}).status_code
        == 302
    )
    response = client.post(
        reverse("initiatives:escalate", args=[pk]), {"level": "department", "reason": ""}
    )
    assert "Dit veld is verplicht." in response.text
    assert (
        client.post(
            reverse("initiatives:escalate", args=[pk]), {"level": "department", "reason": "Vast."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("initiatives:reassign", args=[pk]), {"official": colleague.pk}
        ).status_code
        == 302
    )
    initiative.refresh_from_db()
    assert initiative.escalated
    assert initiative.contact_official == colleague
    assert initiative.support_records.get().summary == "Onderhoud door de vereniging."
    # the KCP of the kern still guides it after handing over the contact role
    assert client.post(reverse("initiatives:deescalate", args=[pk])).status_code == 302
    initiative.refresh_from_db()
    assert not initiative.escalated


def test_granting_from_a_fund_refuses_overspending(client_for, regisseur, kern):
    initiative = InitiativeFactory(kernen=[kern], status=Status.GRANTED)
    fund = FundFactory(fixed_amount=Decimal("1000.00"))
    url = reverse("initiatives:grant_create", args=[initiative.pk])
    client = client_for(regisseur)
    data = {"fund": fund.pk, "amount": "1000,01", "decided_at": "2026-03-01"}
    response = client.post(url, data)
    assert "er is nog € 1.000,00 beschikbaar" in response.text
    assert not Grant.objects.exists()
    response = client.post(url, {**data, "amount": "999,99"})
    assert response.status_code == 302
    assert Grant.objects.get().amount == Decimal("999.99")


def test_a_kcp_cannot_grant(client_for, kcp, initiative):
    assert (
        client_for(kcp).get(reverse("initiatives:grant_create", args=[initiative.pk])).status_code
        == 403
    )


def test_attachments_download_for_staff_only(
    client_for, kcp, other_kcp, initiative, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment(
        initiative=initiative, original_name="plan.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    url = reverse("initiatives:attachment", args=[initiative.pk, attachment.pk])
    response = client_for(kcp).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert client_for(other_kcp).get(url).status_code == 404


# --- management pages ----------------------------------------------------------------------


def test_the_escalation_overview_is_for_management(client_for, wethouder, kcp):
    own = KernFactory(name="Baarlo", alderman=wethouder)
    InitiativeFactory(title="Vastgelopen", escalated_=True, kernen=[own])
    InitiativeFactory(title="Elders vast", escalated_=True)
    InitiativeFactory(title="Loopt prima", kernen=[own])
    response = client_for(wethouder).get(reverse("initiatives:escalations"))
    assert "Vastgelopen" in response.text
    assert "Loopt prima" not in response.text
    assert "Elders vast" not in response.text  # not one of the alderman's kernen
    manager = UserFactory(groups=["management"])
    text = client_for(manager).get(reverse("initiatives:escalations")).text
    assert "Vastgelopen" in text and "Elders vast" in text  # both go to the department heads
    assert client_for(kcp).get(reverse("initiatives:escalations")).status_code == 403


def test_the_escalation_overview_is_paged_longest_waiting_first(client_for, regisseur, monkeypatch):
    monkeypatch.setattr("initiatives.views.guiding.ESCALATIONS_PER_PAGE", 2)
    now = timezone.now()
    escalated = [
        InitiativeFactory(escalated_=True, escalated_at=now - datetime.timedelta(days=days))
        for days in (30, 20, 10)
    ]
    client = client_for(regisseur)
    first = client.get(reverse("initiatives:escalations"))
    assert [i.pk for i in first.context["initiatives"]] == [escalated[0].pk, escalated[1].pk]
    second = client.get(reverse("initiatives:escalations"), {"pagina": 2})
    assert [i.pk for i in second.context["initiatives"]] == [escalated[2].pk]


def test_the_fund_page_shows_total_granted_paid_and_remaining(
    client_for, kcp, django_assert_max_num_queries
):
    fund = FundFactory(
        name="Kernbudget", per_inhabitant=True, kernen=[KernFactory(inhabitants=5000)]
    )
    GrantFactory(fund=fund, amount=Decimal("2500.00"), paid_amount=Decimal("1000.00"))
    client = client_for(kcp)
    with django_assert_max_num_queries(12) as one:
        text = client.get(reverse("initiatives:funds")).text
    for amount in ("€ 10.000,00", "€ 2.500,00", "€ 1.000,00", "€ 7.500,00"):
        assert amount in text
    for _ in range(20):
        GrantFactory(fund=FundFactory(kernen=[KernFactory()]))
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("initiatives:funds"))


def test_recording_a_payment(client_for, regisseur, kcp):
    grant = GrantFactory(amount=Decimal("800.00"))
    url = reverse("initiatives:grant_pay", args=[grant.pk])
    assert client_for(kcp).get(url).status_code == 403
    client = client_for(regisseur)
    response = client.post(url, {"amount": "900", "paid_at": "2026-04-01"})
    assert "niet meer worden uitbetaald" in response.text
    assert client.post(url, {"amount": "800", "paid_at": "2026-04-01"}).status_code == 302
    grant.refresh_from_db()
    assert (grant.paid_amount, grant.paid_at) == (Decimal("800.00"), datetime.date(2026, 4, 1))


def test_the_leverage_report_per_kern_and_fund(client_for, wethouder, kern):
    fund = FundFactory(name="Kernbudget")
    initiative = InitiativeFactory(kernen=[kern], status=Status.RUNNING)
    GrantFactory(fund=fund, initiative=initiative, amount=Decimal("20000"))
    CoFundingFactory(
        initiative=initiative, amount=Decimal("60000"), confirmed_amount=Decimal("40000")
    )
    CoFundingFactory(initiative=initiative, amount=Decimal("10000"))  # expected, not confirmed
    text = client_for(wethouder).get(reverse("initiatives:leverage"), {"jaar": 2026}).text
    assert "Egchel" in text
    assert "€ 40.000,00" in text and "€ 70.000,00" in text  # confirmed and expected apart
    assert "3,00×" in text  # (20.000 + 40.000) / 20.000: only the confirmed co-funding
    assert "4,50×" in text  # as expected: (20.000 + 70.000) / 20.000
