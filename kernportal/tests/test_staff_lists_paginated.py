"""The long staff lists are paged: each page holds at most `PER_PAGE` rows, and walking the
pages shows every row the list holds exactly once (a deterministic order, pk as tiebreaker),
on generated data larger than one page."""

from django.urls import reverse

import pytest

from kernportal.pagination import PAGE_PARAM, PER_PAGE

LISTS = [
    ("initiatives:board", {}),
    ("initiatives:board", {"weergave": "kolommen"}),
    ("contacts:person_list", {}),
    ("contacts:question_list", {"weergave": "alle", "afgehandeld": "1"}),
]


@pytest.mark.parametrize(("name", "params"), LISTS, ids=lambda v: str(v))
def test_it_shows_every_row_once_across_bounded_pages(scale_data, client, name, params):
    scale_data.grow()
    client.force_login(scale_data.user("gebiedsregisseur"))
    first = client.get(reverse(name), params).context["page_obj"]
    total = first.paginator.count
    assert total > PER_PAGE  # the data must reach a second page for this test to mean anything
    seen = []
    for number in first.paginator.page_range:
        page = client.get(reverse(name), {**params, PAGE_PARAM: number}).context["page_obj"]
        assert len(page.object_list) <= PER_PAGE
        seen.extend(obj.pk for obj in page.object_list)
    assert len(seen) == len(set(seen)) == total


def test_the_columns_count_all_matching_initiatives_not_only_this_page(scale_data, client):
    from initiatives.models import Initiative

    scale_data.grow()
    client.force_login(scale_data.user("gebiedsregisseur"))
    response = client.get(reverse("initiatives:board"), {"weergave": "kolommen"})
    assert sum(total for _, _, total in response.context["columns"]) == Initiative.objects.count()
    assert response.context["page_obj"].paginator.count == Initiative.objects.count()
