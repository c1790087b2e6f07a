"""Participation requests in the staff search (roles/search.py), scoped as
roles/access.py get_request_for_user."""

import pytest

from kernportal.search import search

from .factories import ParticipationRequestFactory

pytestmark = pytest.mark.django_db


def found(user, query):
    return {group.key: group.items for group in search(user, query)}["participatieverzoeken"]


def test_the_requester_finds_their_request(pending, requester):
    assert found(requester, "consultatieavond") == [pending.request]


def test_the_kcp_of_a_reviewing_kern_finds_it(pending, kcp):
    assert found(kcp, "dorpsstraat") == [pending.request]


def test_a_kcp_of_another_kern_does_not_find_it(pending, other_kcp):
    assert found(other_kcp, "consultatieavond") == []


def test_another_medewerker_does_not_find_it(pending, colleague):
    assert found(colleague, "consultatieavond") == []


def test_a_request_found_is_one_its_access_function_allows(pending, other_kern, kcp, client_for):
    ParticipationRequestFactory(kernen=[other_kern], subject="Consultatieavond elders")
    client = client_for(kcp)
    for request in found(kcp, "consultatieavond"):
        assert client.get(request.get_absolute_url()).status_code == 200
