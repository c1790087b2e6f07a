from django.db.models import F

import pytest

from kernen.models import Kern
from kernen.tests.factories import KernFactory
from kernportal.queries import first_rows_of_each


@pytest.mark.django_db
def test_each_list_is_bounded_on_its_own_in_one_query(django_assert_num_queries):
    for name in "ABCDEFG":
        KernFactory(name=name, slug=name.lower())
    low = Kern.objects.filter(name__in="ABCDE")
    high = Kern.objects.filter(name__in="CDEFG")
    with django_assert_num_queries(1):
        lists = first_rows_of_each(
            Kern.objects.all(),
            {
                "low": (low, [F("name").asc()], 4),
                "high": (high, [F("name").desc()], 3),
                "none": (Kern.objects.filter(name="Z"), [F("name").asc()], 5),
            },
        )
    assert [k.name for k in lists["low"]] == ["A", "B", "C", "D"]
    # C, D and E are in both selections: each list keeps its own order and bound.
    assert [k.name for k in lists["high"]] == ["G", "F", "E"]
    assert lists["none"] == []
