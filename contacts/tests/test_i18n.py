"""Contacts in English: the resident's pages and e-mails follow the language they used, staff
pages follow the visitor's choice, and notices to staff stay in the default language (Dutch)."""

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from contacts import services
from contacts.models import ContactMomentRevision, Question
from kernen.tests.factories import KernFactory
from kernportal.tokens import hash_token

from .factories import (
    ContactMomentFactory,
    FollowUpFactory,
    OrganisationFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC = {
    "name": "Jan",
    "email": "jan@example.org",
    "text": "Wie maait het gras?",
    "website": "",
    "privacy_consent": "on",
}


def in_english(client):
    """Switch the way a visitor does: the footer's language switch, remembered in a cookie."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def assert_english(text, english, dutch):
    missing = [phrase for phrase in english if phrase not in text]
    left = [phrase for phrase in dutch if phrase in text]
    assert not missing, f"English text missing: {missing}"
    assert not left, f"Dutch text left: {left}"


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


# --- the resident ----------------------------------------------------------------------------


def test_the_public_question_form_is_in_english(client, kern):
    page = in_english(client).get(reverse("contacts:question_ask", args=[kern.slug])).text
    assert '<html lang="en">' in page
    assert_english(
        page,
        ["Question to the municipality", "Your name", "Your e-mail address", "Your question",
         "Send question", "privacy statement", f"Do you have a question about {kern.name}?"],
        ["Vraag aan de gemeente", "Uw naam", "Uw e-mailadres", "Uw vraag", "Vraag versturen",
         "privacyverklaring", "Heeft u een vraag"],
    )  # fmt: skip


def test_the_public_form_says_what_is_wrong_in_english(client, kern):
    url = reverse("contacts:question_ask", args=[kern.slug])
    page = in_english(client).post(url, {**PUBLIC, "name": "", "email": "jan@"}).text
    assert "This field is required." in page and "Dit veld is verplicht." not in page
    assert "Enter a valid e-mail address, such as name@example.com." in page
    assert not Question.objects.exists()


def test_the_thanks_page_is_in_english(client, kern, kcp):
    page = in_english(client).post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    assert_english(
        page.text,
        ["Thank you for your question", f"Back to {kern.name}"],
        ["Bedankt", "Terug naar"],
    )


def test_the_residents_question_page_follows_the_visitors_language(client, kern):
    QuestionFactory(kern=kern, token_hash=hash_token("geheim-token"), language="nl")
    url = reverse("contacts:question_status", args=["geheim-token"])
    assert "Uw vraag aan de gemeente" in client.get(url).text
    page = in_english(client).get(url).text
    assert_english(
        page,
        ["Your question to the municipality", "Received; the village contact person is looking",
         "Do not share the link with others."],
        ["Uw vraag", "Ontvangen", "Deel de link niet"],
    )  # fmt: skip


def test_a_question_asked_in_english_gets_its_e_mails_in_english(
    client, client_for, kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        in_english(client).post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    question = Question.objects.get()
    assert question.language == "en"
    (confirmation,) = to("jan@example.org")
    assert (
        confirmation.subject
        == f"Your question to the municipality about {kern.name} has been received"
    )
    assert "Dear Jan," in confirmation.body and "Do not share this link" in confirmation.body
    assert "Beste" not in confirmation.body and "Deel deze link" not in confirmation.body
    assert "Your question:" in confirmation.alternatives[0][0]
    # The KCP's notice stays in Dutch, though the question came in in English.
    (notice,) = to(kcp.email)
    assert notice.subject == f"Nieuwe vraag van inwoner uit {kern.name}"
    assert "Beantwoorden of doorzetten" in notice.body

    # The KCP works in Dutch; the resident still gets the answer in English.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        client_for(kcp).post(
            reverse("contacts:question_answer", args=[question.pk]),
            {"antwoord-answer": "De gemeente maait het gras."},
        )
    (answer,) = to("jan@example.org")
    assert answer.subject == f"Answer to your question about {kern.name}"
    assert f"Your question about {kern.name} has been answered." in answer.body
    assert "De gemeente maait het gras." in answer.body and "Uw vraag" not in answer.body


def test_a_question_asked_in_dutch_gets_its_e_mails_in_dutch(
    client, client_for, kern, kcp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contacts:question_ask", args=[kern.slug]), PUBLIC)
    question = Question.objects.get()
    assert question.language == "nl"
    (confirmation,) = to("jan@example.org")
    assert confirmation.subject == f"Uw vraag aan de gemeente over {kern.name} is ontvangen"
    assert "Beste Jan," in confirmation.body

    # The KCP reads the portal in English; the resident's e-mails stay Dutch.
    mail.outbox.clear()
    staff = in_english(client_for(kcp))
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("contacts:question_message", args=[question.pk]),
            {"bericht-message": "We zoeken het uit."},
        )
        staff.post(
            reverse("contacts:question_close", args=[question.pk]),
            {"afsluiten-note": "Dubbele vraag."},
        )
    message, closed = to("jan@example.org")
    assert message.subject == f"Bericht over uw vraag over {kern.name}"
    assert closed.subject == f"Uw vraag over {kern.name} is afgesloten"
    assert "Reden: Dubbele vraag." in closed.body


def test_message_and_closing_e_mails_follow_an_english_asker(
    kern, kcp, django_capture_on_commit_callbacks
):
    question = QuestionFactory(kern=kern, assigned_to=kcp, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.question_message(question=question, actor=kcp, message="We are on it.")
        services.question_close(question=question, actor=kcp, note="Answered by phone.")
    message, closed = to(question.asker_email)
    assert message.subject == f"Message about your question about {kern.name}"
    assert closed.subject == f"Your question about {kern.name} has been closed"
    assert "Reason: Answered by phone." in closed.body


def test_staff_notices_are_dutch_whatever_the_language_active(
    kern, kcp, colleague, django_capture_on_commit_callbacks
):
    question = QuestionFactory(kern=kern, assigned_to=kcp, language="en")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.question_route(question=question, actor=kcp, to_user=colleague, note="Graag")
    (notice,) = to(colleague.email)
    assert notice.subject == f"Een vraag uit {kern.name} is naar u doorgezet"


# --- staff pages ---------------------------------------------------------------------------


def test_the_contact_list_and_organisations_are_in_english(client_for, kcp, kern):
    school = OrganisationFactory(name="Basisschool De Horizon", kind="school")
    PersonFactory(name="Anna Hesen", kernen=[kern], organisation=school, is_active=False)
    client = in_english(client_for(kcp))
    people = client.get(reverse("contacts:person_list")).text
    assert_english(
        people,
        ["Contact persons", "Add contact person", "Name or role", "All villages", "Filter",
         "not active", "Anna Hesen"],
        ["Contactpersonen", "Contactpersoon toevoegen", "Naam of rol", "Alle organisaties",
         "Filteren", "niet actief"],
    )  # fmt: skip
    organisations = client.get(reverse("contacts:organisation_list")).text
    assert_english(
        organisations,
        ["<h1>Organisations</h1>", "Add organisation", "Group of a village", "School"],
        ["<h1>Organisaties", "Organisatie toevoegen", "Groep van een kern"],
    )
    form = client.get(reverse("contacts:organisation_create")).text
    assert "Welfare organisation" in form and "Welzijnsorganisatie" not in form


def test_the_contact_moment_form_with_follow_ups_is_in_english(client_for, kcp, kern):
    client = in_english(client_for(kcp))
    url = reverse("contacts:moment_create", args=[kern.slug])
    page = client.get(url).text
    assert_english(
        page,
        [f"Log a contact moment in {kern.name}", "Date and time", "Phone call", "Follow-ups",
         "Follow-up 1", 'data-legend="Follow-up __number__"', "Another follow-up (extra row)",
         "An empty row is skipped."],
        ["Contactmoment vastleggen", "Datum en tijd", "Telefoongesprek", "Vervolgactie",
         "Een lege rij"],
    )  # fmt: skip
    # A follow-up row that is half filled in says what is missing, in English.
    data = {
        "happened_at": "2026-01-05T10:00",
        "kind": "phone",
        "summary": "Over het dorpshuis.",
        "acties-TOTAL_FORMS": "1",
        "acties-INITIAL_FORMS": "0",
        "acties-0-description": "Offerte opvragen",
    }
    page = client.post(url, data).text
    assert "Choose who takes the action." in page and "Kies wie" not in page


def test_a_correction_is_stored_in_dutch_and_shown_in_english(client_for, kcp, kern):
    moment = ContactMomentFactory(kern=kern, kind="phone", summary="Eerst.", created_by=kcp)
    followup = FollowUpFactory(contact_moment=moment, owner=kcp, description="Bellen")
    client = in_english(client_for(kcp))
    data = {
        "happened_at": moment.happened_at.strftime("%Y-%m-%dT%H:%M"),
        "kind": "visit",
        "summary": "Eerst.",
        "acties-TOTAL_FORMS": "1",
        "acties-INITIAL_FORMS": "1",
        "acties-0-id": str(followup.pk),
        "acties-0-description": "Bellen",
        "acties-0-owner": str(kcp.pk),
        "acties-0-due_date": followup.due_date.isoformat(),
        "acties-0-DELETE": "on",
    }
    response = client.post(reverse("contacts:moment_edit", args=[moment.pk]), data)
    assert response.status_code == 302
    # One history, one language: the record keeps the default language's labels and values.
    changes = ContactMomentRevision.objects.get().changes
    assert changes["velden"]["Soort"] == ["Telefoongesprek", "Bezoek"]
    page = client.get(moment.get_absolute_url()).text
    assert_english(
        page,
        ["Kind: “Telefoongesprek” → “Bezoek”", "Follow-up removed: Bellen", "History",
         "changed by"],
        ["Soort:", "Vervolgactie verwijderd", "Geschiedenis", "gewijzigd door"],
    )  # fmt: skip


def test_the_question_list_and_detail_are_in_english(client_for, kcp, kern):
    question = QuestionFactory(kern=kern, assigned_to=kcp, language="en")
    client = in_english(client_for(kcp))
    listing = client.get(reverse("contacts:question_list")).text
    assert_english(
        listing,
        ["Questions for me", "Sort by deadline:", "Question from a resident", "Received",
         "Also show questions dealt with"],
        ["Vragen voor mij", "Sorteren op termijn", "Vraag van inwoner", "Ontvangen"],
    )  # fmt: skip
    detail = client.get(question.get_absolute_url()).text
    assert_english(
        detail,
        [f"Question from a resident in {kern.name}", "Response deadline", "Send answer",
         "Message to the asker", "Pass on to a colleague", "Close question", "History",
         "Asker's language", "English"],
        ["Reactietermijn", "Antwoord versturen", "Bericht aan de vrager", "Vraag afsluiten",
         "Verloop", "Taal van de vrager"],
    )  # fmt: skip


def test_a_failed_answer_says_why_in_english(client_for, kcp, kern):
    question = QuestionFactory(kern=kern, assigned_to=kcp)
    client = in_english(client_for(kcp))
    url = reverse("contacts:question_close", args=[question.pk])
    page = client.post(url, {"afsluiten-note": ""}).text
    assert "Enter the reason: the asker will see it." in page
    assert Question.objects.get().status == Question.Status.NEW


def test_search_is_in_english(client_for, kcp, kern):
    PersonFactory(name="Anna Dorpsman", kernen=[kern])
    client = in_english(client_for(kcp))
    page = client.get(reverse("contacts:search"), {"q": "Dorpsman"}).text
    assert_english(
        page,
        ["Search for", "Contact persons (1)", "Villages (0)", "Nothing found."],
        ["Zoeken naar", "Contactpersonen", "Niets gevonden"],
    )


def test_the_kern_page_panels_are_in_english(client_for, kcp, kern):
    KernFactory()  # another kern, so the page is not the only one
    FollowUpFactory(contact_moment=ContactMomentFactory(kern=kern), owner=kcp)
    QuestionFactory(kern=kern, assigned_to=kcp)
    client = in_english(client_for(kcp))
    page = client.get(kern.get_absolute_url()).text
    assert_english(
        page,
        ["Contact moments", "Log contact moment", "1 open question", "Dorpsoverleg meeting"],
        ["Contactmoment vastleggen", "open vraag", "Vergadering dorpsoverleg"],
    )
    dashboard = client.get(reverse("kernen:dashboard")).text
    assert_english(
        dashboard,
        ["My follow-ups", "Tick off", "Questions waiting for a response"],
        ["Mijn vervolgacties", "Afvinken", "Vragen die op een reactie wachten"],
    )
