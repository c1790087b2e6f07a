"""An attachment leaves only through the access-checked view, however the bytes travel."""

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest

from initiatives.models import Attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(initiative, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment(
        initiative=initiative, original_name="plan één.pdf", content_type="application/pdf", size=9
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=True)
    return attachment


def url(attachment):
    return reverse("initiatives:attachment", args=[attachment.initiative_id, attachment.pk])


def test_nginx_sends_the_file_after_the_view_allowed_it(client_for, kcp, attachment, settings):
    settings.KERNPORTAL_FILE_SERVING = "nginx"
    response = client_for(kcp).get(url(attachment))
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == "/_bestanden/" + attachment.file.name
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "plan%20%C3%A9%C3%A9n.pdf" in response["Content-Disposition"]


def test_sendfile_names_the_absolute_path(client_for, kcp, attachment, settings, tmp_path):
    settings.KERNPORTAL_FILE_SERVING = "sendfile"
    response = client_for(kcp).get(url(attachment))
    assert response["X-Sendfile"] == str(tmp_path / attachment.file.name)
    assert response.content == b""


@pytest.mark.parametrize("mode", ["django", "nginx", "sendfile"])
def test_no_way_of_serving_skips_the_access_check(
    client_for, other_kcp, attachment, settings, mode
):
    settings.KERNPORTAL_FILE_SERVING = mode
    response = client_for(other_kcp).get(url(attachment))
    assert response.status_code == 404  # out of scope: the initiative's existence is private
    assert not response.has_header("X-Accel-Redirect") and not response.has_header("X-Sendfile")


def test_a_download_is_traced_in_the_security_log(client_for, kcp, attachment, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="kernportal.security")
    assert client_for(kcp).get(url(attachment)).status_code == 200
    event = next(r for r in caplog.records if getattr(r, "event", "") == "personal_data_export")
    assert (event.export, event.attachment, event.username) == ("attachment", attachment.pk, "kcp")
