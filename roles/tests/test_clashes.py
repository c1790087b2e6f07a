from types import SimpleNamespace

import pytest

from roles.clashes import (
    COMMUNITY_OWNED,
    GREEN_WITH_REQUESTS,
    RED_WITH_REQUEST,
    first_signals,
    load_signals,
    role_signals,
)
from roles.definitions import Owner, Role

from .factories import ClassificationFactory, ParticipationRequestFactory

ITEM_TYPE, REQUEST_TYPE = 7, 9


def item(role, owner=Owner.MUNICIPALITY, *, ct=ITEM_TYPE, pk=1, kern_id=1):
    return SimpleNamespace(
        content_type_id=ct, object_id=pk, kern_id=kern_id, title="Dorpsplan", role=role, owner=owner
    )


def request_on(pk=1, kern_ids=(1,), ct=ITEM_TYPE, request_pk=100):
    return SimpleNamespace(
        pk=request_pk, subject_content_type_id=ct, subject_object_id=pk, kern_ids=list(kern_ids)
    )


def standing_request(pk, kern_ids=(1,)):
    return SimpleNamespace(
        pk=pk, subject_content_type_id=None, subject_object_id=None, kern_ids=list(kern_ids)
    )


def kinds(signals):
    return [s.kind for s in signals]


@pytest.mark.parametrize("role", [Role.RED, Role.BLUE])
def test_it_flags_a_community_owned_item_classified_red_or_blue(role):
    signals = role_signals([item(role, Owner.COMMUNITY)], [])
    assert kinds(signals) == [COMMUNITY_OWNED]
    assert "gemeenschap is eigenaar" in signals[0].message


@pytest.mark.parametrize("owner", [Owner.COMMUNITY, Owner.SHARED])
def test_it_accepts_green_for_a_community_owned_or_shared_item(owner):
    assert role_signals([item(Role.GREEN, owner)], []) == []


def test_it_flags_a_green_item_with_municipal_participation_requests_on_it():
    signals = role_signals([item(Role.GREEN, Owner.COMMUNITY)], [request_on(), request_on()])
    assert kinds(signals) == [GREEN_WITH_REQUESTS]
    assert "2 participatieverzoek" in signals[0].message


def test_it_only_counts_requests_for_the_same_object_and_kern():
    other_object, other_kern = request_on(pk=2), request_on(kern_ids=[5])
    assert role_signals([item(Role.GREEN)], [other_object, other_kern]) == []


def test_it_flags_a_red_item_with_a_participation_request():
    assert kinds(role_signals([item(Role.RED)], [request_on()])) == [RED_WITH_REQUEST]


def test_it_flags_a_standing_participation_request_that_is_itself_classified_red():
    red_request = item(Role.RED, ct=REQUEST_TYPE, pk=1)
    signals = role_signals([red_request], [standing_request(1)], request_type_id=REQUEST_TYPE)
    assert kinds(signals) == [RED_WITH_REQUEST]


def test_a_red_request_declined_for_the_kern_no_longer_flags():
    red_request = item(Role.RED, ct=REQUEST_TYPE, pk=1)
    other_kern_only = standing_request(1, kern_ids=[2])
    assert role_signals([red_request], [other_kern_only], request_type_id=REQUEST_TYPE) == []


def test_a_blue_municipal_item_with_requests_is_role_pure():
    assert role_signals([item(Role.BLUE)], [request_on()]) == []


@pytest.mark.django_db
def test_load_signals_reads_current_classifications_and_standing_requests(kern, other_kern):
    green = ClassificationFactory(kern=kern, green=True, community=True)
    ParticipationRequestFactory(kernen=[kern], subject_object=green.content_object)
    ClassificationFactory(kern=kern, red=True, community=True, is_current=False)  # history
    ClassificationFactory(kern=other_kern, community=True)
    signals = load_signals(kern)
    assert kinds(signals) == [GREEN_WITH_REQUESTS]
    assert signals[0].kern_name == "Egchel"
    assert signals[0].url == green.content_object.get_absolute_url()
    assert sorted(kinds(load_signals())) == sorted([GREEN_WITH_REQUESTS, COMMUNITY_OWNED])


@pytest.mark.django_db
def test_a_declined_request_no_longer_raises_a_signal(kern):
    green = ClassificationFactory(kern=kern, green=True)
    request = ParticipationRequestFactory(kernen=[kern], subject_object=green.content_object)
    request.reviews.update(status="declined")
    assert load_signals(kern) == []


@pytest.mark.django_db
def test_a_red_request_raises_a_signal_until_it_is_declined(kern):
    request = ParticipationRequestFactory(kernen=[kern], role=Role.RED)
    ClassificationFactory(obj=request, kern=kern, red=True)
    assert kinds(load_signals(kern)) == [RED_WITH_REQUEST]
    request.reviews.update(status="declined")
    assert load_signals(kern) == []


@pytest.fixture
def clashing(kern, other_kern):
    """Every kind of signal in `kern` and near misses: other kernen, history, declined."""
    from kernen.tests.factories import AgendaItemFactory

    community_red = ClassificationFactory(kern=kern, red=True, community=True)
    green = ClassificationFactory(
        kern=kern, green=True, community=True, obj=AgendaItemFactory(kern=kern)
    )
    for _ in range(2):
        ParticipationRequestFactory(kernen=[kern, other_kern], subject_object=green.content_object)
    declined = ParticipationRequestFactory(kernen=[kern], subject_object=green.content_object)
    declined.reviews.update(status="declined")
    ParticipationRequestFactory(kernen=[other_kern], subject_object=green.content_object)
    red_asked = ClassificationFactory(
        kern=kern, red=True, community=True, obj=AgendaItemFactory(kern=kern)
    )
    ParticipationRequestFactory(kernen=[kern], subject_object=red_asked.content_object)
    red_request = ParticipationRequestFactory(kernen=[kern], role=Role.RED)
    ClassificationFactory(obj=red_request, kern=kern, red=True)
    ClassificationFactory(kern=kern)  # blue, municipal: role-pure
    ClassificationFactory(kern=kern, red=True, community=True, is_current=False)  # history
    ClassificationFactory(kern=other_kern, community=True)
    return community_red


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 2, 3, 10])
def test_first_signals_are_the_first_of_load_signals_and_how_many_in_one_query(
    clashing, kern, limit, django_assert_num_queries
):
    every = load_signals(kern)
    # community-owned red; green asked twice; community-owned red asked (two signals); a
    # standing request classified red.
    assert sorted(kinds(every)) == sorted(
        [COMMUNITY_OWNED, GREEN_WITH_REQUESTS, COMMUNITY_OWNED, RED_WITH_REQUEST, RED_WITH_REQUEST]
    )
    with django_assert_num_queries(1):
        shown, total = first_signals(kern, limit)
    assert shown == every[:limit]
    assert total == len(every) == 5
    assert (
        "2 participatieverzoeken" in next(s for s in every if s.kind == GREEN_WITH_REQUESTS).message
    )


@pytest.mark.django_db
def test_first_signals_of_a_quiet_kern_are_none(kern, other_kern):
    ClassificationFactory(kern=other_kern, community=True)
    assert first_signals(kern, 10) == ([], 0)
