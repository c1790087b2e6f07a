"""The audit trail: every change of domain data with who, when and what; shown to holders of
the audit right on detail pages; never editable."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from auditlog.models import LogEntry

from contacts.tests.factories import PersonFactory
from kernen.tests.factories import UserFactory
from kernportal.audit import acting_as


def _entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


def test_a_change_in_the_portal_is_recorded_with_its_actor_and_the_difference(
    client_for, kcp, kern
):
    person = PersonFactory(kernen=[kern], name="Piet", email="piet@example.org")
    response = client_for(kcp).post(
        reverse("contacts:person_edit", args=[person.pk]),
        {"kernen": [kern.pk], "name": "Piet Jansen", "basis": person.basis, "email": person.email},
    )
    assert response.status_code == 302
    change = _entries(person).last()
    assert change.action == LogEntry.Action.UPDATE
    assert change.actor == kcp
    assert change.changes_dict["name"] == ["Piet", "Piet Jansen"]
    assert change.remote_addr == "127.0.0.1"


def test_admin_changes_and_bulk_deletes_are_recorded(admin_client, kern):
    people = PersonFactory.create_batch(2, kernen=[kern])
    admin_client.post(
        reverse("admin:contacts_person_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in people], "post": "yes"},
    )
    deletes = LogEntry.objects.filter(action=LogEntry.Action.DELETE)
    assert sorted(int(e.object_pk) for e in deletes) == sorted(p.pk for p in people)
    assert {e.actor.username for e in deletes} == {"admin"}


def test_a_command_or_task_records_the_user_it_acts_for(db, kern):
    user = UserFactory(username="taak")
    with acting_as(user):
        person = PersonFactory(kernen=[kern])
    assert _entries(person).first().actor == user


def test_secrets_are_masked_in_the_trail(db):
    user = UserFactory(username="geheim")
    user.set_password("een-nieuw-lang-wachtwoord")
    user.save()
    change = LogEntry.objects.get_for_object(user).order_by("pk").last()
    _old, new = change.changes_dict["password"]
    assert "pbkdf2" not in new and "md5" not in new and "*" in new


@pytest.mark.parametrize("group", ["gebiedsregisseur", "beheerder"])
def test_the_audit_right_belongs_to_the_all_kernen_roles(db, group):
    assert Group.objects.get(name=group).permissions.filter(codename="view_audit").exists()


def test_the_detail_page_shows_the_history_to_holders_of_the_right_only(
    client_for, regisseur, colleague, kern
):
    person = PersonFactory(kernen=[kern], name="Truus")
    url = reverse("contacts:person_detail", args=[person.pk])
    assert "Wijzigingsgeschiedenis" in client_for(regisseur).get(url).content.decode()
    assert "Wijzigingsgeschiedenis" not in client_for(colleague).get(url).content.decode()


def test_the_panel_is_bounded_and_links_to_the_full_history(client_for, regisseur, kern, settings):
    settings.KERNPORTAL_AUDIT_PANEL_SIZE = 3
    person = PersonFactory(kernen=[kern])
    for n in range(5):
        person.role = f"rol {n}"
        person.save()
    page = client_for(regisseur).get(reverse("contacts:person_detail", args=[person.pk]))
    html = page.content.decode()
    assert html.count("<time datetime=") == 3
    full = reverse("audit_history", args=["contacts.person", person.pk])
    assert full in html
    recorded = LogEntry.objects.get_for_object(person).count()
    assert recorded > 5
    assert client_for(regisseur).get(full).content.decode().count("<time datetime=") == recorded


def _detail_urls(kern):
    from contacts.tests.factories import ContactMomentFactory, QuestionFactory
    from initiatives.tests.factories import InitiativeFactory

    return {
        "person": reverse("contacts:person_detail", args=[PersonFactory(kernen=[kern]).pk]),
        "kern": reverse("kernen:detail", args=[kern.slug]),
        "moment": reverse("contacts:moment_detail", args=[ContactMomentFactory(kern=kern).pk]),
        "question": reverse("contacts:question_detail", args=[QuestionFactory(kern=kern).pk]),
        "initiative": reverse("initiatives:detail", args=[InitiativeFactory(kernen=[kern]).pk]),
    }


@pytest.mark.parametrize("page", ["person", "kern", "moment", "question", "initiative"])
def test_every_main_detail_page_carries_the_panel(client_for, regisseur, kern, page):
    html = client_for(regisseur).get(_detail_urls(kern)[page]).content.decode()
    assert "audit-heading" in html
    assert "Nog geen wijzigingen vastgelegd." not in html  # the creation itself is listed


def test_nobody_can_change_or_delete_the_trail_in_admin(admin_client, rf, admin_user, kern):
    person = PersonFactory(kernen=[kern])
    entry = _entries(person).first()
    model_admin = admin.site._registry[LogEntry]
    request = rf.get("/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    url = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    admin_client.post(url, {"post": "yes"})
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def _with_audit_right(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_audit"))
    return UserFactory._meta.model.objects.get(pk=user.pk)  # fresh permission cache


def test_the_full_history_goes_through_the_owning_apps_access_check(
    client_for, colleague, other_kcp, kern
):
    from contacts.tests.factories import QuestionFactory
    from initiatives.tests.factories import InitiativeFactory

    question = QuestionFactory(kern=kern)  # neither routed to nor asked by the colleague
    initiative = InitiativeFactory(kernen=[kern])  # not the other kern's KCP's to see
    colleague, other_kcp = _with_audit_right(colleague), _with_audit_right(other_kcp)
    question_history = reverse("audit_history", args=["contacts.question", question.pk])
    initiative_history = reverse("audit_history", args=["initiatives.initiative", initiative.pk])
    assert client_for(colleague).get(question_history).status_code == 404
    assert client_for(other_kcp).get(initiative_history).status_code == 404


def test_the_full_history_of_a_model_no_app_registered_is_a_404(client_for, regisseur):
    user = UserFactory(username="iemand")
    assert (
        client_for(regisseur).get(reverse("audit_history", args=["auth.user", user.pk])).status_code
        == 404
    )
    gone = reverse("audit_history", args=["contacts.person", 999999])
    assert client_for(regisseur).get(gone).status_code == 404


def test_without_the_audit_right_the_full_history_is_a_403(client_for, colleague, kern):
    person = PersonFactory(kernen=[kern])
    url = reverse("audit_history", args=["contacts.person", person.pk])
    assert client_for(colleague).get(url).status_code == 403


def test_the_panel_links_to_the_full_history_only_where_an_app_registered_access(
    rf, regisseur, settings
):
    from kernportal.templatetags.audit import audit_history

    settings.KERNPORTAL_AUDIT_PANEL_SIZE = 1
    user = UserFactory(username="iemand")
    user.first_name = "Anders"
    user.save()  # two entries: more than the panel shows
    request = rf.get("/")
    request.user = regisseur
    person = PersonFactory()
    person.role = "voorzitter"
    person.save()
    assert audit_history({"request": request}, person)["has_more"] is True
    assert audit_history({"request": request}, user)["has_more"] is False
