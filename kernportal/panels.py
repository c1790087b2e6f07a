"""Slots on shared pages that other apps fill.

The kern page and the dashboard belong to `kernen`, but contact moments, initiatives and role
signals belong to other apps. Each app registers its panels in its AppConfig.ready(), so
`kernen` never imports its neighbours and an app that is removed simply leaves no panel.
A panel's context function does a constant number of queries and returns None to stay hidden.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    order: int
    context: Callable[..., dict | None]


_registry: dict[str, list[Panel]] = defaultdict(list)

SLOTS = ("dashboard", "kern_detail", "kern_public", "agendaitem")


def register(slot: str, *, template: str, order: int = 100):
    if slot not in SLOTS:
        raise ValueError(f"Unknown panel slot {slot!r}")

    def decorator(func):
        panels = _registry[slot]
        if not any(p.context is func for p in panels):
            panels.append(Panel(template=template, order=order, context=func))
            panels.sort(key=lambda p: p.order)
        return func

    return decorator


def collect(slot: str, request, **kwargs) -> list[tuple[str, dict]]:
    """The (template, context) pairs of the panels that want to show in this slot."""
    result = []
    for panel in _registry[slot]:
        context = panel.context(request, **kwargs)
        if context is not None:
            result.append((panel.template, context))
    return result


# Counts a panel shows, read in the query that fetches the slot's object instead of one query
# per panel: func(request) -> {attribute: expression}, where the expression counts rows for
# OuterRef("pk") (see `kernportal.queries.count_of`). The view annotates its object with all of them; the panel
# reads the attribute (and counts on its own when called with an object fetched elsewhere).
_counts: dict[str, list[Callable]] = defaultdict(list)


def register_counts(slot: str):
    if slot not in SLOTS:
        raise ValueError(f"Unknown panel slot {slot!r}")

    def decorator(func):
        if func not in _counts[slot]:
            _counts[slot].append(func)
        return func

    return decorator


def counts(slot: str, request) -> dict:
    """The annotations the panels of `slot` want on the slot's object."""
    result = {}
    for func in _counts[slot]:
        result.update(func(request))
    return result
