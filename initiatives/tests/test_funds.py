"""Money stays within its rules: a fund serves its kernen and its period, a fund per
inhabitant is shared out per kern, and staff see what remains before granting."""

import datetime
from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from initiatives import services
from initiatives.models import Grant, Status
from kernen.tests.factories import KernFactory

from .factories import FundFactory, GrantFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)


@pytest.fixture
def peel():
    names = ("Baarlo", "Helden", "Meijel", "Panningen")
    return {n: KernFactory(name=n, slug=n.lower(), inhabitants=1000) for n in names}


def grant(fund, initiative, amount="100", decided_at=MARCH, **kwargs):
    return services.grant_allocate(
        fund=fund, initiative=initiative, amount=Decimal(amount), decided_at=decided_at, **kwargs
    )


def test_a_panningen_initiative_gets_no_money_from_a_fund_of_baarlo_helden_and_meijel(peel):
    fund = FundFactory(
        name="Kernbudget BHM", kernen=[peel["Baarlo"], peel["Helden"], peel["Meijel"]]
    )
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    with pytest.raises(ValidationError) as error:
        grant(fund, initiative)
    assert "is voor Baarlo, Helden, Meijel; dit initiatief is van Panningen" in str(error.value)
    assert not Grant.objects.exists()
    assert not mail.outbox


def test_a_fund_of_another_year_is_refused(peel):
    fund = FundFactory(year=2025, kernen=[peel["Panningen"]])
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    with pytest.raises(
        ValidationError, match="geldt van 1 januari 2025 tot en met 31 december 2025"
    ):
        grant(fund, initiative, decided_at=MARCH)
    assert not Grant.objects.exists()


def test_a_fund_period_can_differ_from_the_calendar_year(peel):
    fund = FundFactory(
        year=2026,
        valid_from=datetime.date(2026, 4, 1),
        valid_until=datetime.date(2027, 3, 31),
        kernen=[peel["Panningen"]],
    )
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    with pytest.raises(ValidationError, match="1 april 2026 tot en met 31 maart 2027"):
        grant(fund, initiative, decided_at=MARCH)
    assert grant(fund, initiative, decided_at=datetime.date(2027, 2, 1)).pk


def test_a_fund_without_kernen_serves_every_kern(peel):
    fund = FundFactory(name="Gemeentebreed")
    initiative = InitiativeFactory(kernen=[peel["Meijel"]], status=Status.GRANTED)
    assert grant(fund, initiative).kern == peel["Meijel"]


def test_an_initiative_of_several_kernen_draws_on_a_kern_the_fund_serves(peel):
    fund = FundFactory(kernen=[peel["Helden"]])
    initiative = InitiativeFactory(kernen=[peel["Baarlo"], peel["Helden"]], status=Status.GRANTED)
    assert grant(fund, initiative).kern == peel["Helden"]
    with pytest.raises(ValidationError, match="betaalt niet voor Baarlo"):
        grant(fund, initiative, kern=peel["Baarlo"])


def test_a_fund_per_inhabitant_is_shared_out_per_kern(peel):
    fund = FundFactory(per_inhabitant=True, kernen=[peel["Baarlo"], peel["Helden"]])  # 2 × 1000
    baarlo = InitiativeFactory(kernen=[peel["Baarlo"]], status=Status.GRANTED)
    helden = InitiativeFactory(kernen=[peel["Helden"]], status=Status.GRANTED)
    grant(fund, baarlo, "1500")
    with pytest.raises(
        ValidationError, match=r"deel van Baarlo.*nog € 500,00 beschikbaar van € 2\.000,00"
    ):
        grant(fund, baarlo, "600")  # the fund has 2.500 left, but Baarlo's part only 500
    assert grant(fund, helden, "2000").kern == peel["Helden"]


def test_granting_tells_the_initiator_the_amount_the_dutch_way(
    peel, django_capture_on_commit_callbacks
):
    fund = FundFactory(name="Kernbudget", kernen=[peel["Meijel"]])
    initiative = InitiativeFactory(kernen=[peel["Meijel"]], status=Status.GRANTED)
    with django_capture_on_commit_callbacks(execute=True):
        created = grant(fund, initiative, "1250.50")
    assert mail.outbox[-1].to == [initiative.initiator_email]
    assert "€ 1.250,50" in mail.outbox[-1].subject
    assert "Kernbudget" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_pay(grant=created, amount=Decimal("1000"), paid_at=MARCH)
    assert "€ 1.000,00 uitbetaald" in mail.outbox[-1].subject


def test_the_grant_form_offers_only_funds_for_the_kern_and_shows_what_remains(
    client_for, regisseur, peel
):
    own = FundFactory(name="Kernbudget Panningen", per_inhabitant=True, kernen=[peel["Panningen"]])
    FundFactory(name="Kernbudget BHM", kernen=[peel["Baarlo"], peel["Helden"]])
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    GrantFactory(fund=own, amount=Decimal("250.00"))
    url = reverse("initiatives:grant_create", args=[initiative.pk])
    text = client_for(regisseur).get(url).text
    assert "Kernbudget Panningen" in text
    assert "nog € 1.750,00 van € 2.000,00" in text
    assert "Panningen: nog € 2.000,00" in text  # the other grant went to another kern
    assert "Kernbudget BHM" not in text


def test_the_grant_form_refuses_a_fund_of_another_kern_posted_by_hand(client_for, regisseur, peel):
    other = FundFactory(kernen=[peel["Baarlo"]])
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    url = reverse("initiatives:grant_create", args=[initiative.pk])
    data = {"fund": other.pk, "amount": "2.000", "decided_at": "2026-03-01"}
    response = client_for(regisseur).post(url, data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    assert not Grant.objects.exists()


def test_the_grant_form_takes_a_dutch_amount(client_for, regisseur, peel):
    fund = FundFactory(kernen=[peel["Panningen"]])
    initiative = InitiativeFactory(kernen=[peel["Panningen"]], status=Status.GRANTED)
    url = reverse("initiatives:grant_create", args=[initiative.pk])
    data = {"fund": fund.pk, "amount": "€ 2.000", "decided_at": "2026-03-01"}
    assert client_for(regisseur).post(url, data).status_code == 302
    assert Grant.objects.get().amount == Decimal("2000.00")


def test_the_fund_page_shows_allocation_per_kern_and_per_initiative(
    client_for, regisseur, peel, constant_queries
):
    fund = FundFactory(name="Kernbudget", per_inhabitant=True, kernen=list(peel.values()))
    initiative = InitiativeFactory(
        title="Jeu de boules", kernen=[peel["Meijel"]], status=Status.GRANTED
    )
    GrantFactory(fund=fund, initiative=initiative, amount=Decimal("300.00"))
    client = client_for(regisseur)
    url = reverse("initiatives:fund_detail", args=[fund.pk])

    def add_rows():
        for _ in range(5):
            kern = KernFactory()
            fund.kernen.add(kern)
            GrantFactory(fund=fund, initiative=InitiativeFactory(kernen=[kern]))
            GrantFactory(fund=FundFactory(kernen=[kern]))

    response = constant_queries(lambda: client.get(url), add_rows)
    text = response.text
    assert "Kern Meijel: deel € 2.000,00" in text
    assert "Jeu de boules" in text and "€ 300,00" in text
    assert "€ 1.700,00" in text  # what remains of Meijel's part


def test_the_fund_list_is_paged_and_links_each_fund(client_for, regisseur, monkeypatch):
    monkeypatch.setattr("initiatives.views.funds.FUNDS_PER_PAGE", 2)
    funds = [FundFactory(name=f"Fonds {n}", year=2020 + n) for n in range(3)]
    client = client_for(regisseur)
    first = client.get(reverse("initiatives:funds"))
    assert [f.pk for f in first.context["funds"]] == [funds[2].pk, funds[1].pk]  # newest first
    assert funds[2].get_absolute_url() in first.text
    assert "Fonds 0" not in first.text and "?pagina=2" in first.text
    second = client.get(reverse("initiatives:funds"), {"pagina": 2})
    assert [f.pk for f in second.context["funds"]] == [funds[0].pk]


def test_the_fund_page_pages_its_grants_and_shows_totals_of_all(
    client_for, regisseur, peel, monkeypatch
):
    monkeypatch.setattr("initiatives.views.funds.GRANTS_PER_PAGE", 2)
    fund = FundFactory(name="Kernbudget", per_inhabitant=True, kernen=[peel["Baarlo"]])
    initiatives = [
        InitiativeFactory(title=f"Plan {n}", kernen=[peel["Baarlo"]], status=Status.GRANTED)
        for n in range(3)
    ]
    for n, initiative in enumerate(initiatives):
        GrantFactory(fund=fund, initiative=initiative, amount=Decimal("100.00"),
                     decided_at=MARCH + datetime.timedelta(days=n))  # fmt: skip
    client = client_for(regisseur)
    url = reverse("initiatives:fund_detail", args=[fund.pk])
    first = client.get(url)
    assert [g.initiative.title for g in first.context["grants"]] == ["Plan 2", "Plan 1"]
    assert "€ 300,00" in first.text  # granted in all, not only this page
    assert "€ 1.700,00" in first.text  # what remains of 2 × 1000 inhabitants
    assert "3 toekenningen uit dit fonds" in first.text
    second = client.get(url, {"pagina": 2})
    assert [g.initiative.title for g in second.context["grants"]] == ["Plan 0"]


def test_the_fund_page_is_for_whoever_may_see_funds(client_for, colleague):
    fund = FundFactory()
    response = client_for(colleague).get(reverse("initiatives:fund_detail", args=[fund.pk]))
    assert response.status_code == 403


def test_recording_a_payment_returns_to_the_fund(client_for, regisseur):
    grant = GrantFactory(amount=Decimal("800.00"))
    url = reverse("initiatives:grant_pay", args=[grant.pk])
    response = client_for(regisseur).post(url, {"amount": "800", "paid_at": "2026-04-01"})
    assert response["Location"] == grant.fund.get_absolute_url()
