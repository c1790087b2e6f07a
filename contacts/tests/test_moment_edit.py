"""Correcting a logged contact moment and its follow-ups, with the change kept in its history."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from contacts import services
from contacts.models import ContactMomentRevision, FollowUp

from .factories import SOON, ContactMomentFactory, FollowUpFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _fields(moment, **changes):
    fields = {
        "happened_at": moment.happened_at,
        "kind": moment.kind,
        "summary": moment.summary,
        "agreements": moment.agreements,
    }
    fields.update(changes)
    return fields


def test_a_correction_keeps_who_when_and_what_changed(kern, kcp, colleague):
    moment = ContactMomentFactory(kern=kern, summary="Dorpsplan besproken.")
    keep = FollowUpFactory(contact_moment=moment, owner=kcp, description="Verslag sturen")
    drop = FollowUpFactory(contact_moment=moment, owner=kcp, description="Zaal boeken")
    services.contactmoment_update(
        moment=moment,
        editor=kcp,
        fields=_fields(moment, summary="Dorpsplan en speeltuin besproken."),
        persons=[],
        staff=[kcp],
        followups=[
            {"followup_id": keep.pk, "delete": False, "description": "Verslag sturen",
             "owner": colleague, "due_date": keep.due_date},
            {"followup_id": drop.pk, "delete": True},
            {"followup_id": None, "delete": False, "description": "Offerte vragen",
             "owner": kcp, "due_date": SOON},
        ],
    )  # fmt: skip
    revision = ContactMomentRevision.objects.get()
    assert revision.changed_by == kcp
    assert revision.changes["velden"]["Samenvatting"] == [
        "Dorpsplan besproken.",
        "Dorpsplan en speeltuin besproken.",
    ]
    actions = {f["actie"]: f for f in revision.changes["vervolgacties"]}
    assert actions["gewijzigd"]["wijzigingen"]["Wie"][1] == colleague.get_full_name()
    assert actions["verwijderd"]["Actie"] == "Zaal boeken"
    assert actions["toegevoegd"]["Actie"] == "Offerte vragen"
    assert set(moment.followups.values_list("description", flat=True)) == {
        "Verslag sturen",
        "Offerte vragen",
    }


def test_saving_without_changes_writes_no_revision(kern, kcp):
    moment = ContactMomentFactory(kern=kern)
    services.contactmoment_update(
        moment=moment, editor=kcp, fields=_fields(moment), persons=[], staff=[]
    )
    assert not ContactMomentRevision.objects.exists()


def test_a_bad_follow_up_rolls_back_the_whole_correction(kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Oud")
    with pytest.raises(ValidationError):
        services.contactmoment_update(
            moment=moment,
            editor=kcp,
            fields=_fields(moment, summary="Nieuw"),
            persons=[],
            staff=[],
            followups=[{"followup_id": None, "delete": False, "description": "Iets",
                        "owner": kcp, "due_date": datetime.date(9999, 1, 1)}],
        )  # fmt: skip
    moment.refresh_from_db()
    assert moment.summary == "Oud" and not ContactMomentRevision.objects.exists()


def test_a_follow_up_of_another_moment_cannot_be_changed_through_this_one(kern, kcp):
    moment = ContactMomentFactory(kern=kern)
    foreign = FollowUpFactory()
    with pytest.raises(ValidationError):
        services.contactmoment_update(
            moment=moment, editor=kcp, fields=_fields(moment), persons=[], staff=[],
            followups=[{"followup_id": foreign.pk, "delete": True}],
        )  # fmt: skip
    assert FollowUp.objects.filter(pk=foreign.pk).exists()


def test_history_rows_are_never_edited(kern, kcp):
    moment = ContactMomentFactory(kern=kern)
    revision = ContactMomentRevision.objects.create(moment=moment, changed_by=kcp, changes={})
    with pytest.raises(ValueError):
        revision.save()


def test_anonymising_a_person_removes_their_name_from_the_moment_history(kern, kcp):
    from auditlog.models import LogEntry

    from kernportal.audit import FORGOTTEN

    els = PersonFactory(kernen=[kern], name="Els Peeters")
    jan = PersonFactory(kernen=[kern], name="Jan Hendriks")
    moment = ContactMomentFactory(kern=kern)
    moment.persons.set([els, jan])
    # Els is taken off the moment; the correction still names her in its "before" value.
    services.contactmoment_update(
        moment=moment, editor=kcp, fields=_fields(moment), persons=[jan], staff=[kcp]
    )
    revision = ContactMomentRevision.objects.get()
    assert revision.changes["velden"]["Contactpersonen"] == [
        "Els Peeters, Jan Hendriks",
        "Jan Hendriks",
    ]

    services.person_anonymise(person=els)

    revision.refresh_from_db()
    assert revision.changes["velden"]["Contactpersonen"] == [
        f"{services.ANONYMISED}, Jan Hendriks",
        "Jan Hendriks",
    ]
    entries = LogEntry.objects.get_for_object(revision)
    assert entries.exists()
    assert all("Els" not in str(e.changes) and e.object_repr == FORGOTTEN for e in entries)
    # The anonymisation itself is on the trail: which field changed, not what it said.
    [latest] = entries.order_by("-pk")[:1]
    assert latest.action == LogEntry.Action.UPDATE
    assert latest.changes == {"changes": [FORGOTTEN, FORGOTTEN]}


def _edit_post(moment, kcp, **extra):
    followup = moment.followups.get()
    data = {
        "happened_at": timezone.localtime(moment.happened_at).strftime("%Y-%m-%dT%H:%M"),
        "kind": moment.kind,
        "summary": "Gecorrigeerde samenvatting",
        "agreements": "",
        "acties-TOTAL_FORMS": "2",
        "acties-INITIAL_FORMS": "1",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "50",
        "acties-0-id": str(followup.pk),
        "acties-0-contact_moment": str(moment.pk),
        "acties-0-description": followup.description,
        "acties-0-owner": str(kcp.pk),
        "acties-0-due_date": SOON.isoformat(),
    }
    data.update(extra)
    return data


def test_the_kcp_corrects_a_moment_and_sees_the_history_on_its_page(client_for, kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Eerste versie")
    FollowUpFactory(contact_moment=moment, owner=kcp, description="Bellen")
    client = client_for(kcp)
    url = reverse("contacts:moment_edit", args=[moment.pk])
    response = client.post(
        url,
        _edit_post(moment, kcp, **{"acties-1-description": "Mailen", "acties-1-owner": kcp.pk,
                                   "acties-1-due_date": SOON.isoformat()}),
    )  # fmt: skip
    assert response.status_code == 302, response.content
    page = client.get(moment.get_absolute_url()).content.decode()
    assert "Gecorrigeerde samenvatting" in page
    assert "Samenvatting: “Eerste versie” → “Gecorrigeerde samenvatting”" in page
    assert "Vervolgactie toegevoegd: Mailen" in page
    assert moment.followups.count() == 2


def test_the_extra_row_button_adds_a_row_and_stores_nothing(client_for, kern, kcp):
    moment = ContactMomentFactory(kern=kern, summary="Eerste versie")
    FollowUpFactory(contact_moment=moment, owner=kcp)
    response = client_for(kcp).post(
        reverse("contacts:moment_edit", args=[moment.pk]),
        _edit_post(moment, kcp, extra_rij="1"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="acties-2-description"' in html
    assert 'value="Gecorrigeerde samenvatting"' not in html  # a textarea keeps the text inside
    assert "Gecorrigeerde samenvatting" in html
    assert "is-invalid" not in html
    moment.refresh_from_db()
    assert moment.summary == "Eerste versie"


def test_a_kcp_of_another_kern_may_not_correct_it(client_for, kern, other_kcp):
    moment = ContactMomentFactory(kern=kern)
    response = client_for(other_kcp).get(reverse("contacts:moment_edit", args=[moment.pk]))
    assert response.status_code == 403


def test_a_colleague_reads_the_moment_without_an_edit_button(client_for, kern, colleague):
    moment = ContactMomentFactory(kern=kern)
    html = client_for(colleague).get(moment.get_absolute_url()).content.decode()
    assert reverse("contacts:moment_edit", args=[moment.pk]) not in html


def test_a_person_no_longer_active_stays_choosable_on_a_moment_they_attended(kern):
    from contacts.forms import ContactMomentForm

    moment = ContactMomentFactory(kern=kern)
    person = PersonFactory(is_active=False)
    moment.persons.add(person)
    assert (
        person
        in ContactMomentForm(instance=moment, kern=kern, user=moment.created_by)
        .fields["persons"]
        .queryset
    )


@pytest.mark.parametrize(
    ("happened_at", "message"),
    [
        ("0001-01-01T10:00", "Kies een datum tussen 1 januari 2000 en"),
        ("9999-12-31T10:00", "Kies een datum tussen 1 januari 2000 en"),
    ],
)
def test_an_absurd_date_is_refused_next_to_the_field(client_for, kern, kcp, happened_at, message):
    moment = ContactMomentFactory(kern=kern)
    FollowUpFactory(contact_moment=moment, owner=kcp)
    response = client_for(kcp).post(
        reverse("contacts:moment_edit", args=[moment.pk]),
        _edit_post(moment, kcp, happened_at=happened_at),
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_new_follow_up_due_in_the_past_is_refused(client_for, kern, kcp):
    response = client_for(kcp).post(
        reverse("contacts:moment_create", args=[kern.slug]),
        {
            "happened_at": "2026-01-05T20:00",
            "kind": "dorpsoverleg",
            "summary": "x",
            "acties-TOTAL_FORMS": "1",
            "acties-INITIAL_FORMS": "0",
            "acties-0-description": "Te laat al",
            "acties-0-owner": kcp.pk,
            "acties-0-due_date": "2001-01-01",
        },
    )
    assert "Deze datum ligt in het verleden" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_an_overdue_follow_up_may_be_re_assigned_without_a_new_date(kern, kcp, colleague):
    followup = FollowUpFactory(contact_moment__kern=kern, owner=kcp, overdue=True)
    moment = followup.contact_moment
    services.contactmoment_update(
        moment=moment, editor=kcp, fields=_fields(moment), persons=[], staff=[],
        followups=[{"followup_id": followup.pk, "delete": False, "description": "x",
                    "owner": colleague, "due_date": followup.due_date}],
    )  # fmt: skip
    followup.refresh_from_db()
    assert followup.owner == colleague


def test_the_history_shows_once_in_the_page_and_not_in_its_title(client_for, kern, kcp):
    moment = ContactMomentFactory(kern=kern)
    html = client_for(kcp).get(moment.get_absolute_url()).content.decode()
    assert "<title>Vergadering dorpsoverleg – Egchel (medewerkers) – Kernportal</title>" in html
    assert html.count('id="geschiedenis-kop"') == 1


def test_the_edit_page_runs_the_same_queries_with_more_follow_ups(
    client_for, kern, kcp, constant_queries
):
    moment = ContactMomentFactory(kern=kern)
    FollowUpFactory(contact_moment=moment, owner=kcp)
    client = client_for(kcp)
    url = reverse("contacts:moment_edit", args=[moment.pk])
    constant_queries(
        lambda: client.get(url),
        lambda: FollowUpFactory.create_batch(8, contact_moment=moment, owner=kcp),
    )
    html = client.get(url).content.decode()
    assert html.count('name="acties-') > 9 * 4
