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


def test_the_roles_overview_pages_its_signals(scale_data, client, monkeypatch):
    from roles.clashes import load_signals

    monkeypatch.setattr("roles.views.SIGNALS_PER_PAGE", 2)
    scale_data.grow()
    every = load_signals()
    assert len(every) > 2
    client.force_login(scale_data.user("gebiedsregisseur"))
    seen = []
    for number in range(1, (len(every) + 1) // 2 + 1):
        response = client.get(reverse("roles:overview"), {PAGE_PARAM: number})
        assert len(response.context["signals"]) <= 2
        seen.extend(response.context["signals"])
    assert seen == every


def test_the_kern_page_shows_the_first_signals_and_how_many_more(scale_data, client, monkeypatch):
    from django.contrib.auth import get_user_model

    from kernen.models import Kern
    from roles.clashes import load_signals

    monkeypatch.setattr("roles.panels.SIGNALS_SHOWN", 1)
    scale_data.grow()
    kern = Kern.objects.get(pk=scale_data.busiest_kern_id)
    every = load_signals(kern)
    assert len(every) > 1
    client.force_login(get_user_model().objects.get(pk=scale_data.busiest_kcp_id))
    page = client.get(reverse("kernen:detail", args=[kern.slug])).content.decode()
    assert page.count('badge text-bg-warning">Signaal') == 1
    assert f"En nog {len(every) - 1} signa" in page
