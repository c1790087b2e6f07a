from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from initiatives.models import (
    DECISIONS,
    FINAL,
    TRANSITIONS,
    DecisionStep,
    Fund,
    Status,
    allowed_transitions,
    check_transition,
)

from .factories import FundFactory, GrantFactory, InitiativeFactory

ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values]
LEGAL = [(a, b) for a, b in ALL_PAIRS if b in TRANSITIONS[a]]
ILLEGAL = [(a, b) for a, b in ALL_PAIRS if b not in TRANSITIONS[a]]


def test_the_table_knows_every_status():
    assert set(TRANSITIONS) == set(Status.values)


@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_it_allows_the_steps_of_the_process(from_status, to_status):
    check_transition(from_status, to_status)


@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_it_refuses_every_other_step_in_dutch(from_status, to_status):
    with pytest.raises(ValidationError) as error:
        check_transition(from_status, to_status)
    assert "kan een initiatief niet naar" in str(error.value)


def test_the_main_line_and_the_way_out():
    assert allowed_transitions(Status.RECEIVED) == {Status.FIRST_CONVERSATION, Status.WITHDRAWN}
    assert allowed_transitions(Status.PLAN) >= DECISIONS
    assert {Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN} == FINAL
    for status in set(Status.values) - FINAL:
        assert Status.WITHDRAWN in allowed_transitions(status), status


def test_who_decides_depends_on_the_amount():
    step = DecisionStep(
        step="decision",
        label="Besluit",
        decided_by="de wethouder",
        amount_threshold=Decimal("5000"),
        decided_by_above="het college",
    )
    assert step.who_decides(Decimal("5000")) == "de wethouder"
    assert step.who_decides(Decimal("5000.01")) == "het college"
    assert step.who_decides(None) == "de wethouder"


def test_a_threshold_needs_someone_above_it():
    step = DecisionStep(step="decision", label="Besluit", amount_threshold=Decimal("1"))
    with pytest.raises(ValidationError, match="boven de bedraggrens"):
        step.clean()


@pytest.mark.django_db
def test_the_data_migration_describes_every_step():
    steps = {s.step: s for s in DecisionStep.objects.all()}
    assert set(steps) == {key for key, _ in DecisionStep.STEP_CHOICES}
    assert steps["decision"].who_decides(Decimal("10000")).startswith("het college")


@pytest.mark.django_db
def test_a_per_inhabitant_fund_counts_the_inhabitants_of_its_kernen():
    from kernen.tests.factories import KernFactory

    fund = FundFactory(
        per_inhabitant=True,
        kernen=[KernFactory(inhabitants=1000), KernFactory(inhabitants=2500)],
    )
    assert fund.compute_total() == Decimal("7000.00")
    GrantFactory(fund=fund, amount=Decimal("1500.00"), paid_amount=Decimal("500.00"))
    annotated = Fund.objects.with_totals().get(pk=fund.pk)
    assert (annotated.total, annotated.granted, annotated.paid, annotated.remaining) == (
        Decimal("7000.00"),
        Decimal("1500.00"),
        Decimal("500.00"),
        Decimal("5500.00"),
    )


@pytest.mark.django_db
def test_a_fund_needs_the_amount_of_its_kind():
    with pytest.raises(ValidationError) as error:
        Fund(name="X", year=2026, kind=Fund.Kind.FIXED).full_clean()
    assert "Vul het vaste bedrag in." in error.value.message_dict["fixed_amount"]


@pytest.mark.django_db
def test_tokens_are_long_random_unique_and_stored_only_as_a_hash():
    from kernportal.tokens import hash_token

    a, b = InitiativeFactory(), InitiativeFactory()
    assert a.tracking_token != b.tracking_token
    assert len(a.tracking_token) >= 40
    a.refresh_from_db()
    assert a.token_hash == hash_token(a.tracking_token)
    assert a.tracking_token not in str(a.__class__.objects.filter(pk=a.pk).values().get())


@pytest.mark.django_db
def test_public_means_running_or_completed_with_consent():
    from initiatives.models import Initiative

    shown = [InitiativeFactory(running=True), InitiativeFactory(completed=True)]
    InitiativeFactory(running=True, private=True)
    InitiativeFactory(granted=True)
    assert set(Initiative.objects.public()) == set(shown)


@pytest.mark.django_db
def test_the_status_history_is_append_only():
    step = InitiativeFactory().steps.get()
    step.note = "veranderd"
    with pytest.raises(ValueError, match="append-only"):
        step.save()
    with pytest.raises(ValueError, match="append-only"):
        step.delete()
