import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from kernen.tests.factories import KernFactory
from roles.selectors import load_heatmap, month_starts, role_mix

from .factories import ClassificationFactory, approved_on

pytestmark = pytest.mark.django_db
D = datetime.date


def test_role_mix_counts_current_classifications_per_kern_and_in_total(kern, other_kern):
    ClassificationFactory(kern=kern, red=True)
    ClassificationFactory(kern=kern, green=True)
    ClassificationFactory(kern=kern, green=True)
    ClassificationFactory(kern=other_kern)
    ClassificationFactory(kern=other_kern, red=True, is_current=False)  # replaced
    mixes, total = role_mix(None, None)
    by_name = {m.label: m.counts for m in mixes}
    assert by_name == {"Beringe": {"blue": 1}, "Egchel": {"red": 1, "green": 2}}
    assert total.counts == {"red": 1, "green": 2, "blue": 1}
    assert total.total == 4
    egchel = next(m for m in mixes if m.label == "Egchel")
    assert [(d.key, n, round(p)) for d, n, p in egchel.segments()] == [
        ("red", 1, 33),
        ("blue", 0, 0),
        ("green", 2, 67),
    ]


def test_role_mix_filters_on_the_period_of_classification(kern):
    ClassificationFactory(
        kern=kern, classified_at=datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)
    )
    ClassificationFactory(
        kern=kern, classified_at=datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)
    )
    _, total = role_mix(D(2026, 2, 1), D(2026, 3, 31))
    assert total.total == 1
    _, total = role_mix(D(2026, 1, 10), D(2026, 1, 10))
    assert total.total == 1


def _queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx)


@pytest.mark.parametrize("selector", ["role_mix", "heatmap"])
def test_overview_selectors_run_constant_queries_for_1_and_30_kernen(selector):
    def build(n):
        for _ in range(n):
            k = KernFactory()
            ClassificationFactory(kern=k, green=True)
            approved_on(k, D(2026, 3, 3))

    def run():
        if selector == "role_mix":
            role_mix(None, None)
        else:
            load_heatmap(D(2026, 1, 1))

    build(1)
    one = _queries(run)
    build(29)
    assert _queries(run) == one


def test_heatmap_counts_approved_requests_per_kern_per_month(kern, other_kern):
    approved_on(kern, D(2026, 1, 31))
    approved_on(kern, D(2026, 2, 1))
    approved_on(kern, D(2026, 2, 28))
    approved_on(kern, D(2027, 1, 1))  # month 13: outside
    approved_on(other_kern, D(2025, 12, 31))  # before the first month
    months, rows = load_heatmap(D(2026, 1, 15))
    assert months == month_starts(D(2026, 1, 1))
    assert len(months) == 12 and months[-1] == D(2026, 12, 1)
    table = {k.name: [n for _, n in cells] for k, cells in rows}
    assert table["Egchel"][:3] == [1, 2, 0]
    assert sum(table["Egchel"]) == 3
    assert sum(table["Beringe"]) == 0
