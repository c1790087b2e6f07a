"""The decision process as the initiator sees it on the tracking page: steps done with dates,
where they are now, what comes next and roughly when, and who decides."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone, translation

from .models import DECISIONS, DecisionStep, Status
from .models.process import MAIN_LINE


def _label(key: str, config: DecisionStep | None) -> str:
    """The admin's own name for the step in the default language; in another language the
    translated standard name (the admin's texts exist in Dutch only)."""
    if config and translation.get_language() == settings.LANGUAGE_CODE:
        return config.label
    return str(dict(DecisionStep.STEP_CHOICES).get(key, config.label if config else key))


def stage_of(status: str) -> str:
    return "decision" if status in DECISIONS else status


@dataclass
class Stage:
    key: str
    label: str
    explanation: str
    decided_by: str
    typical_days: int
    state: str  # "done", "current", "next", "later", "skipped"
    on: date | None = None  # the date it was reached (done/current) or is expected (next/later)
    public_reason: str = ""
    outcome: str = ""


def build(initiative, steps, configs: dict[str, DecisionStep]) -> dict:
    """`steps` are the initiative's StatusSteps in order; `configs` the DecisionSteps by key.
    No queries."""
    reached: dict[str, tuple[date, object]] = {}
    for step in steps:
        reached[stage_of(step.to_status)] = (timezone.localdate(step.at), step)
    current = stage_of(initiative.status)
    withdrawn = initiative.status == Status.WITHDRAWN
    declined = initiative.status == Status.DECLINED
    ended_at, withdraw_step = reached.get(Status.WITHDRAWN, (None, None))
    position = MAIN_LINE.index(current) if current in MAIN_LINE else None
    if withdrawn:
        # The last main-line stage reached before withdrawal counts as where it stopped.
        done_keys = [k for k in MAIN_LINE if k in reached]
        position = MAIN_LINE.index(done_keys[-1]) if done_keys else 0

    stages = []
    expected = None
    for index, key in enumerate(MAIN_LINE):
        config = configs.get(key)
        stage = Stage(
            key=key,
            label=_label(key, config),
            explanation=config.public_explanation if config else "",
            decided_by=config.who_decides(initiative.amount_requested) if config else "",
            typical_days=config.typical_days if config else 0,
            state="later",
        )
        if key in reached and index <= position:
            stage.on, step = reached[key]
            stage.public_reason = step.public_reason
            if key == "decision":
                stage.outcome = step.get_to_status_display()
        if index < position or (
            index == position and (withdrawn or declined or key == Status.COMPLETED)
        ):
            stage.state = "done"
        elif index == position:
            stage.state = "current"
            expected = (stage.on or timezone.localdate()) + timedelta(days=stage.typical_days)
        elif withdrawn or declined:
            stage.state = "skipped"
        else:
            stage.state = "next" if stages[-1].state == "current" else "later"
            stage.on = expected
            expected = expected + timedelta(days=stage.typical_days) if expected else None
        stages.append(stage)
    upcoming = next((s for s in stages if s.state == "next"), None)
    return {
        "stages": stages,
        "current": next((s for s in stages if s.state == "current"), None),
        "upcoming": upcoming,
        "withdrawn_on": ended_at,
        "withdrawn": withdrawn,
        "withdrawn_reason": withdraw_step.public_reason if withdraw_step else "",
        "declined": declined,
    }
