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
