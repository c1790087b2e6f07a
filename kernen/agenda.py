"""The kern's two agendas side by side over a common month axis."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS

from .models import AgendaItem

MONTHS_BEFORE = 1
MONTHS_AFTER = 10


# Apps above kernen add labels to agenda rows (roles adds the chosen role) without kernen
# importing them, read in the query that fetches the items: annotate() -> {attribute:
# expression over OuterRef("pk")}, labels(item) -> [safe HTML, ...] from those attributes.
_badge_sources = []


def register_badges(annotate, labels):
    if (annotate, labels) not in _badge_sources:
        _badge_sources.append((annotate, labels))


def _with_badge_columns(queryset):
    for annotate, _labels in _badge_sources:
        queryset = queryset.annotate(**annotate())
    return queryset


def with_badges(items):
    """Set `item.badges` on every item (fetched by `agenda_items_for`); returns the items."""
    for item in items:
        item.badges = [badge for _annotate, labels in _badge_sources for badge in labels(item)]
    return items


def with_shown_badges(agenda: dict) -> dict:
    """`with_badges` for the items `two_agendas` shows (the first of each cell and of the
    undated ones), not for every item it counted; returns the agenda."""
    shown = {}
    for row in agenda["rows"]:
        for item in row.community_shown + row.municipal_shown:
            shown[id(item)] = item
    for item in agenda["undated"][:UNDATED_LIMIT]:
        shown[id(item)] = item
    with_badges(shown.values())
    return agenda


CELL_LIMIT = 3
UNDATED_LIMIT = 10


@dataclass
class MonthRow:
    first: datetime.date
    last: datetime.date
    community: list = field(default_factory=list)
    municipal: list = field(default_factory=list)

    @property
    def label(self):
        return f"{MONTHS[self.first.month]} {self.first.year}"

    @property
    def is_clash(self):
        return bool(self.community and self.municipal)

    # A busy kern can have dozens of items in a month: each cell shows the first few and says
    # how many more there are, so the kern page stays small whatever the years of data (three:
    # twelve months of two busy agendas were 55 KB and most of the page's time at five).
    @property
    def community_shown(self):
        return self.community[:CELL_LIMIT]

    @property
    def community_more(self):
        return max(len(self.community) - CELL_LIMIT, 0)

    @property
    def municipal_shown(self):
        return self.municipal[:CELL_LIMIT]

    @property
    def municipal_more(self):
        return max(len(self.municipal) - CELL_LIMIT, 0)


def _month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def two_agendas(items, today=None) -> dict:
    """Lay out a kern's agenda items over a common month axis (one query done by the caller).
    A month where both sides have something is a clash the KCP should look at."""
    today = today or timezone.localdate()
    start = _add_months(today.replace(day=1), -MONTHS_BEFORE)
    rows = []
    for offset in range(MONTHS_BEFORE + MONTHS_AFTER + 1):
        first = _add_months(start, offset)
        rows.append(MonthRow(first=first, last=_add_months(first, 1) - datetime.timedelta(days=1)))
    undated = []
    axis_start = _month_number(start)
    for item in items:
        if item.start_date is None:
            undated.append(item)
            continue
        # The rows of the months the item spans, found by month number (not by trying every
        # row: a busy kern has hundreds of items in range).
        first = max(_month_number(item.start_date) - axis_start, 0)
        last = min(_month_number(item.last_date) - axis_start, len(rows) - 1)
        if first > last:  # before or after the axis
            continue
        for row in rows[first : last + 1]:
            side = row.community if item.side == AgendaItem.Side.COMMUNITY else row.municipal
            side.append(item)
    return {
        "rows": rows,
        "undated": undated,
        "clashes": sum(row.is_clash for row in rows),
        "range_start": rows[0].first,
        "range_end": rows[-1].last,
    }


def agenda_items_for(kern, today=None):
    """Items shown on the kern page: undated ones and those in the month axis' range."""
    today = today or timezone.localdate()
    start = _add_months(today.replace(day=1), -MONTHS_BEFORE)
    end = _add_months(start, MONTHS_BEFORE + MONTHS_AFTER + 1)
    dated = AgendaItem.objects.filter(kern=kern).between(start, end)
    undated = AgendaItem.objects.filter(kern=kern, start_date__isnull=True)
    items = (dated | undated).distinct().only(*SHOWN)
    return list(_with_badge_columns(items))


# The columns the kern page's agenda shows (not the description).
SHOWN = ("kern", "side", "title", "theme", "status", "start_date", "end_date", "responsible")
