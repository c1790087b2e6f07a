"""The participation lists are paged on generated data: each page holds at most its page size,
the second page shows other rows than the first, and walking the pages shows every row once."""

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse

from kernen.selectors import my_kern_ids
from kernportal.pagination import PAGE_PARAM
from roles.clashes import load_signals, role_signals
from roles.models import Classification, ParticipationRequest, ParticipationReview, ReviewStatus

SIZE = 2


def walk(client, url, key):
    first = client.get(url).context["page_obj"]
    assert first.paginator.count > SIZE  # the data must reach a second page
    pages = []
    for number in first.paginator.page_range:
        page = client.get(url, {PAGE_PARAM: number}).context["page_obj"]
        assert len(page.object_list) <= SIZE
        pages.append([key(row) for row in page.object_list])
    assert set(pages[0]).isdisjoint(pages[1])
    return [pk for page in pages for pk in page]


def test_the_inbox_pages_the_reviews_waiting_for_the_kcp(scale_data, client, monkeypatch):
    monkeypatch.setattr("roles.views.REVIEWS_PER_PAGE", SIZE)
    scale_data.grow()
    kcp = get_user_model().objects.get(pk=scale_data.busiest_kcp_id)
    client.force_login(kcp)
    seen = walk(client, reverse("roles:inbox"), lambda review: review.pk)
    waiting = ParticipationReview.objects.waiting().filter(kern_id__in=my_kern_ids(kcp))
    assert len(seen) == len(set(seen)) == waiting.count()
    assert set(seen) == set(waiting.values_list("pk", flat=True))


def test_my_requests_are_paged_newest_first(scale_data, client, monkeypatch):
    monkeypatch.setattr("roles.views.REQUESTS_PER_PAGE", SIZE)
    scale_data.grow()
    busiest = (
        ParticipationRequest.objects.values("requester_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    client.force_login(get_user_model().objects.get(pk=busiest["requester_id"]))
    seen = walk(client, reverse("roles:request_list"), lambda request: request.pk)
    mine = ParticipationRequest.objects.filter(requester_id=busiest["requester_id"])
    assert seen == list(mine.order_by("-created_at", "-pk").values_list("pk", flat=True))


def test_the_signals_in_sql_follow_the_rules_of_role_signals(scale_data):
    """`signal_rows` states the rules of `role_signals` in SQL: on generated data, with
    requests pointed at classified objects (the generator files none about a subject), both
    give the same signals in the same order."""
    scale_data.grow()
    current = Classification.objects.current()
    requests = iter(ParticipationRequest.objects.order_by("pk"))
    for c in list(current.filter(role__in=("green", "red")).order_by("pk")[:12]):
        request = next(requests)
        request.subject_content_type_id, request.subject_object_id = c.content_type_id, c.object_id
        request.save(update_fields=["subject_content_type", "subject_object_id"])
        ParticipationReview.objects.update_or_create(request=request, kern_id=c.kern_id)
    # Some declined: they no longer count.
    ParticipationReview.objects.filter(
        pk__in=ParticipationReview.objects.order_by("pk")[:3]
    ).update(status=ReviewStatus.DECLINED)
    # And a request classified red that still stands for its kern.
    request_type = ContentType.objects.get_for_model(ParticipationRequest)
    red_request = current.filter(content_type=request_type).order_by("pk").last()
    current.filter(pk=red_request.pk).update(role="red", owner="municipality")
    ParticipationReview.objects.filter(
        request_id=red_request.object_id, kern_id=red_request.kern_id
    ).update(status=ReviewStatus.PENDING)

    standing = {}
    for review in ParticipationReview.objects.exclude(status=ReviewStatus.DECLINED).select_related(
        "request"
    ):
        row = standing.setdefault(
            review.request_id,
            SimpleNamespace(
                pk=review.request_id,
                subject_content_type_id=review.request.subject_content_type_id,
                subject_object_id=review.request.subject_object_id,
                kern_ids=[],
            ),
        )
        row.kern_ids.append(review.kern_id)
    expected = role_signals(
        list(current.order_by("-pk")),
        standing.values(),
        request_type_id=request_type.pk,
    )
    got = load_signals()
    assert any(s.kind == "red_with_request" and s.title == red_request.title for s in got)
    assert {s.kind for s in got} == {
        "community_owned_not_green",
        "green_with_requests",
        "red_with_request",
    }
    assert [(s.kind, s.kern_id, s.title, s.message) for s in got] == [
        (s.kind, s.kern_id, s.title, s.message) for s in expected
    ]
