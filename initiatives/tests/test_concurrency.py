"""Two staff members granting from the same fund at the same moment cannot overspend it.
Needs PostgreSQL's row locks; SQLite serialises whole-database writes and is skipped."""

import datetime
import threading
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, connections

import pytest

from initiatives import services
from initiatives.models import Grant, Status

from .factories import FundFactory, InitiativeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _grant_at_once(fund, initiatives, amount) -> list[str]:
    """Each initiative asks for `amount` from `fund` in its own thread, released together."""
    barrier = threading.Barrier(len(initiatives))
    outcomes = []

    def grant(initiative):
        try:
            barrier.wait(timeout=10)
            services.grant_allocate(
                fund=fund,
                initiative=initiative,
                amount=amount,
                decided_at=datetime.date(2026, 3, 1),
            )
            outcomes.append("granted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=grant, args=(i,)) for i in initiatives]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_grants_at_the_same_moment_cannot_overspend_a_fund(migrated_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    fund = FundFactory(fixed_amount=Decimal("1000.00"))
    initiatives = [InitiativeFactory(status=Status.GRANTED) for _ in range(2)]
    outcomes = _grant_at_once(fund, initiatives, Decimal("700.00"))
    assert sorted(outcomes) == ["granted", "refused"]
    assert Grant.objects.count() == 1
    assert sum(g.amount for g in Grant.objects.all()) <= fund.compute_total()


def test_many_small_grants_at_once_stop_exactly_at_the_total(migrated_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    fund = FundFactory(fixed_amount=Decimal("500.00"))
    initiative = InitiativeFactory(status=Status.GRANTED)
    outcomes = _grant_at_once(fund, [initiative] * 8, Decimal("100.00"))
    assert outcomes.count("granted") == 5 and outcomes.count("refused") == 3
    assert sum(g.amount for g in Grant.objects.all()) == Decimal("500.00")
