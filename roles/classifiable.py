"""Which models can carry a government role, and where a kern's community agenda comes from.

Apps register their models here (agenda items, initiatives, questions, participation requests)
so `roles` never imports them: a classification points at any registered object through a
generic relation. A model registers once, usually in its AppConfig.ready().
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Classifiable:
    model: type
    kern_getter: Callable  # obj -> Kern or an iterable of Kern (an object may concern several)
    title_getter: Callable  # obj -> str
    url_getter: Callable  # obj -> path
    get_for_user: Callable  # (user, pk) -> obj; raises Http404/PermissionDenied
    # (pk, kern) -> path, without loading the object: lists of classifications link every row
    # from the classification alone, so a page does not query each classified model.
    link_getter: Callable | None = None

    def link(self, pk, kern) -> str:
        return self.link_getter(pk, kern) if self.link_getter else ""

    def kernen(self, obj) -> list:
        result = self.kern_getter(obj)
        if result is None:
            return []
        if isinstance(result, Iterable):
            return list(result)
        return [result]


_models: dict[str, Classifiable] = {}


def _label(model) -> str:
    return model._meta.label_lower


def register(
    model, *, kern_getter, get_for_user, title_getter=str, url_getter=None, link_getter=None
) -> None:
    """`get_for_user(user, pk)` is the owning app's access check: roles shows or links an object
    only through it, so it is required. `link_getter(pk, kern)`: the object's path from its pk
    and a kern it concerns, for lists (the object's own page still checks access)."""
    url_getter = url_getter or (lambda obj: obj.get_absolute_url())
    _models[_label(model)] = Classifiable(
        model, kern_getter, title_getter, url_getter, get_for_user, link_getter
    )


def unregister(model) -> None:
    _models.pop(_label(model), None)


def get(model_or_obj) -> Classifiable | None:
    return _models.get(_label(model_or_obj))


def get_by_label(label: str) -> Classifiable | None:
    return _models.get(label.lower())


def registered() -> list[Classifiable]:
    return list(_models.values())


# --- The community agenda ---------------------------------------------------------------------

AgendaEntry = tuple[object, str]  # (a date, or a (start, end) pair; title)
_agenda_sources: list[Callable[[object, date, date], list[AgendaEntry]]] = []


def register_agenda_source(func):
    """func(kern, start, end) -> [(date_or_period, title)] for the kern's community agenda."""
    if func not in _agenda_sources:
        _agenda_sources.append(func)
    return func


def unregister_agenda_source(func) -> None:
    if func in _agenda_sources:
        _agenda_sources.remove(func)


def community_agenda(kern, start: date, end: date) -> list[AgendaEntry]:
    """What the kern itself works on between start and end, from every registered source."""
    entries = []
    for source in _agenda_sources:
        entries.extend(source(kern, start, end))
    return entries
