"""Every key page runs as many SQL queries on three times the data as on the small profile of
`generate_scale_data`, and at most 12 where that target is already met.

One file for all apps on purpose: the key pages of issue 10 are one list with one budget, and
the data behind them is one generated data set that fills every registry at once (panels,
digest sections, classifiable objects, search), which a test per app with its own factories
would not. A page marked xfail grows today; the reason names the per-item path found.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

BUDGET = 12

ANONYMOUS, KCP, REGISSEUR, MEDEWERKER = None, "busiest KCP", "gebiedsregisseur", "medewerker"


def xfail(reason):
    return pytest.mark.xfail(strict=True, reason=f"issue 10: {reason}")


# id, persona, url name, url kwargs (busiest kern: "slug"), GET parameters
PAGES = [
    ("public home", ANONYMOUS, "kernen:home", False, {}),
    ("public kern page", ANONYMOUS, "kernen:public_detail", True, {}),
    ("public initiative list", ANONYMOUS, "initiatives:public_list", False, {}),
    ("initiative map GeoJSON", ANONYMOUS, "initiatives:geojson", False, {}),
    ("staff dashboard", KCP, "kernen:dashboard", False, {}),
    ("kern detail", KCP, "kernen:detail", True, {}),
    ("initiative board", REGISSEUR, "initiatives:board", False, {}),
    ("contacts list", REGISSEUR, "contacts:person_list", False, {}),
    ("question inbox", KCP, "contacts:question_list", False, {}),
    ("all questions", REGISSEUR, "contacts:question_list", False, {"weergave": "alle", "afgehandeld": "1"}),
    ("roles overview", REGISSEUR, "roles:overview", False, {}),
    ("digest preview", KCP, "kernen:digest_preview", False, {}),
    ("search", REGISSEUR, "contacts:search", False, {"q": "dorpsplan"}),
    ("CSV export", REGISSEUR, "initiatives:export_csv", False, {}),
    ("load heatmap", REGISSEUR, "roles:heatmap", False, {}),
    ("participation requests", MEDEWERKER, "roles:request_list", False, {}),
    ("participation inbox", KCP, "roles:inbox", False, {}),
    ("leverage report", REGISSEUR, "initiatives:leverage", False, {}),
    ("funds", REGISSEUR, "initiatives:funds", False, {}),
    ("organisations", REGISSEUR, "contacts:organisation_list", False, {}),
    ("late questions", REGISSEUR, "contacts:late_questions", False, {}),
    ("escalations", REGISSEUR, "initiatives:escalations", False, {}),
    ("contact moment form", KCP, "contacts:moment_create", True, {}),
]  # fmt: skip

GROWS = {}
OVER_BUDGET = {}


def pages(marks):
    return [
        pytest.param(persona, name, busiest, params, id=page_id, marks=marks.get(page_id, ()))
        for page_id, persona, name, busiest, params in PAGES
    ]


def fetcher(scale_data, client, persona, name, busiest, params):
    from django.contrib.auth import get_user_model

    if persona is not None:
        user = (
            get_user_model().objects.get(pk=scale_data.busiest_kcp_id)
            if persona == KCP
            else scale_data.user(persona)
        )
        client.force_login(user)
        _pass_second_factor(client, user)
    kwargs = {"slug": _slug(scale_data.busiest_kern_id)} if busiest else {}
    url = reverse(name, kwargs=kwargs)

    def fetch():
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return fetch


def _pass_second_factor(client, user):
    """As in production: the session passed the second login step, so each request reads the
    user's device (django-otp's middleware) and that query counts towards the budget."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=user, name="scale", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _slug(kern_id):
    from kernen.models import Kern

    return Kern.objects.get(pk=kern_id).slug


def count_queries(fetch) -> int:
    fetch()  # warm: session, permission and content type caches do not count
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries.captured_queries)


@pytest.mark.parametrize(("persona", "name", "busiest", "params"), pages(GROWS))
def test_the_page_runs_the_same_queries_on_three_times_the_data(
    scale_data, client, persona, name, busiest, params
):
    fetch = fetcher(scale_data, client, persona, name, busiest, params)
    small = count_queries(fetch)
    scale_data.grow()
    assert count_queries(fetch) == small


@pytest.mark.parametrize(("persona", "name", "busiest", "params"), pages(OVER_BUDGET))
def test_the_page_stays_within_the_query_budget(scale_data, client, persona, name, busiest, params):
    fetch = fetcher(scale_data, client, persona, name, busiest, params)
    scale_data.grow()
    assert count_queries(fetch) <= BUDGET


def test_the_contact_moment_form_offers_a_bounded_number_of_choices(scale_data, client):
    """Every contact of the kern and every colleague used to be a checkbox (704 KB on the
    large profile); the form shows a bounded few and a search for the others."""
    from contacts.models import Person
    from contacts.participants import PERSONS_SHOWN, STAFF_SHOWN, staff_users

    fetch = fetcher(scale_data, client, KCP, "contacts:moment_create", True, {})
    scale_data.grow()
    # The small profile's busiest kern has fewer contacts than the form shows: add some.
    added = Person.objects.bulk_create(
        Person(name=f"Extra {n}", basis=Person.Basis.PUBLIC_TASK) for n in range(PERSONS_SHOWN)
    )
    Person.kernen.through.objects.bulk_create(
        Person.kernen.through(person_id=p.pk, kern_id=scale_data.busiest_kern_id) for p in added
    )
    persons = Person.objects.active().filter(kernen=scale_data.busiest_kern_id).count()
    assert persons > PERSONS_SHOWN and staff_users().count() > STAFF_SHOWN  # reaches the bound
    html = fetch().content.decode()
    assert html.count('name="persons"') == PERSONS_SHOWN
    assert html.count('name="staff"') <= STAFF_SHOWN
    assert html.count("<option") <= 2 * (STAFF_SHOWN + 1) + 10  # a row, the template, "soort"
    assert len(html) < 100_000


def _digest_queries(user_ids, *, send):
    from django.utils import timezone

    from kernportal.delivery import digests_build_for, digests_send

    now = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        if send:
            digests_send(user_ids=user_ids, now=now)
        else:
            digests_build_for(user_ids, now)
    return len(queries.captured_queries)


def _recipient_ids():
    from kernportal.delivery import digest_recipients

    return list(digest_recipients().values_list("pk", flat=True))


def test_building_digests_runs_the_same_queries_for_three_times_the_recipients(scale_data):
    few = _recipient_ids()
    small = _digest_queries(few, send=False)
    scale_data.grow()
    many = _recipient_ids()
    assert len(many) == 3 * len(few)
    assert _digest_queries(many, send=False) == small


def test_sending_digests_runs_the_same_queries_for_three_times_the_recipients(scale_data):
    few = _recipient_ids()
    small = _digest_queries(few, send=True)
    scale_data.grow()
    many = [pk for pk in _recipient_ids() if pk not in set(few)]
    assert _digest_queries(many, send=True) == small


def test_the_generated_data_reaches_every_registry(scale_data, rf):
    """The query tests above only catch a per-item path that the data reaches: every panel
    shows for some persona, every digest section has items for someone, and every
    classifiable model carries a role in the generated data."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from kernen.models import Kern
    from kernportal import digest, panels
    from kernportal.delivery import digests_build_for
    from roles import classifiable
    from roles.models import Classification

    kern = Kern.objects.get(pk=scale_data.busiest_kern_id)
    personas = [get_user_model().objects.get(pk=scale_data.busiest_kcp_id)] + [
        scale_data.user(group) for group in ("gebiedsregisseur", "wethouder", "medewerker")
    ]
    for slot in ("kern_detail", "dashboard"):
        shown = set()
        for user in personas:
            request = rf.get("/")
            request.user = user
            for panel in panels._registry[slot]:
                if panel.context(request, kern=kern) is not None:
                    shown.add(panel.template)
        assert shown == {p.template for p in panels._registry[slot]}, slot

    built = digests_build_for(_recipient_ids(), timezone.now())
    with_items = {s.key for d in built.values() for s, items in d.sections if items}
    # Not reached yet: the generator makes no question escalations (a gap, not a guarantee).
    assert with_items == {s.key for s in digest.sections()} - {"questions_escalated"}

    for entry in classifiable.registered():
        content_type = ContentType.objects.get_for_model(entry.model)
        assert Classification.objects.filter(content_type=content_type).exists(), entry.model
