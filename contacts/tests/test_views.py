from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest

from contacts import services
from contacts.models import ContactMoment, FollowUp, Membership, Organisation, Person, Question
from contacts.panels import DASHBOARD_LIMIT
from kernen.tests.factories import CommunityGroupFactory, KernFactory
from kernportal.tokens import hash_token

from .factories import (
    SOON,
    ContactMomentFactory,
    FollowUpFactory,
    OrganisationFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def staff_urls(kern, pk=1):
    return [
        reverse("contacts:person_list"),
        reverse("contacts:person_create"),
        reverse("contacts:person_detail", args=[pk]),
        reverse("contacts:person_edit", args=[pk]),
        reverse("contacts:membership_create", args=[pk]),
        reverse("contacts:organisation_create"),
        reverse("contacts:moment_create", args=[kern.slug]),
        reverse("contacts:moment_detail", args=[pk]),
        reverse("contacts:question_list"),
        reverse("contacts:question_detail", args=[pk]),
        reverse("contacts:question_ask_internal", args=[kern.slug]),
        reverse("kernen:agenda_create", args=[kern.slug]),
        reverse("kernen:agenda_edit", args=[kern.slug, pk]),
        reverse("contacts:agendaitem_moments", args=[kern.slug, pk]),
        reverse("kernen:calendar_subscribe"),
        reverse("contacts:search") + "?q=dorp",
    ]


def test_every_staff_page_needs_a_login_and_the_staff_capability(assert_staff_only, kern):
    assert_staff_only(staff_urls(kern))


# --- contacts ------------------------------------------------------------------------------


def test_contacts_filter_by_kern_organisation_and_role(client_for, colleague, kern, other_kern):
    school = OrganisationFactory(name="Basisschool De Horizon", kind="school")
    PersonFactory(name="Anna Hesen", kernen=[kern], organisation=school, role="directeur")
    PersonFactory(name="Bert Peeters", kernen=[other_kern], role="opbouwwerker")
    client = client_for(colleague)
    url = reverse("contacts:person_list")
    assert "Bert Peeters" not in client.get(url, {"kern": kern.pk}).text
    assert "Anna Hesen" in client.get(url, {"organisation": school.pk}).text
    by_role = client.get(url, {"role": "opbouw"}).text
    assert "Bert Peeters" in by_role and "Anna Hesen" not in by_role


def test_a_contact_in_two_kernen_is_listed_once(client_for, colleague, kern, other_kern):
    PersonFactory(name="Anna Hesen", kernen=[kern, other_kern])
    client = client_for(colleague)
    url = reverse("contacts:person_list")
    assert client.get(url).text.count("Anna Hesen</a>") == 1
    assert client.get(url, {"kern": kern.pk}).text.count("Anna Hesen</a>") == 1


@pytest.mark.parametrize("rows", [1, 50])
def test_the_contact_list_runs_constant_queries(
    client_for, colleague, kern, rows, django_assert_max_num_queries
):
    org = OrganisationFactory()
    for _ in range(rows):
        PersonFactory(kernen=[kern], organisation=org)
    client = client_for(colleague)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("contacts:person_list"))
    assert response.text.count('<th scope="row">') == rows


def test_a_kcp_adds_a_contact_for_their_kern(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("contacts:person_create"),
        {
            "name": "Marij Hesen",
            "role": "voorzitter",
            "kernen": [kern.pk],
            "basis": "public_task",
            "is_active": "on",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert list(person.kernen.all()) == [kern]


def test_a_contact_with_consent_but_no_date_is_refused_and_not_stored(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("contacts:person_create"),
        {"name": "Marij", "kernen": [kern.pk], "basis": "consent", "email": "geen-mail"},
    )
    assert response.status_code == 200
    assert "Vul de datum van de toestemming in." in response.text
    assert "Voer een geldig e-mailadres in." in response.text
    assert not Person.objects.exists()


def test_a_kcp_cannot_file_a_contact_under_another_kern(client_for, kcp, other_kern):
    response = client_for(kcp).post(
        reverse("contacts:person_create"),
        {"name": "Marij", "kernen": [other_kern.pk], "basis": "public_task"},
    )
    assert "Kies ten minste één van uw eigen kernen." in response.text
    assert not Person.objects.exists()


def test_a_colleague_cannot_add_contacts(client_for, colleague):
    assert client_for(colleague).get(reverse("contacts:person_create")).status_code == 403


def test_contact_detail_shows_their_contact_moments(client_for, colleague, kern):
    person = PersonFactory(kernen=[kern])
    moment = ContactMomentFactory(kern=kern, summary="Gesprek over het dorpsplan")
    moment.persons.add(person)
    text = client_for(colleague).get(person.get_absolute_url()).text
    assert "Gesprek over het dorpsplan" in text


def test_a_kcp_edits_a_contact(client_for, kcp, kern):
    person = PersonFactory(kernen=[kern], name="Oud")
    client_for(kcp).post(
        reverse("contacts:person_edit", args=[person.pk]),
        {"name": "Nieuw", "kernen": [kern.pk], "basis": "public_task", "is_active": "on"},
    )
    assert Person.objects.get().name == "Nieuw"


def test_a_kcp_adds_an_organisation(client_for, kcp):
    response = client_for(kcp).post(
        reverse("contacts:organisation_create"),
        {"name": "Basisschool De Horizon", "kind": "school"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().name == "Basisschool De Horizon"


def test_a_duplicate_organisation_is_refused_in_dutch(client_for, kcp):
    OrganisationFactory(name="Basisschool De Horizon")
    response = client_for(kcp).post(
        reverse("contacts:organisation_create"), {"name": "Basisschool De Horizon", "kind": "x"}
    )
    assert "Er is al een organisatie met deze naam." in response.text
    assert "Selecteer een geldige keuze" in response.text
    assert Organisation.objects.count() == 1


def test_a_kcp_records_a_membership_with_role_and_period(client_for, kcp, kern):
    person = PersonFactory(kernen=[kern])
    group = CommunityGroupFactory(kern=kern, name="Dorpsoverleg Egchel")
    client = client_for(kcp)
    bad = client.post(
        reverse("contacts:membership_create", args=[person.pk]),
        {
            "group": group.pk,
            "role": "voorzitter",
            "start_date": "2025-01-01",
            "end_date": "2024-01-01",
        },
    )
    assert "De einddatum ligt voor de begindatum." in bad.text
    assert not Membership.objects.exists()
    client.post(
        reverse("contacts:membership_create", args=[person.pk]),
        {"group": group.pk, "role": "voorzitter", "start_date": "2025-01-01"},
    )
    assert "voorzitter van Dorpsoverleg Egchel" in client.get(person.get_absolute_url()).text


def test_a_colleague_cannot_add_memberships_or_organisations(client_for, colleague, kern):
    person = PersonFactory(kernen=[kern])
    client = client_for(colleague)
    assert client.get(reverse("contacts:membership_create", args=[person.pk])).status_code == 403
    assert client.get(reverse("contacts:organisation_create")).status_code == 403


# --- contact moments -----------------------------------------------------------------------


def moment_post(kcp, **extra):
    data = {
        "happened_at": "2025-03-04T20:00",
        "kind": "dorpsoverleg",
        "summary": "Dorpsplan besproken.",
        "agreements": "",
        "staff": [kcp.pk],
        "acties-TOTAL_FORMS": "3",
        "acties-INITIAL_FORMS": "0",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "50",
        "acties-0-description": "Telling aanvragen",
        "acties-0-owner": str(kcp.pk),
        "acties-0-due_date": SOON.isoformat(),
    }
    data.update(extra)
    return data


def test_a_kcp_logs_a_moment_with_followups_in_one_form(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("contacts:moment_create", args=[kern.slug]), moment_post(kcp)
    )
    assert response.status_code == 302 and response.url == kern.get_absolute_url()
    moment = ContactMoment.objects.get()
    assert moment.kern == kern and moment.created_by == kcp
    assert moment.followups.get().description == "Telling aanvragen"


def test_a_half_filled_followup_stores_nothing_and_says_why(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("contacts:moment_create", args=[kern.slug]),
        moment_post(kcp, **{"acties-1-description": "Zonder eigenaar"}),
    )
    assert response.status_code == 200
    assert "Kies wie de actie doet." in response.text
    assert not ContactMoment.objects.exists() and not FollowUp.objects.exists()


def test_a_moment_without_summary_is_refused(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("contacts:moment_create", args=[kern.slug]), moment_post(kcp, summary="")
    )
    assert "Dit veld is verplicht." in response.text
    assert not ContactMoment.objects.exists()


def test_the_kcp_of_another_kern_and_a_colleague_cannot_log_moments(
    client_for, other_kcp, colleague, kern
):
    url = reverse("contacts:moment_create", args=[kern.slug])
    assert client_for(other_kcp).get(url).status_code == 403
    assert client_for(colleague).get(url).status_code == 403


def test_moment_detail_shows_followups(client_for, wethouder, kern):
    followup = FollowUpFactory(contact_moment__kern=kern, description="Verslag rondsturen")
    text = client_for(wethouder).get(followup.contact_moment.get_absolute_url()).text
    assert "Verslag rondsturen" in text


def test_the_owner_ticks_off_a_followup_from_the_dashboard(client_for, kcp, kern):
    followup = FollowUpFactory(contact_moment__kern=kern, owner=kcp)
    client = client_for(kcp)
    dashboard = client.get(reverse("kernen:dashboard")).text
    assert reverse("contacts:followup_done", args=[followup.pk]) in dashboard
    response = client.post(
        reverse("contacts:followup_done", args=[followup.pk]), {"next": "/portaal/"}
    )
    assert response.status_code == 302 and response.url == "/portaal/"
    assert FollowUp.objects.get().is_done


def test_ticking_off_needs_post_and_the_right_person(client_for, kcp, other_kcp, kern):
    followup = FollowUpFactory(contact_moment__kern=kern, owner=kcp)
    url = reverse("contacts:followup_done", args=[followup.pk])
    assert client_for(kcp).get(url).status_code == 405
    assert client_for(other_kcp).post(url).status_code == 403
    assert not FollowUp.objects.get().is_done


def test_ticking_off_never_redirects_elsewhere(client_for, kcp, kern):
    followup = FollowUpFactory(contact_moment__kern=kern, owner=kcp)
    response = client_for(kcp).post(
        reverse("contacts:followup_done", args=[followup.pk]), {"next": "//evil.example/"}
    )
    assert response.url == reverse("kernen:dashboard")


# --- questions: staff ----------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 50])
def test_the_question_inbox_runs_constant_queries(
    client_for, kcp, kern, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        QuestionFactory(kern=kern, assigned_to=kcp)
    client = client_for(kcp)
    with django_assert_max_num_queries(21):
        response = client.get(reverse("contacts:question_list"))
    assert response.text.count('<th scope="row">') == rows


def test_a_colleague_lists_only_questions_routed_to_them(client_for, colleague, kern):
    QuestionFactory(kern=kern, text="Niet voor jou")
    QuestionFactory(kern=kern, status="routed", routed_to=colleague, text="Lantaarnpaal")
    client = client_for(colleague)
    for view in ("inbox", "doorgezet", "gesteld", "alle"):
        text = client.get(reverse("contacts:question_list"), {"weergave": view}).text
        assert "Niet voor jou" not in text, view
    assert (
        "Lantaarnpaal"
        in client.get(reverse("contacts:question_list"), {"weergave": "doorgezet"}).text
    )


def test_the_kcp_routes_a_question_and_sees_its_status(client_for, kcp, colleague, kern):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    client = client_for(kcp)
    response = client.post(
        reverse("contacts:question_route", args=[question.pk]),
        {"doorzetten-to_user": colleague.pk, "doorzetten-note": "Gaat over wegen"},
    )
    assert response.status_code == 302
    text = client.get(question.get_absolute_url()).text
    assert "Doorgezet naar collega" in text and "Gaat over wegen" in text


def test_routing_without_a_colleague_gives_a_field_error(client_for, kcp, kern):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    response = client_for(kcp).post(reverse("contacts:question_route", args=[question.pk]), {})
    assert "Dit veld is verplicht." in response.text
    assert not question.events.exists()


def test_the_colleague_answers_a_routed_question(client_for, colleague, kern):
    question = QuestionFactory(kern=kern, status="routed", routed_to=colleague)
    response = client_for(colleague).post(
        reverse("contacts:question_answer", args=[question.pk]),
        {"antwoord-answer": "Is gerepareerd."},
    )
    assert response.status_code == 302
    assert Question.objects.get().status == Question.Status.ANSWERED


def test_a_colleague_cannot_answer_or_close_what_is_not_theirs(client_for, colleague, kern):
    question = QuestionFactory(kern=kern)
    client = client_for(colleague)
    assert (
        client.post(
            reverse("contacts:question_answer", args=[question.pk]), {"answer": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("contacts:question_close", args=[question.pk])).status_code == 404
    assert client.get(question.get_absolute_url()).status_code == 404


def test_the_wethouder_reads_but_cannot_close(client_for, wethouder, kern):
    question = QuestionFactory(kern=kern, text="Over de kermis")
    client = client_for(wethouder)
    assert "Over de kermis" in client.get(question.get_absolute_url()).text
    assert client.post(reverse("contacts:question_close", args=[question.pk])).status_code == 403


def test_the_kcp_closes_a_question(client_for, kcp, kern):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    client_for(kcp).post(
        reverse("contacts:question_close", args=[question.pk]), {"afsluiten-note": "dubbel"}
    )
    assert Question.objects.get().status == Question.Status.CLOSED


def test_a_colleague_asks_the_kcp_for_advice(client_for, colleague, kcp, kern):
    response = client_for(colleague).post(
        reverse("contacts:question_ask_internal", args=[kern.slug]), {"text": "Welke rol neem ik?"}
    )
    question = Question.objects.get()
    assert response.url == question.get_absolute_url()
    assert (
        question.kind == "internal"
        and question.asked_by == colleague
        and question.assigned_to == kcp
    )


def test_an_empty_advice_question_is_refused(client_for, colleague, kern):
    response = client_for(colleague).post(
        reverse("contacts:question_ask_internal", args=[kern.slug]), {"text": ""}
    )
    assert "Dit veld is verplicht." in response.text
    assert not Question.objects.exists()


def test_a_wethouder_cannot_ask_advice_questions(client_for, wethouder, kern):
    url = reverse("contacts:question_ask_internal", args=[kern.slug])
    assert client_for(wethouder).get(url).status_code == 403


# --- questions: public ---------------------------------------------------------------------

PUBLIC = {
    "name": "Jan",
    "email": "jan@example.org",
    "text": "Wie maait het gras?",
    "privacy_consent": "on",
    "website": "",
}


def test_the_public_kern_page_links_to_the_question_form(client, kern):
    text = client.get(kern.get_public_url()).text
    assert reverse("contacts:question_ask", args=[kern.slug]) in text


def test_a_resident_asks_a_question_and_gets_a_status_link(
    client, kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    assert response.status_code == 200 and "Bedankt voor uw vraag" in response.text
    question = Question.objects.get()
    assert question.assigned_to == kcp
    confirmation = next(m for m in mail.outbox if m.to == ["jan@example.org"])
    path = confirmation.body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    status = client.get(path)
    assert status.status_code == 200 and "Wie maait het gras?" in status.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Dit veld is verplicht."),
        ({"email": "jan@"}, "Vul een geldig e-mailadres in"),
        ({"text": ""}, "Dit veld is verplicht."),
        ({"text": "x" * 3001}, "maximaal 3000 tekens"),
        ({"name": "x" * 101}, "niet meer dan 100 tekens"),
        ({"privacy_consent": ""}, "Zonder uw akkoord kunnen wij uw vraag niet behandelen."),
    ],
)
def test_the_public_form_refuses_bad_input_per_field(client, kern, data, message):
    response = client.post(reverse("contacts:question_ask", args=[kern.slug]), {**PUBLIC, **data})
    assert response.status_code == 200
    assert message in response.text
    assert not Question.objects.exists()


def test_the_public_form_asks_consent_with_a_link_to_the_privacy_statement(client, kern):
    text = client.get(reverse("contacts:question_ask", args=[kern.slug])).text
    assert 'type="checkbox" name="privacy_consent"' in text
    assert "Ik heb gelezen hoe de gemeente met mijn gegevens omgaat." in text
    assert f'href="{reverse("privacy")}" target="_blank"' in text


@override_settings(KERNPORTAL_PRIVACY_STATEMENT_VERSION="2027-02")
def test_a_question_records_when_and_to_which_privacy_statement_the_asker_agreed(client, kern):
    before = timezone.now()
    client.post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    question = Question.objects.get()
    assert question.privacy_consent_version == "2027-02"
    assert before <= question.privacy_consent_at <= timezone.now()


def test_the_honeypot_silently_drops_bots(client, kern, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contacts:question_ask", args=[kern.slug]), {**PUBLIC, "website": "spam"}
        )
    assert "Bedankt voor uw vraag" in response.text
    assert not Question.objects.exists() and not mail.outbox


def test_too_many_questions_get_a_429_that_keeps_the_text_and_names_the_kcp(
    client, kern, kcp, settings
):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "3/h"
    url = reverse("contacts:question_ask", args=[kern.slug])
    for _ in range(3):
        assert client.post(url, PUBLIC).status_code == 200
    response = client.post(url, {**PUBLIC, "text": "Mijn vierde vraag over de stoep."})
    assert response.status_code == 429
    assert "Mijn vierde vraag over de stoep." in response.text  # what they typed is kept
    assert kcp.get_full_name() in response.text and kcp.email in response.text
    assert kcp.profile.phone in response.text
    assert Question.objects.count() == 3


def test_questions_with_errors_do_not_use_up_the_rate_limit(client, kern, settings):
    settings.KERNPORTAL_PUBLIC_FORM_RATE = "2/h"
    url = reverse("contacts:question_ask", args=[kern.slug])
    for _ in range(10):
        assert client.post(url, {**PUBLIC, "email": "geen-adres"}).status_code == 200
    for _ in range(2):
        assert client.post(url, PUBLIC).status_code == 200
    assert Question.objects.count() == 2
    assert client.post(url, PUBLIC).status_code == 429


def test_an_inactive_kern_has_no_question_form(client):
    kern = KernFactory(is_active=False)
    assert client.get(reverse("contacts:question_ask", args=[kern.slug])).status_code == 404


def test_the_status_page_shows_only_its_own_question(client, kern):
    _mine, token = services.question_submit(
        consent_version="v1", kern=kern, name="A", email="a@example.org", text="Vraag van A"
    )
    services.question_submit(
        consent_version="v1", kern=kern, name="B", email="b@example.org", text="Vraag van B"
    )
    text = client.get(reverse("contacts:question_status", args=[token])).text
    assert "Vraag van A" in text and "Vraag van B" not in text
    assert "b@example.org" not in text and "a@example.org" not in text


def test_an_unknown_or_internal_token_is_404(client, kern):
    assert client.get(reverse("contacts:question_status", args=["onbekend"])).status_code == 404
    assert client.get(reverse("contacts:question_status", args=["x" * 200])).status_code == 404
    QuestionFactory(internal=True, token_hash=hash_token("intern-token"), text="Welke rol?")
    response = client.get(reverse("contacts:question_status", args=["intern-token"]))
    assert response.status_code == 404 and "Welke rol?" not in response.text


def test_the_status_page_shows_only_public_questions(client, kern):
    QuestionFactory(token_hash=hash_token("publiek-token"), text="Wanneer komt de veegwagen?")
    response = client.get(reverse("contacts:question_status", args=["publiek-token"]))
    assert response.status_code == 200 and "Wanneer komt de veegwagen?" in response.text


def test_the_status_page_shows_the_answer(client, kern, kcp):
    question, token = services.question_submit(
        consent_version="v1", kern=kern, name="A", email="a@example.org", text="?"
    )
    services.question_answer(question=question, actor=kcp, answer="Dinsdag komt de veegwagen.")
    text = client.get(reverse("contacts:question_status", args=[token])).text
    assert "Beantwoord" in text and "Dinsdag komt de veegwagen." in text


# --- panels --------------------------------------------------------------------------------


def test_the_dashboard_lists_my_followups_overdue_first_and_my_questions(client_for, kcp, kern):
    FollowUpFactory(contact_moment__kern=kern, owner=kcp, description="Later te doen")
    FollowUpFactory(contact_moment__kern=kern, owner=kcp, description="Al te laat", overdue=True)
    QuestionFactory(kern=kern, assigned_to=kcp)
    text = client_for(kcp).get(reverse("kernen:dashboard")).text
    assert text.index("Al te laat") < text.index("Later te doen")
    assert "te laat</span>" in text
    assert "Vraag van inwoner uit Egchel" in text


def test_the_dashboard_shows_a_colleague_what_was_routed_to_them(client_for, colleague, kern):
    QuestionFactory(kern=kern, status="routed", routed_to=colleague)
    text = client_for(colleague).get(reverse("kernen:dashboard")).text
    assert "Vraag uit Egchel" in text


def test_the_kern_page_shows_the_timeline_and_open_questions(client_for, kcp, kern):
    ContactMomentFactory(kern=kern, summary="Dorpsavond over het plein")
    QuestionFactory(kern=kern)
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "Dorpsavond over het plein" in text
    assert "1 open vraag" in text
    assert reverse("contacts:moment_create", args=[kern.slug]) in text


def test_the_kern_page_runs_constant_queries(client_for, kcp, kern, constant_queries):
    """Same count with 1 and with 50 contact moments; every app's panels are on this page."""
    client = client_for(kcp)
    FollowUpFactory(contact_moment__kern=kern)
    response = constant_queries(
        lambda: client.get(kern.get_absolute_url()),
        lambda: FollowUpFactory.create_batch(49, contact_moment__kern=kern),
    )
    assert response.status_code == 200


def test_the_timeline_shows_each_moments_followups_in_due_order_with_their_owner(
    client_for, kcp, kern
):
    """The follow-ups are read along with the moments (as JSON rows): what a prefetch showed."""
    import datetime

    from django.utils import timezone

    moment = ContactMomentFactory(kern=kern)
    today = timezone.localdate()
    later = FollowUpFactory(
        contact_moment=moment,
        description="Verslag rondsturen",
        due_date=today + datetime.timedelta(days=30),
    )
    done = FollowUpFactory(contact_moment=moment, description="Zaal boeken", due_date=today)
    done.is_done, done.done_at = True, timezone.now()
    done.save()
    FollowUpFactory(
        contact_moment=ContactMomentFactory(kern=kern, happened_at=moment.happened_at),
        description="Offerte opvragen",
        overdue=True,
    )
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert text.index("Zaal boeken") < text.index("Verslag rondsturen")
    assert later.owner.get_full_name() in text
    assert text.count('badge text-bg-success">gedaan') == 1
    assert text.count('badge text-bg-danger">te laat') == 1


def test_the_timeline_marks_overdue_followups(client_for, kcp, kern):
    FollowUpFactory(contact_moment__kern=kern, overdue=True)
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "te laat" in text


def test_the_search_page_finds_by_words(client_for, colleague, kern):
    ContactMomentFactory(kern=kern, summary="Verkeersveiligheid bij de basisschool")
    text = client_for(colleague).get(reverse("contacts:search"), {"q": "basisschool"}).text
    assert "Verkeersveiligheid bij de basisschool" in text


def test_a_one_letter_search_asks_for_more(client_for, colleague):
    text = client_for(colleague).get(reverse("contacts:search"), {"q": "a"}).text
    assert "ten minste 2 tekens" in text


def test_the_dashboard_runs_constant_queries(client_for, kcp, kern, constant_queries):
    client = client_for(kcp)

    def add(rows):
        FollowUpFactory.create_batch(rows, contact_moment__kern=kern, owner=kcp)
        QuestionFactory.create_batch(rows, kern=kern, assigned_to=kcp)

    add(1)
    response = constant_queries(lambda: client.get(reverse("kernen:dashboard")), lambda: add(49))
    # A bounded window: the most urgent ones, and a word that there are more.
    assert response.text.count("Afvinken<span") == DASHBOARD_LIMIT
    assert f"Alleen de eerste {DASHBOARD_LIMIT} staan hier." in response.text


def test_every_page_has_exactly_one_h1(client_for, kcp, kern):
    person = PersonFactory(kernen=[kern])
    moment = ContactMomentFactory(kern=kern)
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    client = client_for(kcp)
    urls = [
        *[u for u in staff_urls(kern) if "agenda/1/" not in u],
        reverse("contacts:person_detail", args=[person.pk]),
        reverse("contacts:moment_detail", args=[moment.pk]),
        reverse("contacts:question_detail", args=[question.pk]),
        reverse("kernen:dashboard"),
        kern.get_absolute_url(),
        reverse("contacts:question_ask", args=[kern.slug]),
    ]
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            assert response.text.count("<h1") == 1, url


def test_the_consent_record_cannot_be_changed_in_admin(admin_client, kern):
    from .factories import QuestionFactory

    question = QuestionFactory(kern=kern)
    page = admin_client.get(reverse("admin:contacts_question_change", args=[question.pk])).text
    assert 'name="privacy_consent_version"' not in page
    assert 'name="privacy_consent_at' not in page
    assert "2026-11" in page  # shown, read-only


def test_the_kern_page_counts_only_the_kerns_own_open_questions(client_for, kcp, kern, other_kern):
    """The count is read with the kern (a subquery), not per panel: same answer."""
    QuestionFactory.create_batch(2, kern=kern)
    QuestionFactory(kern=kern, status="closed")
    QuestionFactory(kern=other_kern)
    text = client_for(kcp).get(kern.get_absolute_url()).text
    assert "2 open vragen" in text
