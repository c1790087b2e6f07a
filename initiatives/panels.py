"""Initiatives on the shared pages: escalations and "my initiatives" on the dashboard, the
kern's initiatives on the staff kern page, its public initiatives on the public kern page."""

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from kernen.models import Kern
from kernen.selectors import my_kern_ids
from kernportal.panels import register
from kernportal.queries import first_rows_of_each, names_of, split_names

from . import access
from .digest import is_late
from .models import OPEN, Initiative

LIMIT = 10
# The columns the dashboard's initiative lists show.
SHOWN = ("title", "status", "created_at", "last_activity_at")


def _kernen():
    return Prefetch("kernen", queryset=Kern.objects.order_by("name"))


def _with_kernen(queryset):
    return queryset.select_related("contact_official").prefetch_related(_kernen())


def _dashboard_initiatives(request):
    """(my open initiatives, late initiatives I guide) for the two dashboard panels, read once
    per request in one query, with the names of their kernen and only the columns shown."""
    cached = getattr(request, "_dashboard_initiatives", None)
    if cached is None:
        user = request.user
        now = timezone.now()
        base = Initiative.objects.only(*SHOWN).annotate(
            kern_names=names_of(Initiative.kernen.through.objects, "initiative", "kern__name")
        )
        # Both lists in one query, each bounded on its own. The late ones are the oldest of
        # the possibly late (the rule is monotonic in the submission date).
        lists = first_rows_of_each(
            base,
            {
                "mine": (
                    Initiative.objects.open().filter(contact_official=user),
                    [F("last_activity_at").asc()],
                    LIMIT,
                ),
                "waiting": (
                    Initiative.objects.possibly_late(now).guided_by(user),
                    [F("created_at").asc()],
                    LIMIT,
                ),
            },
        )
        for initiative in lists["mine"] + lists["waiting"]:
            initiative.kern_names = split_names(initiative.kern_names)
        late = [i for i in lists["waiting"] if is_late(i, now)]
        cached = request._dashboard_initiatives = (lists["mine"], late)
    return cached


@register("dashboard", template="initiatives/escalations_panel.html", order=10)
def escalations_panel(request, **kwargs):
    if not access.can_view_escalations(request.user):
        return None
    initiatives = list(
        _with_kernen(access.escalations_for(request.user).order_by("escalated_at"))[:LIMIT]
    )
    return {"escalated": initiatives}


@register("dashboard", template="initiatives/my_initiatives_panel.html", order=20)
def my_initiatives_panel(request, **kwargs):
    if not access.can_view_initiatives(request.user):
        return None
    mine, _late = _dashboard_initiatives(request)
    return {"my_initiatives": mine}


@register("kern_detail", template="initiatives/kern_initiatives_panel.html", order=30)
def kern_initiatives_panel(request, kern, **kwargs):
    if not access.can_view_initiatives(request.user):
        return None
    initiatives = list(
        Initiative.objects.visible_to(request.user)
        .for_kern(kern)
        .select_related("contact_official")
        .only(
            "title",
            "status",
            "escalated",
            "contact_official__first_name",
            "contact_official__last_name",
        )
        .order_by("-created_at")[:25]
    )
    return {"kern_initiatives": initiatives}


# The kern page shows this many of its public initiatives, newest first.
PUBLIC_LIMIT = 10


@register("kern_public", template="initiatives/kern_public_panel.html", order=30)
def kern_public_panel(request, kern, **kwargs):
    """The newest public initiatives of the kern and how many there are in all; the public
    list (filtered on the kern) has the rest."""
    public = Initiative.objects.public().for_kern(kern)
    initiatives = list(public.order_by("-created_at", "-pk")[:PUBLIC_LIMIT])
    total = len(initiatives) if len(initiatives) < PUBLIC_LIMIT else public.count()
    return {"public_initiatives": initiatives, "public_total": total}


@register("dashboard", template="initiatives/late_initiatives_panel.html", order=25)
def late_initiatives_panel(request, **kwargs):
    """New initiatives past their first-response deadline in the KCP's kernen or guided by
    the user: the same "te laat" rule as the digest."""
    user = request.user
    if not access.can_view_initiatives(user):
        return None
    _mine, late = _dashboard_initiatives(request)
    if not late and not my_kern_ids(user):
        return None
    return {"late_initiatives": late}


@register("dashboard", template="initiatives/alderman_kernen_panel.html", order=30)
def alderman_kernen_panel(request, **kwargs):
    """The wethouder's own kernen with their open initiatives."""
    user = request.user
    if not access.can_view_initiatives(user):
        return None
    kernen = list(
        Kern.objects.filter(alderman=user)
        .annotate(
            open_initiatives=Count(
                "initiatives", filter=Q(initiatives__status__in=OPEN), distinct=True
            )
        )
        .order_by("name")
    )
    if not kernen:
        return None
    return {"alderman_kernen": kernen}
