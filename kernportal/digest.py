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


_sections: dict[str, Section] = {}


def register(key: str, *, title: str, order: int = 100):
    def decorator(func):
        _sections[key] = Section(key=key, title=title, order=order, collect=func)
        return func

    return decorator


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: s.order)
