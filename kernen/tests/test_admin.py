from django.contrib import admin
from django.urls import reverse

import pytest

from .factories import CommunityGroupFactory, KcpAssignmentFactory

pytestmark = pytest.mark.django_db


def admin_models():
    return [(m._meta.app_label, m._meta.model_name) for m in admin.site._registry]


@pytest.mark.parametrize(("app_label", "model_name"), admin_models())
def test_every_changelist_and_add_page_opens_for_a_superuser(admin_client, app_label, model_name):
    KcpAssignmentFactory()
    CommunityGroupFactory()
    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # Read-only registers (the outbox) refuse adding on purpose.
    assert add.status_code == (403 if model_name == "outboxemail" else 200)


def test_kern_change_page_has_group_and_assignment_inlines(admin_client):
    assignment = KcpAssignmentFactory()
    response = admin_client.get(reverse("admin:kernen_kern_change", args=[assignment.kern.pk]))
    assert response.status_code == 200
    assert "KCP-toewijzingen" in response.text
    assert "Gemeenschapsgroepen" in response.text
