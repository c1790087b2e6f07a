"""Scale data for roles: participation requests with a review per kern, quiet periods, and
classifications (with history) of whatever the other apps offered as classifiable in the
context. roles never imports those apps. See `kernportal.scale`."""

import datetime

from django.contrib.contenttypes.models import ContentType

from kernportal.scale import MARK, bulk, explicit_auto_now

from .definitions import Owner, Role
from .models import (
    Classification,
    ParticipationRequest,
    ParticipationReview,
    QuietPeriod,
    ReviewStatus,
)

DEPARTMENTS = ("Openbare Ruimte", "Maatschappelijke Ontwikkeling", "Omgevingsontwikkeling")
SUBJECTS = (
    "Inloopavond riolering",
    "Meedenken over het speelplekkenplan",
    "Enquête afvalinzameling",
    "Consultatieavond herinrichting plein",
    "Uitleg handhaving parkeren",
)


def generate(ctx):
    _requests(ctx)
    _quiet_periods(ctx)
    _classifications(ctx)


def _requests(ctx):
    p, rng = ctx.profile, ctx.rng
    requesters = ctx.staff.get("medewerker") or ctx.staff["KCP"]
    today = ctx.now.date()
    rows = []
    for _ in range(p.participation_requests):
        created = ctx.moment()
        start = created.date() + datetime.timedelta(days=rng.randint(14, 120))
        rows.append(
            ParticipationRequest(
                department=rng.choice(DEPARTMENTS),
                requester_id=rng.choice(requesters),
                subject=rng.choice(SUBJECTS),
                ask=f"Wij horen graag wat de kern ervan vindt. {MARK}",
                form=rng.choice(ParticipationRequest.Form.values),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(0, 30)),
                effort=rng.choice(ParticipationRequest.Effort.values),
                role=rng.choice(Role.values),
                created_at=created,
            )
        )
    # Every round files one request this week for the busiest kern, still waiting for its
    # KCP, so even the small profile fills the inbox, the dashboard and the digest.
    first = rows[0]
    first.created_at = ctx.now - datetime.timedelta(days=2)
    first.start_date = first.created_at.date() + datetime.timedelta(days=30)
    first.end_date = first.start_date
    with explicit_auto_now(ParticipationRequest._meta.get_field("created_at")):
        saved = bulk(ParticipationRequest, rows)
    reviews = []
    decided_states = [s for s in ReviewStatus.values if s != ReviewStatus.PENDING]
    for request in saved:
        kernen = ctx.pick_kernen(1 + (rng.random() < 0.4))
        if request is saved[0]:
            kernen = [ctx.kern_ids[0]]
        for kern_id in dict.fromkeys(kernen):
            recent = request.start_date > today
            status = rng.choice(ReviewStatus.values) if recent else rng.choice(decided_states)
            if request is saved[0]:
                status = ReviewStatus.PENDING
            decided = status != ReviewStatus.PENDING
            reviews.append(
                ParticipationReview(
                    request_id=request.pk,
                    kern_id=kern_id,
                    status=status,
                    reason="Afgestemd met het dorpsoverleg." if decided else "",
                    postponed_to=request.start_date if status == ReviewStatus.POSTPONED else None,
                    decided_by_id=ctx.primary_kcp[kern_id] if decided else None,
                    decided_at=request.created_at + datetime.timedelta(days=3) if decided else None,
                )
            )
    bulk(ParticipationReview, reviews)
    subjects = {r.pk: r.subject for r in saved}
    ctx.offer_classifiable(
        ParticipationRequest, [(r.request_id, r.kern_id, subjects[r.request_id]) for r in reviews]
    )
    ctx.add_count("participatieverzoeken", len(saved))
    ctx.add_count("beoordelingen", len(reviews))


def _quiet_periods(ctx):
    rng = ctx.rng
    rows = []
    for kern_id in ctx.new_kern_ids:
        for year in (ctx.now.year, ctx.now.year + 1):
            start = datetime.date(year, rng.randint(5, 9), rng.randint(1, 25))
            rows.append(
                QuietPeriod(
                    kern_id=kern_id,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.randint(2, 10)),
                    reason=f"Kermis {ctx.kern_names[kern_id]}",
                )
            )
    bulk(QuietPeriod, rows)
    ctx.add_count("stille perioden", len(rows))


def _classifications(ctx):
    """Spread the profile's classifications over every offered kind of object; one in ten
    classified objects was reclassified, so it has a former (not current) row as history."""
    rng = ctx.rng
    offered = [(model, rows) for model, rows in ctx.classifiable.items() if rows]
    if not offered:
        return
    classifiers = ctx.staff["KCP"] + ctx.staff.get("medewerker", [])
    # About one in ten carries a former row too, so the profile counts rows, not objects.
    per_kind = round(ctx.profile.classifications / len(offered) / 1.1)
    rows = []
    for model, candidates in offered:
        content_type = ContentType.objects.get_for_model(model)
        seen = set()
        for pk, kern_id, title in rng.sample(candidates, min(per_kind, len(candidates))):
            if (pk, kern_id) in seen:
                continue
            seen.add((pk, kern_id))
            at = ctx.moment()
            history = rng.random() < 0.1
            common = {
                "content_type_id": content_type.pk,
                "object_id": pk,
                "kern_id": kern_id,
                "title": title[:300],
                "classified_by_id": rng.choice(classifiers),
            }
            role = rng.choice(Role.values)
            owner = Owner.COMMUNITY if role == Role.GREEN else rng.choice(Owner.values)
            if history:
                rows.append(
                    Classification(
                        **common,
                        role=rng.choice(Role.values),
                        owner=rng.choice(Owner.values),
                        classified_at=at - datetime.timedelta(days=30),
                        is_current=False,
                    )
                )
            rows.append(
                Classification(
                    **common,
                    role=role,
                    owner=owner,
                    suggested_role=role,
                    reason="Gekozen met de rolwijzer." if rng.random() < 0.5 else "",
                    classified_at=at,
                    is_current=True,
                )
            )
    bulk(Classification, rows)
    ctx.add_count("rolindelingen", len(rows))
