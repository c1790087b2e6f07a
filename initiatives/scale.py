"""Scale data for initiatives: ten years of initiatives in every state with their status
history, co-funding, yearly funds and the grants made from them. See `kernportal.scale`."""

import datetime
from decimal import Decimal

from kernen.models import Kern
from kernportal.scale import BATCH, EMAIL_DOMAIN, MARK, bulk
from kernportal.tokens import hash_token, new_token

from .models import CoFunding, Fund, Grant, Initiative, Status, StatusStep
from .models.initiative import Help, Theme

# Final status -> share; chosen so an initiative has about 4.75 status steps on average.
MIX = {
    Status.COMPLETED: 48,
    Status.RUNNING: 15,
    Status.GRANTED: 4,
    Status.GRANTED_CONDITIONS: 4,
    Status.DECLINED: 7,
    Status.PLAN: 5,
    Status.FIRST_CONVERSATION: 5,
    Status.RECEIVED: 5,
    Status.WITHDRAWN: 7,
}
_PLAN = [Status.RECEIVED, Status.FIRST_CONVERSATION, Status.PLAN]
PATH = {
    Status.RECEIVED: _PLAN[:1],
    Status.FIRST_CONVERSATION: _PLAN[:2],
    Status.PLAN: _PLAN,
    Status.GRANTED: [*_PLAN, Status.GRANTED],
    Status.GRANTED_CONDITIONS: [*_PLAN, Status.GRANTED_CONDITIONS],
    Status.DECLINED: [*_PLAN, Status.DECLINED],
    Status.RUNNING: [*_PLAN, Status.GRANTED, Status.RUNNING],
    Status.COMPLETED: [*_PLAN, Status.GRANTED, Status.RUNNING, Status.COMPLETED],
    Status.WITHDRAWN: [*_PLAN[:2], Status.WITHDRAWN],
}
TITLES = (
    "Jeu-de-boulesbaan bij het dorpshuis",
    "Pluktuin",
    "Repair café",
    "Beweegroute voor ouderen",
    "Speeltuin opknappen",
    "Dorpsfeest",
    "Buurtbus",
    "Zonnepanelen op het dorpshuis",
    "AED in de kern",
    "Jongerenontmoetingsplek",
)
GRANTED = {Status.GRANTED, Status.GRANTED_CONDITIONS, Status.RUNNING, Status.COMPLETED}


def generate(ctx):
    funds = _funds(ctx)
    _initiatives(ctx, funds)


def _funds(ctx):
    """A kernbudget (per inhabitant, each kern its own part) and a fixed Noaberfonds for every
    kern, per year. Returns the funds by year and what remains of each part: (fund, kern) for
    a fund per inhabitant, (fund, None) for a fixed fund, as grant_allocate counts them."""
    first_year = ctx.start.year
    rows = []
    for year in range(first_year, ctx.now.year + 1):
        name = "Kernbudget" if ctx.round == 0 else f"Kernbudget ronde {ctx.round + 1}"
        rows.append(
            Fund(
                name=name,
                year=year,
                kind=Fund.Kind.PER_INHABITANT,
                amount_per_inhabitant=Decimal("4.00"),
                description=MARK,
            )
        )
        rows.append(
            Fund(
                name=name.replace("Kernbudget", "Noaberfonds"),
                year=year,
                kind=Fund.Kind.FIXED,
                fixed_amount=Decimal("50000"),
                description=MARK,
            )
        )
    funds = bulk(Fund, rows)
    links = [
        Fund.kernen.through(fund_id=f.pk, kern_id=k)
        for f in funds
        if f.is_per_inhabitant
        for k in ctx.kern_ids
    ]
    bulk(Fund.kernen.through, links)
    ctx.add_count("fondsen", len(funds))
    by_year = {}
    for fund in funds:
        by_year.setdefault(fund.year, []).append(fund)
    return by_year, _parts(ctx, funds)


def _parts(ctx, funds):
    inhabitants = dict(Kern.objects.filter(pk__in=ctx.kern_ids).values_list("pk", "inhabitants"))
    parts = {}
    for fund in funds:
        if fund.is_per_inhabitant:
            for kern_id in ctx.kern_ids:
                parts[fund.pk, kern_id] = fund.compute_total(inhabitants[kern_id])
        else:
            parts[fund.pk, None] = fund.fixed_amount
    return parts


def _initiatives(ctx, funds):
    p, rng = ctx.profile, ctx.rng
    statuses, weights = list(MIX), list(MIX.values())
    fund_by_year, remaining = funds
    total = steps_total = 0
    for chunk_start in range(0, p.initiatives, BATCH):
        rows, plans = [], []
        for i in range(chunk_start, min(p.initiatives, chunk_start + BATCH)):
            status = rng.choices(statuses, weights)[0]
            created = ctx.moment(recent=0.03)
            kernen = list(dict.fromkeys(ctx.pick_kernen(1 + (rng.random() < 0.1))))
            title = f"{rng.choice(TITLES)} {ctx.kern_names[kernen[0]]}"
            days = sorted(rng.randint(1, 200) for _ in PATH[status])
            path = [
                (s, min(ctx.now, created + datetime.timedelta(days=d)))
                for s, d in zip(PATH[status], [0, *days[1:]], strict=True)
            ]
            rows.append(
                Initiative(
                    title=title[:150],
                    description=f"Bewoners willen samen iets moois maken: {title}. {MARK}",
                    theme=rng.choice(Theme.values),
                    goal="Meer ontmoeting en een levendige kern.",
                    help_asked=[Help.MONEY] if rng.random() < 0.7 else [Help.CONTACTS],
                    amount_requested=Decimal(rng.randint(5, 200) * 50),
                    initiator_name=ctx.person_name(),
                    initiator_email=f"initiatief{ctx.round}.{i}@{EMAIL_DOMAIN}",
                    may_publish=rng.random() < 0.7,
                    place_description="Bij het dorpshuis" if i % 3 == 0 else "",  # not rng: below
                    privacy_consent_at=created,
                    status=status,
                    contact_official_id=ctx.primary_kcp[kernen[0]],
                    token_hash=hash_token(new_token()),
                    created_at=created,
                    last_activity_at=path[-1][1],
                )
            )
            plans.append((kernen, path))
        saved = Initiative.objects.bulk_create(rows, batch_size=BATCH)
        links, steps, cofundings, grants = [], [], [], []
        for initiative, (kernen, path) in zip(saved, plans, strict=True):
            links += [
                Initiative.kernen.through(initiative_id=initiative.pk, kern_id=k) for k in kernen
            ]
            previous = ""
            for to_status, at in path:
                steps.append(
                    StatusStep(
                        initiative_id=initiative.pk,
                        from_status=previous,
                        to_status=to_status,
                        at=at,
                        by_id=None if previous == "" else initiative.contact_official_id,
                        public_reason="Besluit na het gesprek over het plan."
                        if to_status in GRANTED
                        else "",
                    )
                )
                previous = to_status
            if rng.random() < 0.3:
                expected = Decimal(rng.randint(1, 40) * 250)
                # Most sources of a granted initiative confirmed, some for less than expected.
                # Chosen by position, not by `rng`: the rows drawn before these fields existed
                # stay the same for a seed.
                confirmed = initiative.status in GRANTED and initiative.pk % 10 < 7
                if confirmed and initiative.pk % 5 == 0:
                    confirmed_amount = expected - expected / 5
                else:
                    confirmed_amount = expected if confirmed else None
                cofundings.append(
                    CoFunding(
                        initiative_id=initiative.pk,
                        source="Provinciaal fonds",
                        amount=expected,
                        confirmed_amount=confirmed_amount,
                        confirmed_at=path[-1][1].date() if confirmed else None,
                        confirmed_by_id=initiative.contact_official_id if confirmed else None,
                    )
                )
            if initiative.status in GRANTED:
                decided = path[3][1]
                kern_id = kernen[0]
                for fund in fund_by_year.get(decided.year, []):
                    amount = min(initiative.amount_requested, Decimal(rng.randint(2, 40) * 50))
                    part = (fund.pk, kern_id if fund.is_per_inhabitant else None)
                    # Never more than the fund, or the kern's part of it, holds: as
                    # grant_allocate guarantees.
                    if remaining[part] >= amount:
                        remaining[part] -= amount
                        paid = amount if initiative.status == Status.COMPLETED else Decimal(0)
                        grants.append(
                            Grant(
                                fund_id=fund.pk,
                                initiative_id=initiative.pk,
                                kern_id=kern_id,
                                amount=amount,
                                decided_at=decided.date(),
                                paid_amount=paid,
                                paid_at=decided.date() if paid else None,
                            )
                        )
                        break
        Initiative.kernen.through.objects.bulk_create(links, batch_size=BATCH)
        StatusStep.objects.bulk_create(steps, batch_size=BATCH)
        CoFunding.objects.bulk_create(cofundings, batch_size=BATCH)
        Grant.objects.bulk_create(grants, batch_size=BATCH)
        ctx.offer_classifiable(
            Initiative,
            [(i.pk, kernen[0], i.title) for i, (kernen, _) in zip(saved, plans, strict=True)],
        )
        total += len(saved)
        steps_total += len(steps)
        ctx.add_count("toekenningen", len(grants))
        ctx.add_count("cofinancieringen", len(cofundings))
    ctx.add_count("initiatieven", total)
    ctx.add_count("statusstappen", steps_total)
