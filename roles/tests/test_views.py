import datetime

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from initiatives.tests.factories import InitiativeFactory
from kernen.tests.factories import KernFactory
from roles.definitions import Role
from roles.models import Classification, ParticipationRequest, QuietPeriod, ReviewStatus

from .factories import (
    ClassificationFactory,
    ParticipationRequestFactory,
    ParticipationReviewFactory,
    QuietPeriodFactory,
    approved_on,
)

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 4, 1, 10, tzinfo=datetime.UTC)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


# --- Anonymous and outsiders ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["roles:role_guide", "roles:overview", "roles:request_list", "roles:inbox", "roles:heatmap"],
)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/login/" in response.url or "inloggen" in response.url


@pytest.mark.parametrize(
    "name",
    ["roles:role_guide", "roles:overview", "roles:request_list", "roles:inbox", "roles:heatmap"],
)
def test_a_user_without_staff_capability_gets_403(client_for, outsider, name):
    assert client_for(outsider).get(reverse(name)).status_code == 403


# --- Role guide and classification ------------------------------------------------------------


def test_the_role_guide_explains_the_three_roles(client_for, colleague):
    response = client_for(colleague).get(reverse("roles:role_guide"))
    html = response.content.decode()
    for text in ("autoritaire overheid", "regelgestuurde overheid", "communicatieve overheid"):
        assert text in html
    assert html.count("<h1>") == 1


def classify_url(request):
    return reverse("roles:classify", args=["roles.participationrequest", request.pk])


ANSWERS = {
    "legal_task": "nee",
    "owner": "community",
    "municipality_decides": "nee",
    "community_leading": "ja",
}


def test_the_rolwijzer_shows_its_suggestion_without_saving(client_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    response = client_for(kcp).post(classify_url(request), {**ANSWERS, "suggest": ""})
    html = response.content.decode()
    assert "Voorstel van de rolwijzer" in html
    assert "Groen – communicatieve overheid" in html
    assert not Classification.objects.exists()


def test_choosing_the_suggested_role_saves_it(client_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    response = client_for(kcp).post(
        classify_url(request), {**ANSWERS, "role": "green", "save": ""}, follow=True
    )
    assert "is vastgelegd" in response.content.decode()
    row = Classification.objects.get()
    assert (row.role, row.owner, row.suggested_role, row.classified_by) == (
        "green",
        "community",
        "green",
        kcp,
    )


def test_choosing_otherwise_without_a_reason_shows_a_dutch_error(client_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    response = client_for(kcp).post(classify_url(request), {**ANSWERS, "role": "blue", "save": ""})
    assert "andere rol dan de rolwijzer" in response.content.decode()
    assert not Classification.objects.exists()


def test_saving_without_a_role_or_answers_shows_errors(client_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    response = client_for(kcp).post(classify_url(request), {**ANSWERS, "save": ""})
    assert "Kies de rol" in response.content.decode()
    response = client_for(kcp).post(classify_url(request), {"save": ""})
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Classification.objects.exists()


def test_the_classify_page_shows_the_history(client_for, kcp, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    ClassificationFactory(obj=request, kern=kern, red=True, is_current=False, reason="Eerst rood")
    ClassificationFactory(obj=request, kern=kern, green=True)
    html = client_for(kcp).get(classify_url(request)).content.decode()
    assert "Eerst rood" in html and "actueel" in html


def test_a_wethouder_cannot_classify(client_for, wethouder, kern):
    request = ParticipationRequestFactory(kernen=[kern])
    assert client_for(wethouder).get(classify_url(request)).status_code == 403


# --- Overview and heatmap ---------------------------------------------------------------------


def test_the_overview_shows_bars_table_and_signals(client_for, wethouder, kern):
    ClassificationFactory(kern=kern, green=True)
    ClassificationFactory(kern=kern, community=True, title="Dorpsplan Egchel")
    html = client_for(wethouder).get(reverse("roles:overview")).content.decode()
    assert "<caption>" in html
    assert "Egchel</a>: rood 0, blauw 1, groen 1 (totaal 2)" in html
    assert "badge-role-green" in html and "role-bar-50" in html
    assert "Dorpsplan Egchel" in html and "gemeenschap is eigenaar" in html


def test_the_overview_refuses_a_period_that_ends_before_it_starts(client_for, wethouder):
    response = client_for(wethouder).get(
        reverse("roles:overview"), {"start": "2026-05-01", "end": "2026-04-01"}
    )
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_a_kcp_cannot_see_the_overview_or_heatmap(client_for, kcp):
    assert client_for(kcp).get(reverse("roles:overview")).status_code == 403
    assert client_for(kcp).get(reverse("roles:heatmap")).status_code == 403


@pytest.mark.parametrize("name", ["roles:overview", "roles:heatmap"])
def test_overview_pages_run_constant_queries_for_1_and_30_kernen(client_for, regisseur, name):
    client = client_for(regisseur)

    def add(n):
        for _ in range(n):
            k = KernFactory()
            ClassificationFactory(kern=k, community=True)
            ParticipationRequestFactory(
                kernen=[k], subject_object=ClassificationFactory(kern=k, green=True).content_object
            )
            approved_on(k, timezone.localdate())

    add(1)
    one = count_queries(client, reverse(name))
    add(29)
    assert count_queries(client, reverse(name)) == one


@time_machine.travel(NOW, tick=False)
def test_the_heatmap_shows_numbers_per_kern_per_month(client_for, regisseur, kern):
    approved_on(kern, datetime.date(2026, 4, 10))
    approved_on(kern, datetime.date(2026, 4, 20))
    html = client_for(regisseur).get(reverse("roles:heatmap")).content.decode()
    assert '<td class="heat-2">2</td>' in html
    assert "november 2025" in html and "oktober 2026" in html


# --- Participation requests -------------------------------------------------------------------


def form_data(kern, **overrides):
    return {
        "kernen": [kern.pk],
        "department": "Openbare Ruimte",
        "subject": "Inloopavond riolering",
        "ask": "Kom langs en vertel wat u opvalt.",
        "form": "evening",
        "start_date": "2026-05-12",
        "end_date": "2026-05-12",
        "effort": "small",
        "role": "blue",
        **overrides,
    }


@time_machine.travel(NOW, tick=False)
def test_a_colleague_files_a_request_and_the_kcp_is_told(
    client_for, colleague, kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(colleague).post(
            reverse("roles:request_create"), form_data(kern), follow=True
        )
    request = ParticipationRequest.objects.get()
    assert response.redirect_chain[-1][0] == request.get_absolute_url()
    assert "Uw verzoek is ingediend" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["kcp@gemeente.example"]]


def test_bad_request_input_shows_dutch_errors_and_stores_nothing(client_for, colleague, kern):
    response = client_for(colleague).post(
        reverse("roles:request_create"),
        form_data(kern, kernen=[], end_date="2026-05-01", subject=""),
    )
    html = response.content.decode()
    assert "Kies ten minste één kern." in html
    assert "De einddatum ligt voor de begindatum." in html
    assert "Dit veld is verplicht." in html
    assert not ParticipationRequest.objects.exists()


def test_a_wethouder_cannot_file_a_request(client_for, wethouder):
    assert client_for(wethouder).get(reverse("roles:request_create")).status_code == 403


def test_my_requests_lists_only_mine_with_constant_queries(client_for, requester, kern):
    client = client_for(requester)
    ParticipationRequestFactory(kernen=[kern], requester=requester, subject="Mijn verzoek")
    ParticipationRequestFactory(kernen=[kern], subject="Van een ander")
    one = count_queries(client, reverse("roles:request_list"))
    for _ in range(49):
        ParticipationRequestFactory(kernen=[kern, KernFactory()], requester=requester)
    assert count_queries(client, reverse("roles:request_list")) == one
    html = client.get(reverse("roles:request_list")).content.decode()
    assert "Mijn verzoek" in html and "Van een ander" not in html
    assert "Egchel: wacht op beoordeling" in html


def test_the_request_page_links_the_reviewer_to_the_review(client_for, pending, kcp, requester):
    html = client_for(kcp).get(pending.request.get_absolute_url()).content.decode()
    assert pending.get_absolute_url() in html
    html = client_for(requester).get(pending.request.get_absolute_url()).content.decode()
    assert pending.get_absolute_url() not in html


def test_the_request_page_is_not_found_for_a_kcp_of_another_kern(client_for, pending, other_kcp):
    assert client_for(other_kcp).get(pending.request.get_absolute_url()).status_code == 404


# --- Review inbox and review page -------------------------------------------------------------


def test_the_inbox_lists_waiting_reviews_of_my_kernen_with_constant_queries(client_for, kcp, kern):
    client = client_for(kcp)
    ParticipationReviewFactory(kern=kern, request__subject="Wacht op mij")
    ParticipationReviewFactory(kern=KernFactory(), request__subject="Andere kern")
    ParticipationReviewFactory(kern=kern, approved=True, request__subject="Al goedgekeurd")
    one = count_queries(client, reverse("roles:inbox"))
    for _ in range(49):
        ParticipationReviewFactory(kern=kern)
    assert count_queries(client, reverse("roles:inbox")) == one
    html = client.get(reverse("roles:inbox")).content.decode()
    assert "Wacht op mij" in html
    assert "Andere kern" not in html and "Al goedgekeurd" not in html


@time_machine.travel(NOW, tick=False)
def test_the_review_page_shows_the_load_and_the_brake(client_for, kcp, kern, pending):
    for day in (1, 2, 3):
        approved_on(kern, datetime.date(2026, 4, day))
    QuietPeriodFactory(
        kern=kern,
        start_date=datetime.date(2026, 4, 25),
        end_date=datetime.date(2026, 5, 5),
        reason="Kermis Egchel",
    )
    html = client_for(kcp).get(pending.get_absolute_url()).content.decode()
    assert "al 3 goedgekeurde verzoeken (maximaal 3)" in html
    assert "stille periode “Kermis Egchel”" in html
    assert "Geen punten van de gemeenschapsagenda" in html


@time_machine.travel(NOW, tick=False)
def test_the_kcp_approves_with_an_override_reason(
    client_for, kcp, kern, pending, django_capture_on_commit_callbacks
):
    for day in (1, 2, 3):
        approved_on(kern, datetime.date(2026, 4, day))
    client = client_for(kcp)
    data = {"decision": "approved", "reason": "Belangrijk voor de kern."}
    response = client.post(pending.get_absolute_url(), data)
    assert "Geef een reden om toch goed te keuren." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pending.get_absolute_url(),
            {**data, "override_reason": "Wethouder vroeg erom."},
            follow=True,
        )
    assert "Uw besluit (goedgekeurd) is vastgelegd" in response.content.decode()
    pending.refresh_from_db()
    assert (pending.status, pending.override_reason) == ("approved", "Wethouder vroeg erom.")
    assert [m.to for m in mail.outbox] == [["aanvrager@gemeente.example"]]


def test_a_decision_without_reason_shows_a_dutch_error(client_for, kcp, pending):
    response = client_for(kcp).post(pending.get_absolute_url(), {"decision": "declined"})
    assert "Geef de reden van uw besluit" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ReviewStatus.PENDING


def test_the_review_page_is_forbidden_for_others(client_for, pending, other_kcp, requester):
    assert client_for(other_kcp).get(pending.get_absolute_url()).status_code == 403
    assert client_for(requester).get(pending.get_absolute_url()).status_code == 403


# --- Quiet periods ----------------------------------------------------------------------------


def test_the_kcp_adds_and_removes_a_quiet_period(client_for, kcp, kern):
    client = client_for(kcp)
    url = reverse("roles:quiet_list", args=["egchel"])
    response = client.post(
        url, {"start_date": "2026-09-01", "end_date": "2026-09-07", "reason": "Kermis"}, follow=True
    )
    assert "De stille periode is toegevoegd." in response.content.decode()
    period = QuietPeriod.objects.get(kern=kern)
    client.post(reverse("roles:quiet_delete", args=["egchel", period.pk]))
    assert not QuietPeriod.objects.exists()


def test_a_bad_quiet_period_shows_a_dutch_error(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("roles:quiet_list", args=["egchel"]),
        {"start_date": "2026-09-07", "end_date": "2026-09-01", "reason": ""},
    )
    html = response.content.decode()
    assert "De einddatum ligt voor de begindatum." in html
    assert not QuietPeriod.objects.exists()


def test_another_kcp_may_read_but_not_change_quiet_periods(client_for, other_kcp, kern):
    client = client_for(other_kcp)
    url = reverse("roles:quiet_list", args=["egchel"])
    assert "Stille periode toevoegen" not in client.get(url).content.decode()
    response = client.post(
        url, {"start_date": "2026-09-01", "end_date": "2026-09-07", "reason": "X"}
    )
    assert response.status_code == 403
    assert not QuietPeriod.objects.exists()


# --- Panels -----------------------------------------------------------------------------------


def test_the_kern_page_shows_role_signals(client_for, colleague, kern):
    ClassificationFactory(kern=kern, red=True, community=True, title="Dorpsplan Egchel")
    html = client_for(colleague).get(kern.get_absolute_url()).content.decode()
    assert "Rollen en participatie" in html
    assert "Dorpsplan Egchel" in html and "gemeenschap is eigenaar" in html


def test_the_dashboard_shows_requests_waiting_for_my_review(client_for, kcp, kern, pending):
    html = client_for(kcp).get(reverse("kernen:dashboard")).content.decode()
    assert "Participatieverzoeken om te beoordelen" in html
    assert "Consultatieavond Dorpsstraat" in html


def test_the_dashboard_panel_stays_hidden_for_non_kcps(client_for, colleague, pending):
    html = client_for(colleague).get(reverse("kernen:dashboard")).content.decode()
    assert "Participatieverzoeken om te beoordelen" not in html


def test_the_kern_page_panel_runs_constant_queries(client_for, colleague, kern):
    client = client_for(colleague)
    ClassificationFactory(kern=kern, community=True)
    one = count_queries(client, kern.get_absolute_url())
    for _ in range(20):
        ClassificationFactory(kern=kern, community=True, role=Role.RED)
    assert count_queries(client, kern.get_absolute_url()) == one


@time_machine.travel(NOW, tick=False)
def test_a_request_can_be_filed_about_a_classified_object(client_for, colleague, kern):
    about = ParticipationRequestFactory(
        kernen=[kern], subject="Dorpsplan Egchel", requester=colleague
    )
    url = reverse("roles:request_create") + f"?over=roles.participationrequest&id={about.pk}"
    client = client_for(colleague)
    html = client.get(url).content.decode()
    assert "Dit verzoek gaat over: <strong>Dorpsplan Egchel</strong>" in html
    client.post(url, form_data(kern, subject="Enquête bij het dorpsplan"))
    created = ParticipationRequest.objects.get(subject="Enquête bij het dorpsplan")
    assert created.subject_object == about


def test_a_request_form_does_not_show_an_initiative_the_user_may_not_see(
    client_for, colleague, kern
):
    hidden = InitiativeFactory(kernen=[kern], title="Geheim plan van de buurt")
    url = reverse("roles:request_create") + f"?over=initiatives.initiative&id={hidden.pk}"
    response = client_for(colleague).get(url)
    assert response.status_code == 404
    assert "Geheim plan van de buurt" not in response.content.decode()


def test_a_request_form_shows_an_initiative_the_user_guides(client_for, colleague, kern):
    theirs = InitiativeFactory(kernen=[kern], title="Speeltuin", contact_official=colleague)
    url = reverse("roles:request_create") + f"?over=initiatives.initiative&id={theirs.pk}"
    assert (
        "Dit verzoek gaat over: <strong>Speeltuin</strong>" in client_for(colleague).get(url).text
    )


@pytest.mark.parametrize(
    "query", ["?over=kernen.kern&id=1", "?over=roles.participationrequest&id=x"]
)
def test_an_unknown_subject_is_not_found(client_for, colleague, query):
    assert client_for(colleague).get(reverse("roles:request_create") + query).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_review_page_writes_community_agenda_dates_not_python(client_for, kcp, kern, pending):
    from kernen.models import AgendaItem
    from kernen.tests.factories import AgendaItemFactory

    AgendaItemFactory(
        kern=kern, side=AgendaItem.Side.COMMUNITY, title="Kermis",
        start_date=datetime.date(2026, 4, 25), end_date=datetime.date(2026, 4, 28),
    )  # fmt: skip
    AgendaItemFactory(
        kern=kern, side=AgendaItem.Side.COMMUNITY, title="Dorpsfeest",
        start_date=datetime.date(2026, 5, 3),
    )  # fmt: skip
    html = client_for(kcp).get(pending.get_absolute_url()).content.decode()
    assert "datetime.date" not in html
    assert "25 april 2026 t/m 28 april 2026: Kermis" in html
    assert "3 mei 2026: Dorpsfeest" in html


def test_the_kern_page_counts_the_reviews_waiting_in_that_kern(client_for, kcp, kern, pending):
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "Participatieverzoeken die op beoordeling wachten: 1." in text
    pending.status = "declined"
    pending.save()
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "Participatieverzoeken die op beoordeling wachten: 0." in text
