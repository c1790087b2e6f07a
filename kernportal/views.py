import sys
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone

from django_celery_beat.models import PeriodicTask

from kernen import access, services
from kernen.forms import DigestPreferencesForm
from kernen.models import StaffProfile

from .delivery import digest_period, window_starts
from .digest import build_digests
from .forms import call_service
from .mail import render_email
from .models import DigestDelivery

DIGEST_TASK = "kernportal.tasks.schedule_digests"


@login_not_required
def ratelimited(request, exception=None):
    return render(request, "429.html", status=429)


def server_error(request):
    """handler500. Called while the exception is being handled, from any middleware or view:
    a database that is down or too slow gets the friendly 503 page (a retry will help), any
    other error the 500 page. Neither template touches the database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))


def _send_hour() -> str:
    task = (
        PeriodicTask.objects.filter(task=DIGEST_TASK, enabled=True)
        .select_related("crontab")
        .first()
    )
    return task.crontab.hour if task and task.crontab else "?"


def _next_period(profile, now):
    period = digest_period(profile, now)
    if period is None:
        return None
    if DigestDelivery.objects.done().filter(user_id=profile.user_id, period=period).exists():
        return period + timedelta(days=1 if profile.digest_frequency == "daily" else 7)
    return period


def digest_preview(request):
    """'My next digest' exactly as it would be sent now, beside the user's preferences."""
    access.require_staff(request.user)
    profile, _ = StaffProfile.objects.get_or_create(user=request.user)
    form = DigestPreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if call_service(
            form, services.staffprofile_update_preferences, user=request.user, fields=fields
        ):
            messages.success(request, "Uw voorkeuren zijn opgeslagen.")
            return redirect("digest_preview")
    now = timezone.now()
    request.user.profile = profile
    digest = build_digests([request.user], window_starts([request.user], now), now)[request.user.pk]
    subject, _, _ = render_email("digest", {"digest": digest})
    context = {
        "form": form,
        "digest": digest,
        "subject": subject,
        "site_url": settings.SITE_URL,
        "send_hour": _send_hour(),
        "next_period": _next_period(profile, now),
        "send_empty": settings.KERNPORTAL_DIGEST_SEND_EMPTY,
    }
    return render(request, "kernportal/digest_preview.html", context)
