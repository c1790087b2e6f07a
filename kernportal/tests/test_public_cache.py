"""The public pages' cache: shared between anonymous visitors only, per language, invalidated
by changes, never holding anything personal."""

from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from initiatives.models import Initiative
from initiatives.tests.factories import InitiativeFactory
from kernen.models import Kern
from kernen.tests.factories import KcpAssignmentFactory, UserFactory
from kernportal import public_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The test's transaction never commits: run what a commit would (the invalidation)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_change_is_not_seen_before_it_is_committed(client, kern, kern_page):
    """A page rendered between the change and its commit must not be kept as the new one."""
    get(client, kern_page)
    kern.description = "Nog niet vastgelegd."
    kern.save()
    assert get(client, kern_page)[1] == 0  # still the cached page: nothing committed yet


@pytest.fixture
def kern_page(kern):
    return reverse("kernen:public_detail", args=[kern.slug])


def get(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return response, len(queries)


def test_it_serves_an_anonymous_visitor_the_second_time_without_queries(client, kern_page):
    first, queries = get(client, kern_page)
    assert queries > 0
    second, queries = get(client, kern_page)
    assert queries == 0
    assert second.content == first.content
    assert "private" in second["Cache-Control"]


def test_a_change_to_the_kern_shows_at_once(client, kern, kern_page, committed):
    get(client, kern_page)
    kern.description = "Een nieuwe beschrijving van het dorp."
    with committed():
        kern.save()
    response, queries = get(client, kern_page)
    assert queries > 0
    assert "Een nieuwe beschrijving van het dorp." in response.content.decode()


def test_a_new_kcp_shows_on_the_kern_page_at_once(client, kern, kern_page, committed):
    get(client, kern_page)
    with committed():
        KcpAssignmentFactory(
            kern=kern, user=UserFactory(first_name="Truus", last_name="Nieuwenhuis")
        )
    response, _ = get(client, kern_page)
    assert "Truus Nieuwenhuis" in response.content.decode()


def test_an_initiative_made_public_shows_on_the_list_and_the_map(client, kern, committed):
    initiative = InitiativeFactory(kernen=[kern], running=True, private=True, title="Jeu de boules")
    url = reverse("initiatives:public_list")
    response, _ = get(client, url)
    assert "Jeu de boules" not in response.content.decode()
    get(client, reverse("initiatives:geojson"))
    initiative.may_publish = True
    with committed():
        initiative.save(update_fields=["may_publish"])
    assert "Jeu de boules" in get(client, url)[0].content.decode()
    assert "Jeu de boules" in get(client, reverse("initiatives:geojson"))[0].content.decode()


def test_linking_an_initiative_to_another_kern_shows_on_that_kern_page(
    client, kern, other_kern, committed
):
    initiative = InitiativeFactory(kernen=[kern], running=True, title="Dorpsmoestuin")
    page = reverse("kernen:public_detail", args=[other_kern.slug])
    assert "Dorpsmoestuin" not in get(client, page)[0].content.decode()
    with committed():
        initiative.kernen.add(other_kern)
    assert "Dorpsmoestuin" in get(client, page)[0].content.decode()


def test_a_logged_in_user_never_gets_the_anonymous_page_nor_the_reverse(
    client, client_for, kcp, kern_page
):
    anonymous, _ = get(client, kern_page)
    assert "Inloggen voor medewerkers" in anonymous.content.decode()
    staff = client_for(kcp)
    logged_in, queries = get(staff, kern_page)
    assert queries > 0
    html = logged_in.content.decode()
    assert "Inloggen voor medewerkers" not in html and "Uitloggen" in html
    staff.logout()
    again, _ = get(client, kern_page)
    assert "Uitloggen" not in again.content.decode()
    assert "csrfmiddlewaretoken" not in again.content.decode()


def test_each_language_has_its_own_copy(client, kern_page):
    dutch, _ = get(client, kern_page)
    english, queries = get(client, kern_page, HTTP_ACCEPT_LANGUAGE="en")
    assert queries > 0
    assert english.content != dutch.content
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="nl">' in get(client, kern_page)[0].content.decode()


def test_a_visitor_with_a_message_gets_a_fresh_page_and_it_is_not_kept(client, kern_page):
    get(client, kern_page)
    session = client.session
    session["_messages"] = (
        '[["__json_message",0,25,"Uw vraag is verstuurd."]]'  # SessionStorage's encoding
    )
    session.save()
    _, queries = get(client, kern_page)
    # Whether the message storage reads it from the session or a cookie, the page is rendered
    # for this visitor alone.
    assert queries > 0
    client.cookies.pop("sessionid", None)
    plain, _ = get(client, kern_page)
    assert "Uw vraag is verstuurd." not in plain.content.decode()


def test_a_page_with_a_csrf_token_or_a_message_is_never_stored():
    template = engines["django"].from_string("<form>{% csrf_token %}</form>")
    calls = []

    @public_cache.cache_public_page
    def form_view(request):
        calls.append(1)
        return HttpResponse(template.render({}, request))

    @public_cache.cache_public_page
    def message_view(request):
        calls.append(1)
        messages.info(request, "Alleen voor u")
        return HttpResponse("ok")

    for view in (form_view, message_view):
        for _ in range(2):
            request = RequestFactory().get(f"/{view.__name__}/")
            request.user = _anonymous()
            request.session = SessionStore()
            request._messages = FallbackStorage(request)
            view(request)
    assert len(calls) == 4


def test_a_bulk_update_is_seen_within_the_timeout(client, kern, kern_page):
    get(client, kern_page)
    Kern.objects.filter(pk=kern.pk).update(description="Bijgewerkt zonder signaal.")
    assert public_cache.TIMEOUT <= 60
    from django.core.cache import cache

    cache.delete(public_cache._key(_request_for(kern_page)))  # what the expiry does
    assert "Bijgewerkt zonder signaal." in get(client, kern_page)[0].content.decode()


def test_the_initiative_list_is_paginated_and_the_map_holds_the_same_page(client, kern):
    InitiativeFactory.create_batch(51, kernen=[kern], running=True)
    url = reverse("initiatives:public_list")
    first, _ = get(client, url)
    assert first.content.decode().count('<li class="mb-3">') == 50
    second, _ = get(client, url + "?pagina=2")
    assert second.content.decode().count('<li class="mb-3">') == 1
    features = get(client, reverse("initiatives:geojson"))[0].json()["features"]
    assert len(features) == 50
    last = get(client, reverse("initiatives:geojson") + "?pagina=2")[0].json()["features"]
    assert len(last) == 1
    oldest = Initiative.objects.order_by("created_at", "pk").first()
    assert last[0]["properties"]["url"] == oldest.get_public_url()


def test_the_kern_page_shows_the_newest_initiatives_and_links_to_all(client, kern, kern_page):
    InitiativeFactory.create_batch(12, kernen=[kern], running=True)
    html = get(client, kern_page)[0].content.decode()
    newest = Initiative.objects.order_by("-created_at", "-pk")
    for initiative in newest[:10]:
        assert initiative.get_public_url() in html
    for initiative in newest[10:]:
        assert initiative.get_public_url() not in html
    assert f"?kern={kern.slug}" in html and "Alle 12 initiatieven" in html


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _request_for(path):
    from django.utils import translation

    request = RequestFactory().get(path)
    translation.activate("nl")
    return request


def test_a_staff_login_leaves_the_cache_alone_but_a_new_name_shows(
    client, kern, kern_page, committed
):
    """Logging in saves only `last_login`, which no public page shows: the cache stays. A
    KCP's changed name is on the kern page, so that save empties it."""
    kcp = KcpAssignmentFactory(kern=kern, user=UserFactory(first_name="Truus")).user
    with committed():
        pass
    get(client, kern_page)
    staff = UserFactory(last_login=None)
    with committed():
        client.force_login(staff)  # Django's user_logged_in saves last_login
    client.logout()
    staff.refresh_from_db()
    assert staff.last_login is not None
    assert get(client, kern_page)[1] == 0
    kcp.first_name = "Gertrude"
    with committed():
        kcp.save()
    response, queries = get(client, kern_page)
    assert queries > 0
    assert "Gertrude" in response.content.decode()
