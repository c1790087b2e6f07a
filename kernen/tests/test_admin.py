from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

import pytest

from .factories import CommunityGroupFactory, KcpAssignmentFactory

pytestmark = pytest.mark.django_db


def admin_models():
    return [(m._meta.app_label, m._meta.model_name) for m in admin.site._registry]


def can_add(app_label, model_name, user):
    request = RequestFactory().get("/")
    request.user = user
    model = apps.get_model(app_label, model_name)
    return admin.site._registry[model].has_add_permission(request)


@pytest.mark.parametrize(("app_label", "model_name"), admin_models())
def test_every_changelist_and_add_page_opens_for_a_superuser(
    admin_client, admin_user, app_label, model_name
):
    KcpAssignmentFactory()
    CommunityGroupFactory()
    changelist = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # Read-only registers (outbox, digest deliveries) refuse adding on purpose.
    assert add.status_code == (200 if can_add(app_label, model_name, admin_user) else 403)


def test_kern_change_page_has_group_and_assignment_inlines(admin_client):
    assignment = KcpAssignmentFactory()
    response = admin_client.get(reverse("admin:kernen_kern_change", args=[assignment.kern.pk]))
    assert response.status_code == 200
    assert "KCP-toewijzingen" in response.text
    assert "Gemeenschapsgroepen" in response.text


def test_every_change_page_opens_on_demo_data(admin_client, settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet")
    opened = 0
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )
        assert admin_client.get(url).status_code == 200, url
        opened += 1
    assert opened >= 15
