from django.urls import reverse
from django.utils.html import escape

import pytest

from kernen.models import CommunityGroup, KcpAssignment

from .factories import CommunityGroupFactory, KcpAssignmentFactory, KernFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_urls(kern, group_pk=1, assignment_pk=1):
    return [
        reverse("kernen:dashboard"),
        reverse("kernen:list"),
        reverse("kernen:detail", args=[kern.slug]),
        reverse("kernen:edit", args=[kern.slug]),
        reverse("kernen:group_create", args=[kern.slug]),
        reverse("kernen:group_edit", args=[kern.slug, group_pk]),
        reverse("kernen:assignment_create", args=[kern.slug]),
        reverse("kernen:assignment_end", args=[kern.slug, assignment_pk]),
    ]


# --- public --------------------------------------------------------------------------------


def test_home_lists_active_kernen_for_anonymous(client, kern, kcp):
    KernFactory(name="Verdwenen", is_active=False)
    response = client.get(reverse("kernen:home"))
    assert response.status_code == 200
    assert "Egchel" in response.text
    assert "Verdwenen" not in response.text
    assert escape(kcp.get_full_name()) in response.text


def test_public_kern_page_shows_kcp_contact_and_groups(client, kern, kcp):
    CommunityGroupFactory(kern=kern, name="Dorpsraad Egchel", kind="dorpsraad")
    response = client.get(reverse("kernen:public_detail", args=[kern.slug]))
    assert response.status_code == 200
    assert kcp.get_full_name() in response.text
    assert kcp.email in response.text
    assert "Maatschappelijke Ontwikkeling" in response.text
    assert "Dorpsraad Egchel" in response.text


def test_public_kern_page_of_inactive_kern_is_404(client):
    kern = KernFactory(is_active=False)
    assert client.get(reverse("kernen:public_detail", args=[kern.slug])).status_code == 404


def test_public_pages_escape_stored_text(client):
    kern = KernFactory(description="<script>alert(1)</script>")
    response = client.get(reverse("kernen:public_detail", args=[kern.slug]))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_base_layout_is_accessible_by_structure(client, kern):
    text = client.get(reverse("kernen:public_detail", args=[kern.slug])).text
    assert '<html lang="nl">' in text
    assert 'href="#inhoud"' in text and 'id="inhoud"' in text
    assert text.count("<h1") == 1


# --- deny by default -----------------------------------------------------------------------


def test_every_staff_page_needs_a_login_and_the_staff_capability(assert_staff_only, kern):
    assert_staff_only(staff_urls(kern))


# --- staff pages ---------------------------------------------------------------------------


def test_dashboard_shows_the_kcps_own_kernen_only(client_for, kcp, kern, other_kern):
    response = client_for(kcp).get(reverse("kernen:dashboard"))
    assert response.status_code == 200
    assert kern.name in response.text
    assert other_kern.name not in response.text


def test_kern_list_runs_constant_queries(client_for, colleague, django_assert_max_num_queries):
    client = client_for(colleague)
    KcpAssignmentFactory()
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("kernen:list"))
    for _ in range(50):
        KcpAssignmentFactory(kern__alderman=UserFactory())
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("kernen:list"))
    assert response.text.count("<tr>") == 52  # header + 51 kernen


def test_kern_detail_shows_current_and_past_kcps(client_for, colleague, kern, kcp):
    former = KcpAssignmentFactory(
        kern=kern, ended=True, user=UserFactory(first_name="Oud", last_name="Gediende")
    )
    response = client_for(colleague).get(reverse("kernen:detail", args=[kern.slug]))
    assert response.status_code == 200
    assert escape(kcp.get_full_name()) in response.text  # names like "van 't Erve" are escaped
    assert "Oud Gediende" in response.text and former.pk
    assert "Kern bewerken" not in response.text


def test_kcp_can_edit_own_kern_description(client_for, kcp, kern):
    url = reverse("kernen:edit", args=[kern.slug])
    client = client_for(kcp)
    assert "latitude" not in client.get(url).text  # a KCP only sees the description
    response = client.post(url, {"description": "Nieuw dorpsplan in de maak."})
    assert response.status_code == 302
    kern.refresh_from_db()
    assert kern.description == "Nieuw dorpsplan in de maak."


def test_kcp_cannot_edit_another_kern(client_for, kcp, other_kern):
    response = client_for(kcp).post(
        reverse("kernen:edit", args=[other_kern.slug]), {"description": "x"}
    )
    assert response.status_code == 403
    other_kern.refresh_from_db()
    assert other_kern.description != "x"


def test_colleague_cannot_edit_any_kern(client_for, colleague, kern):
    assert client_for(colleague).get(reverse("kernen:edit", args=[kern.slug])).status_code == 403


def test_regisseur_edits_all_fields_and_sees_errors_in_dutch(client_for, regisseur, kern):
    url = reverse("kernen:edit", args=[kern.slug])
    data = {
        "name": kern.name,
        "slug": kern.slug,
        "inhabitants": "-1",
        "latitude": "60",
        "longitude": "5.9",
    }
    response = client_for(regisseur).post(url, data)
    assert response.status_code == 200
    assert "Vul een breedtegraad in Nederland in" in response.text
    kern.refresh_from_db()
    assert kern.inhabitants == 2500


def test_kcp_adds_a_group_to_own_kern(client_for, kcp, kern):
    response = client_for(kcp).post(
        reverse("kernen:group_create", args=[kern.slug]),
        {"kind": "dorpsraad", "name": "Dorpsraad Egchel"},
    )
    assert response.status_code == 302
    assert kern.groups.get().name == "Dorpsraad Egchel"


def test_kcp_cannot_change_a_group_of_another_kern(client_for, kcp, other_kern):
    group = CommunityGroupFactory(kern=other_kern)
    url = reverse("kernen:group_edit", args=[other_kern.slug, group.pk])
    assert client_for(kcp).post(url, {"kind": "other", "name": "Gekaapt"}).status_code == 403
    assert CommunityGroup.objects.get(pk=group.pk).name != "Gekaapt"


def test_a_group_cannot_be_reached_through_another_kerns_url(
    client_for, regisseur, kern, other_kern
):
    group = CommunityGroupFactory(kern=other_kern)
    assert (
        client_for(regisseur)
        .get(reverse("kernen:group_edit", args=[kern.slug, group.pk]))
        .status_code
        == 404
    )


def test_regisseur_assigns_a_backup_kcp(client_for, regisseur, kern, kcp):
    backup = UserFactory(groups=["KCP"])
    response = client_for(regisseur).post(
        reverse("kernen:assignment_create", args=[kern.slug]),
        {"user": backup.pk, "role": "backup", "start_date": "2025-01-01"},
    )
    assert response.status_code == 302
    assert kern.kcp_assignments.current().filter(user=backup, role="backup").exists()


def test_a_second_primary_is_refused_on_the_page_and_not_stored(client_for, regisseur, kern, kcp):
    response = client_for(regisseur).post(
        reverse("kernen:assignment_create", args=[kern.slug]),
        {"user": UserFactory().pk, "role": "primary", "start_date": "2025-01-01"},
    )
    assert response.status_code == 200
    assert "al een eerste KCP" in response.text
    assert kern.kcp_assignments.count() == 1


def test_kcp_cannot_assign_kcps(client_for, kcp, kern):
    assert (
        client_for(kcp).get(reverse("kernen:assignment_create", args=[kern.slug])).status_code
        == 403
    )


def test_regisseur_ends_an_assignment(client_for, regisseur, kern, kcp):
    assignment = KcpAssignment.objects.get(kern=kern, user=kcp)
    url = reverse("kernen:assignment_end", args=[kern.slug, assignment.pk])
    response = client_for(regisseur).post(url, {"end_date": "2025-06-30"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert str(assignment.end_date) == "2025-06-30"


def test_ending_before_the_start_shows_a_dutch_error(client_for, regisseur, kern, kcp):
    assignment = KcpAssignment.objects.get(kern=kern, user=kcp)
    url = reverse("kernen:assignment_end", args=[kern.slug, assignment.pk])
    response = client_for(regisseur).post(url, {"end_date": "2020-01-01"})
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.text
    assignment.refresh_from_db()
    assert assignment.end_date is None


def test_public_kern_page_lists_the_primary_kcp_before_the_backup(client, kern, kcp):
    backup = KcpAssignmentFactory(
        kern=kern, backup=True, user=UserFactory(first_name="Bea", last_name="Backup")
    )
    text = client.get(reverse("kernen:public_detail", args=[kern.slug])).text
    assert text.index(kcp.get_full_name()) < text.index(backup.user.get_full_name())
