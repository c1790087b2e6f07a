"""Reminder digest sections: each app registers what needs a staff member's attention.

A section's `collect(users, windows, now)` receives all recipients at once and returns
{user_id: [DigestItem, …]}. It must run a bounded number of queries whatever the number of
users and items (filter with `__in`, group in Python). `windows` maps user_id to the start of
that user's window (their last successful digest), so "new since" means new in that window.
Apps register sections in their AppConfig.ready() by importing their `digest.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str  # a path from reverse(); made absolute with SITE_URL when the e-mail is rendered
    detail: str = ""
    when: date | datetime | None = None  # due date, waiting since, or starting at
    overdue: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    collect: Callable[[list, dict[int, datetime], datetime], dict[int, list[DigestItem]]]
    url: str = ""  # a URL name: the staff page that lists all of the section's kind of work


_sections: dict[str, Section] = {}


def register(key: str, *, title: str, order: int = 100, url: str = ""):
    def decorator(func):
        _sections[key] = Section(key=key, title=title, order=order, collect=func, url=url)
        return func

    return decorator


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: s.order)


# A section of a digest shows this many items (the most pressing first, as the section
# orders them) and says how many more there are: a mail of hundreds of items is read by no
# one, and rendering it for a thousand recipients took minutes.
SECTION_LIMIT = 10


class SectionItems(list):
    """The first SECTION_LIMIT items of a section, knowing how many there are in all."""

    def __init__(self, items):
        super().__init__(items[:SECTION_LIMIT])
        self.total = len(items)

    @property
    def more(self) -> int:
        return self.total - len(self)


@dataclass
class Digest:
    """What one user's digest holds for one window; sections without items are left out."""

    user: object
    window_start: datetime
    window_end: datetime
    sections: list[tuple[Section, list[DigestItem]]]

    @property
    def item_count(self) -> int:
        return sum(getattr(items, "total", len(items)) for _, items in self.sections)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0


class Recipients(list):
    """The users of one build, with a memo the sections share: a lookup several sections need
    (such as each user's kernen) runs once per build instead of once per section."""

    def __init__(self, users):
        super().__init__(users)
        self.memo = {}


def shared(users, key, compute: Callable[[], object]):
    """`compute()` once per build for `key`; outside build_digests (plain list) every call."""
    memo = getattr(users, "memo", None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def build_digests(users, windows: dict[int, datetime], now: datetime) -> dict[int, Digest]:
    """The digests of all `users` at once: one `collect` call per section, whatever their number."""
    users = Recipients(users)
    collected = [(section, section.collect(users, windows, now)) for section in sections()]
    return {
        user.pk: Digest(
            user=user,
            window_start=windows[user.pk],
            window_end=now,
            sections=[
                (s, SectionItems(items[user.pk])) for s, items in collected if items.get(user.pk)
            ],
        )
        for user in users
    }
