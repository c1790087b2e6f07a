"""Reminder digest sections: each app registers what needs a staff member's attention.

A section's `collect(users, windows, now)` receives all recipients at once and returns
{user_id: SectionItems} (the first SECTION_LIMIT items and the total; a plain list counts as
all there is). It must run a bounded number of queries whatever the number of users, and read
a bounded number of rows whatever the years of data: `first_rows` reads the first items of
each group and counts the rest in SQL, `combine` joins one user's groups (their kernen, their
own). Sections that read the same table share one query through `shared`. `windows` maps
user_id to the start of that user's window (their last successful digest), so "new since"
means new in that window. Apps register sections in their AppConfig.ready() by importing
their `digest.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Q, Subquery, Value, Window
from django.db.models.functions import DenseRank, RowNumber


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
    """The first SECTION_LIMIT items of a section, knowing how many there are in all (`total`,
    counted in SQL by the section; without it, the items given are all there are)."""

    def __init__(self, items, total: int | None = None):
        items = list(items)
        super().__init__(items[:SECTION_LIMIT])
        self.total = len(items) if total is None else total

    @property
    def more(self) -> int:
        return self.total - len(self)


@dataclass
class Part:
    """The first rows of one group of a bounded read (`first_rows`), in order, and its total."""

    rows: list
    total: int


def first_rows(
    queryset,
    order_by: list,
    groups: dict,
    *,
    repeated: bool = False,
    orders: dict | None = None,
    single: bool = False,
) -> dict:
    """Read only what a digest shows: of `queryset`'s rows, the first SECTION_LIMIT of each
    group in `order_by` and each group's total, counted in the same query (window functions).

    `groups` maps a name to an expression (or a list of them) whose value puts a row in a
    group; a row may be in one group of each name, and a NULL value puts it in none of that
    name (a `Case` without default leaves out rows outside that group's scope). Returns
    {(name, value): Part}, value a tuple for a list of expressions. `order_by` must order
    rows completely (end with "pk"). With `repeated`, rows that a join repeats (a many-valued
    relation in the groups' expressions) count once: ranks and totals use DENSE_RANK (the
    total is the rank of a row counted from both ends, less one). `orders` gives a group an
    order of its own, so two sections reading one table can share the query. With `single`
    the caller knows all rows fall in one group of the only name (one recipient, as on the
    preview page): the first rows are read with LIMIT and the total as a subquery of the
    same query, so the database stops after them instead of ranking every row.
    """
    limit = SECTION_LIMIT
    if single:
        return _first_rows_of_one(queryset, order_by, groups, limit)
    annotations, keys, within = {}, {}, Q()
    for name, expression in groups.items():
        order = (orders or {}).get(name, order_by)
        parts = expression if isinstance(expression, list | tuple) else [expression]
        parts = [F(p) if isinstance(p, str) else p for p in parts] or None  # [] is one group
        keys[name] = [f"_{name}_key{n}" for n in range(len(parts or ()))]
        annotations |= dict(zip(keys[name], parts or (), strict=True))
        if repeated:
            annotations[f"_{name}_rank"] = Window(DenseRank(), partition_by=parts, order_by=order)
            annotations[f"_{name}_back"] = Window(
                DenseRank(), partition_by=parts, order_by=[_reversed(term) for term in order]
            )
        else:
            annotations[f"_{name}_rank"] = Window(RowNumber(), partition_by=parts, order_by=order)
            annotations[f"_{name}_total"] = Window(Count("*"), partition_by=parts)
        # Rows outside every group of this name (NULL) rank among themselves: not read.
        within |= Q(**{f"_{name}_rank__lte": limit}) & Q(
            **{f"{column}__isnull": False for column in keys[name]}
        )
    result, seen = {}, set()
    for row in queryset.annotate(**annotations).filter(within).order_by():
        for name, columns in keys.items():
            values = tuple(getattr(row, c) for c in columns)
            rank = getattr(row, f"_{name}_rank")
            if any(v is None for v in values) or rank > limit:
                continue
            key = (name, values[0] if len(values) == 1 else values)
            if (key, row.pk) in seen:  # the same row once more through a join
                continue
            seen.add((key, row.pk))
            if repeated:
                total = rank + getattr(row, f"_{name}_back") - 1
            else:
                total = getattr(row, f"_{name}_total")
            part = result.setdefault(key, Part(rows=[], total=total))
            part.rows.append((rank, row))
    for part in result.values():
        part.rows = [row for _, row in sorted(part.rows, key=lambda pair: pair[0])]
    return result


def first_rows_by_kern(queryset, order_by: list, kernen: dict) -> dict:
    """For a section scoped by its recipients' kernen (`kernen`: {user_id: kern ids}, the
    queryset's rows in all of them, each with a `kern_id`): {user_id: [Part, …]},
    one part per kern of the user, for `combine`. A single recipient's rows form one group,
    read with LIMIT (`first_rows(single=True)`)."""
    if len(kernen) == 1:
        ((user_id, _kern_ids),) = kernen.items()
        part = first_rows(queryset, order_by, {"user": Value(user_id)}, single=True).get(
            ("user", user_id)
        )
        return {user_id: [part]} if part else {}
    parts = first_rows(queryset, order_by, {"kern": "kern_id"})
    result = {}
    for user_id, kern_ids in kernen.items():
        mine = [parts[key] for k in kern_ids if (key := ("kern", k)) in parts]
        if mine:
            result[user_id] = mine
    return result


def _first_rows_of_one(queryset, order_by, groups, limit) -> dict:
    ((name, expression),) = groups.items()
    key = F(expression) if isinstance(expression, str) else expression
    total = (
        queryset.order_by()
        .annotate(_group=key)
        .values("_group")
        .annotate(_count=Count("*"))
        .values("_count")
    )
    rows = list(queryset.annotate(_group=key, _total=Subquery(total)).order_by(*order_by)[:limit])
    if not rows:
        return {}
    return {(name, rows[0]._group): Part(rows=rows, total=rows[0]._total)}


def _reversed(term):
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    return term.copy().reverse_ordering() if hasattr(term, "reverse_ordering") else term.desc()


def combine(parts, key=None, item=None) -> SectionItems:
    """One recipient's section from `Part`s that share no row, each holding its first rows in
    order and its total: the first rows of all in order of `key` (a
    stable sort, so parts given first win ties), made into DigestItems by `item` (only those
    shown), and the sum of the totals."""
    parts = list(parts)
    rows = [row for part in parts for row in part.rows]
    if key is not None:
        rows.sort(key=key)
    rows = rows[:SECTION_LIMIT]
    if item is not None:
        rows = [item(row) for row in rows]
    return SectionItems(rows, total=sum(part.total for part in parts))


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
                (s, _bounded(items[user.pk])) for s, items in collected if items.get(user.pk)
            ],
        )
        for user in users
    }


def _bounded(items) -> SectionItems:
    """A section's items for one user: as the section bounded them, or bounded here."""
    if isinstance(items, SectionItems):
        return items
    return SectionItems(items)
