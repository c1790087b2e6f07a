import datetime
from decimal import Decimal

import pytest
import time_machine

from initiatives import services, timeline
from initiatives.models import Status

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def build(initiative):
    return timeline.build(initiative, list(initiative.steps.all()), services.decision_steps())


def walk(initiative, *statuses, by=None):
    for n, status in enumerate(statuses, start=1):
        services.initiative_transition(
            initiative=initiative,
            to_status=status,
            by=by,
            public_reason="Omdat het plan goed is." if status in ("granted", "declined") else "",
            now=START + datetime.timedelta(days=10 * n),
        )
        initiative.refresh_from_db()


@time_machine.travel(START, tick=False)
def test_a_new_initiative_sees_what_comes_next_and_when():
    initiative = InitiativeFactory(created_at=START, amount_requested=Decimal("8000"))
    result = build(initiative)
    states = [(s.key, s.state) for s in result["stages"]]
    assert states == [
        ("received", "current"),
        ("first_conversation", "next"),
        ("plan", "later"),
        ("decision", "later"),
        ("running", "later"),
        ("completed", "later"),
    ]
    assert result["upcoming"].label == "Eerste gesprek"
    # received typically takes 5 days, so the first conversation is expected 5 days later
    assert result["upcoming"].on == datetime.date(2026, 3, 7)
    decision = result["stages"][3]
    assert decision.decided_by == "het college van burgemeester en wethouders"  # above €5.000


def test_steps_done_carry_their_dates_and_the_decision_its_reason():
    initiative = InitiativeFactory(created_at=START)
    walk(initiative, "first_conversation", "plan", "granted")
    result = build(initiative)
    by_key = {s.key: s for s in result["stages"]}
    assert by_key["first_conversation"].state == "done"
    assert by_key["first_conversation"].on == datetime.date(2026, 3, 12)
    assert by_key["decision"].state == "current"
    assert by_key["decision"].outcome == "Besluit: toegekend"
    assert by_key["decision"].public_reason == "Omdat het plan goed is."
    assert result["upcoming"].key == "running"


def test_a_declined_initiative_ends_at_the_decision():
    initiative = InitiativeFactory(created_at=START)
    walk(initiative, "first_conversation", "plan", "declined")
    states = {s.key: s.state for s in build(initiative)["stages"]}
    assert states["decision"] == "done"
    assert states["running"] == states["completed"] == "skipped"
    assert build(initiative)["upcoming"] is None


def test_a_withdrawn_initiative_shows_where_it_stopped():
    initiative = InitiativeFactory(created_at=START)
    walk(initiative, "first_conversation", Status.WITHDRAWN)
    result = build(initiative)
    assert result["withdrawn"]
    assert result["withdrawn_on"] == datetime.date(2026, 3, 22)
    states = {s.key: s.state for s in result["stages"]}
    assert states["first_conversation"] == "done"
    assert states["plan"] == "skipped"


def test_a_completed_initiative_has_every_step_done():
    initiative = InitiativeFactory(created_at=START)
    walk(initiative, "first_conversation", "plan", "granted", "running", "completed")
    assert {s.state for s in build(initiative)["stages"]} == {"done"}
