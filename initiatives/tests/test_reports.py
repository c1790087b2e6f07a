"""The leverage report: one year at a time, its figures summed by the database, the same as
adding up the grants and co-funding by hand."""

import datetime
from decimal import Decimal

from django.urls import reverse

import pytest
import time_machine

from initiatives.reports import leverage_per_fund, leverage_per_kern, leverage_report, report_years
from kernen.tests.factories import KernFactory

from .factories import CoFundingFactory, FundFactory, GrantFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

NOON_2026 = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


def _submitted(year, **kwargs):
    return InitiativeFactory(
        created_at=datetime.datetime(year, 5, 1, 12, tzinfo=datetime.UTC), **kwargs
    )


@pytest.fixture
def money():
    """Two kernen over two years: a shared initiative with two grants from two funds (counted
    in the year of its first grant), one with co-funding only (counted in its submission
    year), one granted the next year, and one without any money (not counted)."""
    baarlo, helden = KernFactory(name="Baarlo"), KernFactory(name="Helden")
    budget_2025 = FundFactory(name="Kernbudget", year=2025)
    budget_2026 = FundFactory(name="Kernbudget", year=2026)
    shared = _submitted(2025, kernen=[baarlo, helden])
    GrantFactory(fund=budget_2025, initiative=shared, amount=Decimal("1000"),
                 decided_at=datetime.date(2025, 11, 1))  # fmt: skip
    GrantFactory(fund=budget_2026, initiative=shared, amount=Decimal("500"),
                 decided_at=datetime.date(2026, 2, 1))  # fmt: skip
    CoFundingFactory(initiative=shared, amount=Decimal("3000"), confirmed_amount=Decimal("2000"))
    CoFundingFactory(initiative=shared, amount=Decimal("400"), confirmed_amount=None)
    only_cofunded = _submitted(2025, kernen=[baarlo])
    CoFundingFactory(
        initiative=only_cofunded, amount=Decimal("700"), confirmed_amount=Decimal("700")
    )
    later = _submitted(2025, kernen=[helden])
    GrantFactory(fund=budget_2026, initiative=later, amount=Decimal("2000"),
                 decided_at=datetime.date(2026, 3, 1))  # fmt: skip
    CoFundingFactory(initiative=later, amount=Decimal("1000"), confirmed_amount=Decimal("500"))
    _submitted(2025, kernen=[baarlo])  # no money: not in the report
    return {"baarlo": baarlo, "helden": helden}


def _figures(row):
    return (row.name, row.initiatives, row.municipal, row.cofunding_confirmed,
            row.cofunding_expected, row.leverage, row.leverage_expected)  # fmt: skip


def test_an_initiative_counts_in_the_year_of_its_first_grant_in_each_of_its_kernen(money):
    assert [_figures(row) for row in leverage_per_kern(2025)] == [
        # shared: 1,500 granted in all, 2,000 of 3,400 confirmed; only_cofunded: 700 of 700
        ("Baarlo", 2, Decimal("1500.00"), Decimal("2700.00"), Decimal("4100.00"),
         Decimal("2.80"), Decimal("3.73")),
        ("Helden", 1, Decimal("1500.00"), Decimal("2000.00"), Decimal("3400.00"),
         Decimal("2.33"), Decimal("3.27")),
    ]  # fmt: skip
    assert [_figures(row) for row in leverage_per_kern(2026)] == [
        ("Helden", 1, Decimal("2000.00"), Decimal("500.00"), Decimal("1000.00"),
         Decimal("1.25"), Decimal("1.50")),
    ]  # fmt: skip
    assert leverage_per_kern(2024) == []


def test_a_fund_counts_its_own_grants_against_the_cofunding_of_each_initiative_it_funds(money):
    assert [_figures(row) for row in leverage_per_fund(2025)] == [
        ("Kernbudget 2025", 1, Decimal("1000.00"), Decimal("2000.00"), Decimal("3400.00"),
         Decimal("3.00"), Decimal("4.40")),
    ]  # fmt: skip
    # Two initiatives; the shared one's co-funding counts once, although it is in two kernen.
    assert [_figures(row) for row in leverage_per_fund(2026)] == [
        ("Kernbudget 2026", 2, Decimal("2500.00"), Decimal("2500.00"), Decimal("4400.00"),
         Decimal("2.00"), Decimal("2.76")),
    ]  # fmt: skip


def test_a_fund_that_granted_nothing_is_left_out(money):
    FundFactory(name="Noaberfonds", year=2026)
    assert [row.name for row in leverage_report(2026)["funds"]] == ["Kernbudget 2026"]


def test_the_years_run_from_the_first_fund_or_initiative_to_this_year(money):
    assert report_years(datetime.date(2026, 6, 1)) == [2026, 2025]
    FundFactory(name="Kernbudget", year=2027)  # next year's fund, made in advance
    FundFactory(name="Oud", year=2022)
    assert report_years(datetime.date(2026, 6, 1)) == [2027, 2026, 2025, 2024, 2023, 2022]


@time_machine.travel(NOON_2026, tick=False)
def test_the_page_shows_this_year_and_links_the_others(client_for, wethouder, money):
    client = client_for(wethouder)
    response = client.get(reverse("initiatives:leverage"))
    assert response.context["year"] == 2026
    assert [row.name for row in response.context["kernen"]] == ["Helden"]
    assert "Kernbudget 2026" in response.text and "Kernbudget 2025" not in response.text
    assert 'href="?jaar=2025"' in response.text
    response = client.get(reverse("initiatives:leverage"), {"jaar": "2025"})
    assert [row.name for row in response.context["kernen"]] == ["Baarlo", "Helden"]
    assert "2,80×" in response.text and "Kernbudget 2025" in response.text
    for unknown in ("1990", "volgend jaar"):
        response = client.get(reverse("initiatives:leverage"), {"jaar": unknown})
        assert response.context["year"] == 2026


@time_machine.travel(NOON_2026, tick=False)
def test_the_page_runs_the_same_queries_whatever_the_number_of_kernen_initiatives_and_funds(
    client_for, wethouder, money, constant_queries
):
    client = client_for(wethouder)

    def add_rows():
        for year in (2024, 2026):
            fund = FundFactory(name=f"Extra {year}", year=year)
            for _ in range(3):
                initiative = _submitted(year, kernen=[KernFactory(), money["baarlo"]])
                GrantFactory(fund=fund, initiative=initiative,
                             decided_at=datetime.date(year, 6, 1))  # fmt: skip
                CoFundingFactory(initiative=initiative)

    response = constant_queries(lambda: client.get(reverse("initiatives:leverage")), add_rows)
    assert len(response.context["kernen"]) == 1 + 3 + 1  # Helden, three new kernen, Baarlo
