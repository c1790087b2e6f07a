"""Every URL of the portal × every persona × GET and POST, against ONE table of expectations.

The run fails when a URL pattern has no row in `EXPECTED`, so a new page cannot ship
untested. URLs are built from real objects of "this kern"; the KCP of "another kern" is the
cross-kern persona, and every POST the table forbids must leave the database untouched.

Outcomes: a status code (200, 403, 404, 405), "login" (a redirect to the login page) or
"redirect" (a redirect elsewhere: a write that went through, or a page that moves on).
"Resident" is an anonymous visitor who holds the private links (question, initiative); the
anonymous persona tries a guessed token instead. POSTs send `POST_DATA` (a valid form) where
the table needs a real write to prove scope, otherwise nothing.

Policy (README, "Who may do what"): a missing capability answers 403; an object whose
existence is private (question, initiative, participation request) answers 404 outside the
user's scope; objects every holder of the capability reads answer 403 to a change outside
the user's kernen.
"""

import re

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import pytest

from .authz_world import PERSONAS, World, database_fingerprint

ADMIN_PREFIX = "beheer/"
# Admin's own login page is open to all; its logout only ends a session.
ADMIN_SESSION_PAGES = {"/beheer/login/", "/beheer/logout/"}
# Not part of the product: the benchmark floor only exists with KERNPORTAL_BENCH on.
IGNORED = {"bench_floor"}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), (namespace + entry.name) if entry.name else None


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def portal_url_names() -> set[str]:
    names = set()
    for route, name in all_patterns():
        if route.startswith(ADMIN_PREFIX):
            continue
        assert name, f"URL pattern {route!r} has no name, so the matrix cannot cover it"
        if name not in IGNORED:
            names.add(name)
    return names


def url_kwargs(w: World, name: str, persona: str = "resident") -> tuple[dict, str]:
    """The URL kwargs (and query string) of `name`, built from this kern's objects."""
    kern = {"slug": w.kern.slug}
    guessed = persona == "anonymous"
    table = {
        "contacts:question_ask": kern,
        "contacts:question_status": {"token": "geraden" if guessed else w.question_token},
        "contacts:person_detail": {"pk": w.person.pk},
        "contacts:person_edit": {"pk": w.person.pk},
        "contacts:membership_create": {"pk": w.person.pk},
        "contacts:membership_edit": {"pk": w.membership.pk},
        "contacts:organisation_edit": {"pk": w.organisation.pk},
        "contacts:organisation_detail": {"pk": w.organisation.pk},
        "contacts:search_kind": {"kind": "kernen"},
        "contacts:moment_edit": {"pk": w.moment.pk},
        "contacts:question_message": {"pk": w.question.pk},
        "contacts:moment_create": kern,
        "contacts:moment_person_search": kern,
        "contacts:moment_staff_search": kern,
        "contacts:moment_detail": {"pk": w.moment.pk},
        "contacts:followup_done": {"pk": w.followup.pk},
        "contacts:question_detail": {"pk": w.question.pk},
        "contacts:question_answer": {"pk": w.question.pk},
        "contacts:question_route": {"pk": w.question.pk},
        "contacts:question_close": {"pk": w.question.pk},
        "contacts:question_ask_internal": kern,
        "contacts:agendaitem_moments": {"slug": w.kern.slug, "pk": w.agenda_item.pk},
        "initiatives:track": {"token": "geraden" if guessed else w.initiative_token},
        "initiatives:withdraw": {"token": "geraden" if guessed else w.initiative_token},
        "initiatives:public_detail": {"pk": w.public_initiative.pk},
        "initiatives:attachment": {"pk": w.initiative.pk, "attachment_pk": w.attachment.pk},
        "initiatives:grant_pay": {"pk": w.grant.pk},
        "initiatives:fund_detail": {"pk": w.fund.pk},
        "kernen:public_detail": kern,
        "kernen:detail": kern,
        "kernen:edit": kern,
        "kernen:group_create": kern,
        "kernen:group_edit": {"slug": w.kern.slug, "pk": w.group.pk},
        "kernen:assignment_create": kern,
        "kernen:assignment_end": {"slug": w.kern.slug, "pk": w.assignment.pk},
        "kernen:agenda_create": kern,
        "kernen:agenda_edit": {"slug": w.kern.slug, "pk": w.agenda_item.pk},
        "kernen:calendar_feed": {
            "slug": w.kern.slug,
            "token": "geraden" if guessed else w.feed_token,
        },
        "roles:classify": {"label": "kernen.agendaitem", "pk": w.agenda_item.pk},
        "roles:request_detail": {"pk": w.participation.pk},
        "roles:review": {"pk": w.participation.pk, "slug": w.kern.slug},
        "roles:quiet_list": kern,
        "roles:quiet_delete": {"slug": w.kern.slug, "pk": w.quiet.pk},
        "audit_history": {"label": "contacts.person", "pk": w.person.pk},
    }
    if name in table:
        return table[name], ""
    if name.startswith("initiatives:") and name not in {
        "initiatives:public_list",
        "initiatives:geojson",
        "initiatives:submit",
        "initiatives:submitted",
        "initiatives:board",
        "initiatives:export_csv",
        "initiatives:export_xlsx",
        "initiatives:escalations",
        "initiatives:leverage",
        "initiatives:funds",
    }:
        return {"pk": w.initiative.pk}, ""
    if name == "roles:request_create":
        # The probe of issue 12: a classified object of another app named in the query string.
        return {}, f"?over=initiatives.initiative&id={w.initiative.pk}"
    return {}, ""


def outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        login = response.url.split("?")[0] == reverse(settings.LOGIN_URL)
        return "login" if login else "redirect"
    return response.status_code


# Shorthands for a persona's (GET, POST) outcome.
OK = (200, 200)
LOGIN = ("login", "login")
DENY = (403, 403)
HIDDEN = (404, 404)
WRITE = (405, "redirect")  # POST-only action that went through
DENY_POST = (405, 403)
HIDE_POST = (405, 404)
PUBLIC = dict.fromkeys(PERSONAS, OK)


def row(default, **personas):
    """Expectations for the personas: `default` for the logged-in staff personas unless named;
    anonymous and resident go to the login page, the user in no group gets 403."""
    table = {"anonymous": LOGIN, "resident": LOGIN, "no_group": DENY}
    table.update(dict.fromkeys(PERSONAS[3:], default))
    table.update(personas)
    return table


READ_ALL = row(OK)
# Changes in one kern: its KCP and the all-kernen roles; 403 for everyone else.
KERN_WRITE = row(DENY, kcp=OK, regisseur=OK, beheerder=OK)
# Guiding an initiative (private object): out of scope answers 404, no capability 403.
GUIDE = row(OK, medewerker=HIDDEN, other_kcp=HIDDEN, wethouder=DENY)
QUESTION_ACTION = row(
    WRITE, no_group=DENY_POST, medewerker=HIDE_POST, other_kcp=HIDE_POST, wethouder=DENY_POST
)
# The same for the forms the matrix posts valid data to (`POST_DATA`): the write goes through.
SAVED = (200, "redirect")
KERN_SAVE = row(DENY, kcp=SAVED, regisseur=SAVED, beheerder=SAVED)
GUIDE_SAVE = row(SAVED, medewerker=HIDDEN, other_kcp=HIDDEN, wethouder=DENY)
ALL_KERNEN_ONLY = row(DENY, regisseur=OK, beheerder=OK)
# A GET-only JSON answer for whoever may change things in one kern; POST is never allowed.
FOUND, SEARCH_DENIED = (200, 405), (403, 405)
KERN_SEARCH = row(
    SEARCH_DENIED, no_group=SEARCH_DENIED, kcp=FOUND, regisseur=FOUND, beheerder=FOUND
)
TOKEN = dict(PUBLIC, anonymous=HIDDEN)

EXPECTED = {
    # --- plumbing and login
    "health": PUBLIC,
    "health_live": PUBLIC,
    "login": dict(dict.fromkeys(PERSONAS, ("redirect", "redirect")), anonymous=OK, resident=OK),
    "logout": dict(
        dict.fromkeys(PERSONAS, (405, "redirect")),
        anonymous=LOGIN,
        resident=LOGIN,
    ),
    # 2FA is off in these tests: enrolment is open to any logged-in user, verify moves on.
    "two_factor_enrol": row(OK, no_group=OK),
    "two_factor_verify": row(("redirect", "redirect"), no_group=("redirect", "redirect")),
    "two_factor_recovery": row(("redirect", "redirect"), no_group=("redirect", "redirect")),
    "privacy": PUBLIC,
    "accessibility": PUBLIC,
    "favicon": dict.fromkeys(PERSONAS, ("redirect", "redirect")),  # to the static file
    # The language switch: POST only, back to where the visitor was, for everyone.
    "set_language": dict.fromkeys(PERSONAS, (405, "redirect")),
    # --- audit trail and privacy (holders of the audit right are all-kernen roles)
    "audit_history": ALL_KERNEN_ONLY,
    "access_request": row(DENY, beheerder=OK),
    # An empty POST is an unconfirmed erasure: the form again, nothing erased.
    "access_request_erase": row(DENY, beheerder=("redirect", 200)),
    # --- kernen
    "kernen:home": PUBLIC,
    "kernen:public_detail": PUBLIC,
    "kernen:calendar_feed": TOKEN,
    "kernen:dashboard": READ_ALL,
    "kernen:digest_preview": READ_ALL,
    "kernen:list": READ_ALL,
    "kernen:detail": READ_ALL,
    "kernen:calendar_subscribe": row((200, "redirect")),
    # The gebiedsregisseur's form has every kern field, so the description alone stays invalid.
    "kernen:edit": row(DENY, kcp=SAVED, regisseur=OK, beheerder=OK),
    "kernen:group_create": KERN_SAVE,
    "kernen:group_edit": KERN_WRITE,
    "kernen:agenda_create": KERN_WRITE,
    "kernen:agenda_edit": KERN_WRITE,
    "kernen:assignment_create": ALL_KERNEN_ONLY,
    "kernen:assignment_end": row(DENY, regisseur=SAVED, beheerder=SAVED),
    # --- contacts
    "contacts:question_ask": PUBLIC,
    "contacts:question_status": TOKEN,
    "contacts:person_list": READ_ALL,
    "contacts:person_detail": READ_ALL,
    "contacts:moment_detail": READ_ALL,
    "contacts:question_list": READ_ALL,
    "contacts:organisation_list": READ_ALL,
    "contacts:organisation_detail": READ_ALL,
    # Late questions of all kernen: the all-kernen roles and the wethouder, not the KCP.
    "contacts:late_questions": row(DENY, wethouder=OK, regisseur=OK, beheerder=OK),
    "contacts:search": READ_ALL,
    "contacts:search_kind": READ_ALL,
    "contacts:person_create": row(DENY, kcp=OK, other_kcp=OK, regisseur=OK, beheerder=OK),
    "contacts:organisation_create": row(DENY, kcp=OK, other_kcp=OK, regisseur=OK, beheerder=OK),
    "contacts:person_edit": KERN_WRITE,
    "contacts:membership_create": KERN_WRITE,
    "contacts:membership_edit": KERN_WRITE,
    # This organisation is a community group of this kern: changed by that kern's KCP.
    "contacts:organisation_edit": KERN_WRITE,
    "contacts:moment_create": KERN_WRITE,
    "contacts:moment_edit": KERN_WRITE,
    # The form's JSON searches: read-only (GET), for whoever may log moments in the kern.
    "contacts:moment_person_search": KERN_SEARCH,
    "contacts:moment_staff_search": KERN_SEARCH,
    "contacts:agendaitem_moments": row(
        DENY,
        kcp=("redirect", "redirect"),
        regisseur=("redirect", "redirect"),
        beheerder=("redirect", "redirect"),
    ),
    "contacts:followup_done": row(
        DENY_POST, no_group=DENY_POST, kcp=WRITE, regisseur=WRITE, beheerder=WRITE
    ),
    "contacts:question_detail": row(OK, medewerker=HIDDEN, other_kcp=HIDDEN),
    "contacts:question_answer": row(
        WRITE,
        no_group=DENY_POST,
        medewerker=HIDE_POST,
        other_kcp=HIDE_POST,
        wethouder=DENY_POST,
    ),
    "contacts:question_route": row(
        (405, 200),
        no_group=DENY_POST,
        medewerker=HIDE_POST,
        other_kcp=HIDE_POST,
        wethouder=DENY_POST,
    ),
    "contacts:question_close": QUESTION_ACTION,
    "contacts:question_message": QUESTION_ACTION,
    "contacts:question_ask_internal": row(OK, wethouder=DENY),
    # --- initiatives
    "initiatives:public_list": PUBLIC,
    "initiatives:geojson": PUBLIC,
    "initiatives:submit": PUBLIC,
    "initiatives:submitted": PUBLIC,
    "initiatives:public_detail": PUBLIC,
    "initiatives:track": TOKEN,
    # An empty POST is an unconfirmed withdrawal: the form again, nothing withdrawn.
    "initiatives:withdraw": TOKEN,
    "initiatives:board": READ_ALL,
    "initiatives:export_csv": READ_ALL,
    "initiatives:export_xlsx": READ_ALL,
    "initiatives:escalations": row(DENY, regisseur=OK, wethouder=OK, beheerder=OK),
    "initiatives:leverage": row(OK, medewerker=DENY),
    "initiatives:funds": row(OK, medewerker=DENY),
    "initiatives:fund_detail": row(OK, medewerker=DENY),
    "initiatives:detail": row(OK, medewerker=HIDDEN, other_kcp=HIDDEN),
    "initiatives:attachment": row(OK, medewerker=HIDDEN, other_kcp=HIDDEN),
    "initiatives:change_status": row(OK, medewerker=HIDDEN, other_kcp=HIDDEN),
    "initiatives:reassign": GUIDE,
    "initiatives:support_add": GUIDE,
    "initiatives:note_add": GUIDE_SAVE,
    "initiatives:links": GUIDE,
    "initiatives:cofundings": GUIDE,
    "initiatives:escalate": GUIDE_SAVE,
    "initiatives:deescalate": row(
        WRITE,
        no_group=DENY_POST,
        medewerker=HIDE_POST,
        other_kcp=HIDE_POST,
        wethouder=DENY_POST,
    ),
    "initiatives:grant_create": row(
        DENY, medewerker=HIDDEN, other_kcp=HIDDEN, regisseur=OK, beheerder=OK
    ),
    "initiatives:grant_pay": ALL_KERNEN_ONLY,
    # --- roles
    "roles:role_guide": READ_ALL,
    "roles:inbox": READ_ALL,
    "roles:overview": row(DENY, regisseur=OK, wethouder=OK, beheerder=OK),
    "roles:heatmap": ALL_KERNEN_ONLY,
    "roles:request_list": row(OK, wethouder=DENY),
    "roles:classify": row(OK, wethouder=DENY),
    # The probe of issue 12: naming a private initiative in `?over=` reveals nothing.
    "roles:request_create": row(OK, medewerker=HIDDEN, other_kcp=HIDDEN, wethouder=DENY),
    "roles:request_detail": row(OK, other_kcp=HIDDEN),
    "roles:review": KERN_WRITE,
    "roles:quiet_list": row((200, 403), kcp=SAVED, regisseur=SAVED, beheerder=SAVED),
    "roles:quiet_delete": row(
        DENY, kcp=(200, "redirect"), regisseur=(200, "redirect"), beheerder=(200, "redirect")
    ),
}


def _post_data(w: World) -> dict:
    """Valid forms for the writes whose scope the matrix must prove with a real change."""
    today = timezone.localdate().isoformat()
    return {
        "kernen:edit": {"description": "Nieuwe omschrijving."},
        "kernen:group_create": {"kind": "association", "name": "Schutterij", "is_active": "on"},
        "kernen:assignment_end": {"end_date": today},
        "contacts:question_answer": {"antwoord-answer": "Bij de gemeente."},
        "contacts:question_close": {"afsluiten-note": "Afgehandeld."},
        "contacts:question_message": {"bericht-message": "We zoeken het uit."},
        "initiatives:note_add": {"text": "Gebeld."},
        "initiatives:escalate": {"level": "department", "reason": "Vast."},
        "roles:quiet_list": {"start_date": "2027-03-01", "end_date": "2027-03-02", "reason": "X"},
    }


SCOPE_PROVING_POSTS = [
    "kernen:edit",
    "kernen:group_create",
    "kernen:assignment_end",
    "contacts:question_answer",
    "contacts:question_close",
    "contacts:question_message",
    "initiatives:note_add",
    "initiatives:escalate",
    "roles:quiet_list",
]


def _request(w, name, persona, method, data):
    kwargs, query = url_kwargs(w, name, persona)
    client = Client()
    user = w.user(persona)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs) + query
    return url, getattr(client, method)(url, data if method == "post" else None)


DENIED = {"login", 403, 404, 405}


def test_every_portal_url_has_a_row_in_the_table():
    missing = portal_url_names() - set(EXPECTED)
    assert not missing, f"URL patterns without an expectation in EXPECTED: {sorted(missing)}"
    stale = set(EXPECTED) - portal_url_names()
    assert not stale, f"rows in EXPECTED for URL names that no longer exist: {sorted(stale)}"


def test_every_row_names_every_persona():
    for name, personas in EXPECTED.items():
        assert set(personas) == set(PERSONAS), name


@pytest.fixture
def world(db, settings):
    settings.KERNPORTAL_REQUIRE_2FA = False
    return World()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_persona_gets_what_the_table_says(world, name):
    """GET and POST for every persona; a denied POST leaves the domain tables untouched."""
    from django.core.cache import cache

    post_data = _post_data(world).get(name, {})
    failures = []
    for persona in PERSONAS:
        for method, expected in zip(("get", "post"), EXPECTED[name][persona], strict=True):
            cache.clear()  # the public forms' rate limit would otherwise count every persona
            with transaction.atomic():
                before = database_fingerprint() if method == "post" else None
                url, response = _request(world, name, persona, method, post_data)
                got = outcome(response)
                if got != expected:
                    failures.append(f"{persona} {method.upper()} {url}: {got}, expected {expected}")
                elif method == "post" and got in DENIED and database_fingerprint() != before:
                    failures.append(f"{persona} POST {url} was refused but changed the database")
                transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", SCOPE_PROVING_POSTS)
def test_the_scope_proving_posts_do_write_for_the_kcp_of_this_kern(world, name):
    """The forms the cross-kern check sends are valid: the same POST by this kern's KCP (or,
    for the all-kernen actions, the gebiedsregisseur) changes the database."""
    persona = "regisseur" if EXPECTED[name]["kcp"] == DENY else "kcp"
    before = database_fingerprint()
    _request(world, name, persona, "post", _post_data(world)[name])
    assert database_fingerprint() != before


def test_a_password_alone_reaches_no_staff_url_with_two_factor_required(world, settings):
    settings.KERNPORTAL_REQUIRE_2FA = True
    user = world.user("beheerder")
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    second_step = {reverse("two_factor_enrol"), reverse("two_factor_verify")}
    second_step_itself = {"two_factor_enrol", "two_factor_verify", "logout"}
    for name in sorted(EXPECTED):
        if EXPECTED[name]["anonymous"] != LOGIN or name in second_step_itself:
            continue  # public pages stay public
        for method in ("get", "post"):
            url, response = _request(world, name, "beheerder", method, {})
            assert response.status_code == 302, (method, url)
            assert response.url.split("?")[0] in second_step, (method, url, response.url)


def _admin_urls(w: World) -> list[str]:
    """Every Django admin URL pattern with its parameters filled in."""
    urls = []
    for route, _name in all_patterns():
        if not route.startswith(ADMIN_PREFIX):
            continue
        path = "/" + route
        path = path.replace("^", "").replace("$", "").replace("\\Z", "")
        for param, value in {
            "<path:object_id>": str(w.person.pk),
            "<int:content_type_id>": "1",
            "<path:object_id>/": f"{w.person.pk}/",
            "<id>": str(w.person.pk),
            "<app_label>": "contacts",
            "<url>": "x",
        }.items():
            path = path.replace(param, value)
        path = re.sub(r"\(\?P<app_label>[^)]*\)", "contacts", path)
        path = re.sub(r"<[^>]+>", "1", path)
        urls.append(path)
    return urls


@pytest.mark.parametrize("persona", ["anonymous", "no_group", "kcp", "regisseur"])
def test_every_admin_url_needs_a_staff_login(world, persona):
    client = Client()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    urls = _admin_urls(world)
    assert len(urls) > 50
    for url in urls:
        if url in ADMIN_SESSION_PAGES:
            continue
        response = client.get(url)
        assert response.status_code == 302, url
        if response.status_code == 302:
            assert "/beheer/login/" in response.url or response.url.startswith(reverse("login")), (
                url,
                response.url,
            )


def test_every_admin_url_needs_the_second_step_with_two_factor_required(world, settings):
    settings.KERNPORTAL_REQUIRE_2FA = True
    client = Client()
    admin = world.user("beheerder")
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    client.force_login(admin)
    second_step = {reverse("two_factor_enrol"), reverse("two_factor_verify")}
    for url in _admin_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.split("?")[0] in second_step, (url, response.url)
