"""`make bench`: the portal on PostgreSQL with the large scale profile, served by gunicorn with
DEBUG off, measured from this separate process. Writes bench/results/<time>.md and .json and
prints the table. See the README, section "Performance", for what each figure means.

Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL (cache: rate limits, public pages),
BENCH_BROKER_URL (Celery broker; the bench runs no worker, e-mails wait in the outbox),
BENCH_PORT, BENCH_PROFILE, BENCH_REQUESTS, BENCH_PAGE_SECONDS, BENCH_LOAD_SECONDS,
BENCH_THREADS, BENCH_DIGEST_RECIPIENTS, BENCH_PARTS.
"""

import datetime
import http.client
import json
import math
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kernportal_bench"
)
# Not Redis databases 0 and 1, which a CI run on the same machine uses.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("BENCH_PORT", "8111"))
PROFILE = os.environ.get("BENCH_PROFILE", "large")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
# A page that takes seconds per request would keep the bench busy for hours at 200 requests:
# such a page gets as many requests as fit in this budget (at least 3).
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "30"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "20"))
# Threads per gunicorn worker, as the Procfile's web process runs (GUNICORN_THREADS, default 4
# in kernportal/gunicorn.conf.py): a worker waiting on PostgreSQL or Redis serves another
# request meanwhile. 1 gives gunicorn's plain sync worker.
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
DIGEST_RECIPIENTS = int(os.environ.get("BENCH_DIGEST_RECIPIENTS", "1000"))
# Which parts to run: pages (latency, one worker), load (four workers), digests.
PARTS = set(os.environ.get("BENCH_PARTS", "pages,load,digests").split(","))
# Only the key pages whose name contains one of these (comma-separated; empty: all of them).
PAGES = [p.strip() for p in os.environ.get("BENCH_PAGES", "").split(",") if p.strip()]
BENCH_EMAIL_DOMAIN = "bench.example"
SESSION_KEYS = []  # the personas' sessions, deleted at the end
BENCH_DEVICE = "bench"  # the personas' second-factor devices, deleted at the end

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "kernportal.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "KERNPORTAL_TRUSTED_PROXIES": "1",
    "DJANGO_LOG_LEVEL": "WARNING",
    "DATABASE_URL": DATABASE_URL,
    "DATABASE_CONN_MAX_AGE": "60",
    "REDIS_URL": REDIS_URL,
    "CELERY_BROKER_URL": BROKER_URL,
    "KERNPORTAL_BENCH": "true",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(*args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=ENV, check=True)  # noqa: S603


def ensure_database():
    import psycopg2

    url = urllib.parse.urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def prepare() -> dict:
    """Migrate, generate the profile once (reused when present), collect static files."""
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    os.environ.update(ENV)
    import django

    django.setup()
    from kernportal.management.commands.generate_scale_data import generated_rounds

    info = {"profile": PROFILE, "generated_now": False}
    if generated_rounds() == 0:
        log(f"generating the {PROFILE} profile (once; later runs reuse it)")
        started = time.monotonic()
        manage("generate_scale_data", "--profile", PROFILE)
        info["generated_now"] = True
        info["generate_seconds"] = round(time.monotonic() - started, 1)
    manage("collectstatic", "--noinput", "-v0")
    return info


# --- Who and what to measure -------------------------------------------------------------------


def personas() -> dict:
    """Session cookies of the busiest KCP, a gebiedsregisseur and the busiest requester."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from contacts.models import ContactMoment
    from kernen.models import KcpAssignment, Kern
    from roles.models import ParticipationRequest

    busiest = ContactMoment.objects.values("kern_id").annotate(n=Count("pk")).order_by("-n").first()
    kern = Kern.objects.get(pk=busiest["kern_id"])
    kcp = KcpAssignment.objects.current().get(kern=kern, role="primary").user
    User = get_user_model()
    regisseur = User.objects.filter(groups__name="gebiedsregisseur", is_active=True).first()
    requester_id = (
        ParticipationRequest.objects.values("requester_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["requester_id"]
    )
    requester = User.objects.get(pk=requester_id)
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.filter(name=BENCH_DEVICE).delete()  # left by an interrupted run
    cookies = {}
    for name, user in (("kcp", kcp), ("regisseur", regisseur), ("requester", requester)):
        # Production requires two-factor login: the session is one that passed the second step
        # (a device made for the bench, deleted at the end), so staff pages are measured, not
        # the redirect to the second step.
        device = StaticDevice.objects.create(user=user, name=BENCH_DEVICE, confirmed=True)
        session = SessionStore()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
        SESSION_KEYS.append(session.session_key)
    return {"kern": kern, "cookies": cookies, "kcp": kcp.username, "data": data_counts()}


def data_counts() -> dict:
    from django.apps import apps

    labels = (
        "kernen.Kern",
        "contacts.ContactMoment",
        "contacts.FollowUp",
        "contacts.Question",
        "initiatives.Initiative",
        "initiatives.StatusStep",
        "roles.Classification",
    )
    return {label: apps.get_model(label).objects.count() for label in labels}


def pages(who) -> list[tuple[str, str, str | None]]:
    from django.urls import reverse

    slug = who["kern"].slug
    kcp, regisseur, requester = (who["cookies"][k] for k in ("kcp", "regisseur", "requester"))
    return [
        ("public home", reverse("kernen:home"), None),
        ("public kern page (busiest kern)", reverse("kernen:public_detail", args=[slug]), None),
        ("public initiative list", reverse("initiatives:public_list"), None),
        ("initiative map GeoJSON", reverse("initiatives:geojson"), None),
        ("staff dashboard (busiest KCP)", reverse("kernen:dashboard"), kcp),
        ("kern detail (busiest kern)", reverse("kernen:detail", args=[slug]), kcp),
        ("initiative board, all kernen", reverse("initiatives:board"), regisseur),
        ("contacts list", reverse("contacts:person_list"), regisseur),
        (
            "questions, all including closed",
            reverse("contacts:question_list") + "?weergave=alle&afgehandeld=1",
            regisseur,
        ),
        ("roles overview", reverse("roles:overview"), regisseur),
        ("digest preview (busiest KCP)", reverse("kernen:digest_preview"), kcp),
        ("search", reverse("contacts:search") + "?q=dorpsplan", regisseur),
        ("CSV export, all initiatives", reverse("initiatives:export_csv"), regisseur),
        ("load heatmap", reverse("roles:heatmap"), regisseur),
        ("participation requests (busiest requester)", reverse("roles:request_list"), requester),
        ("participation inbox (busiest KCP)", reverse("roles:inbox"), kcp),
        *report_pages(who, regisseur, kcp),
    ]


def report_pages(who, regisseur, kcp) -> list[tuple[str, str, str | None]]:
    """Money and the other long staff lists (funds, leverage, organisations, late questions,
    escalations) and the link forms of the busiest kern, whose choices grow with its years."""
    from django.db.models import Count
    from django.urls import reverse

    from initiatives.models import Fund, Initiative
    from kernen.models import AgendaItem

    kern = who["kern"]
    fund = Fund.objects.annotate(n=Count("grants")).order_by("-n").first()
    # An initiative of the busiest kern only (counted before filtering on the kern).
    initiative = Initiative.objects.annotate(n=Count("kernen")).filter(n=1, kernen=kern).first()
    item = AgendaItem.objects.filter(kern=kern).first()
    return [
        ("funds", reverse("initiatives:funds"), regisseur),
        ("fund page (most grants)", reverse("initiatives:fund_detail", args=[fund.pk]), regisseur),
        ("leverage report", reverse("initiatives:leverage"), regisseur),
        ("organisations", reverse("contacts:organisation_list"), regisseur),
        ("late questions", reverse("contacts:late_questions"), regisseur),
        ("escalations", reverse("initiatives:escalations"), regisseur),
        (
            "initiative link form (busiest kern)",
            reverse("initiatives:links", args=[initiative.pk]),
            regisseur,
        ),
        (
            "contact moment form (busiest kern)",
            reverse("contacts:moment_create", args=[kern.slug]),
            kcp,
        ),
        (
            "agenda item (busiest kern)",
            reverse("kernen:agenda_edit", args=[kern.slug, item.pk]),
            kcp,
        ),
    ]


# --- HTTP --------------------------------------------------------------------------------------


class Client:
    """One keep-alive connection (gunicorn's sync workers close it; http.client reopens)."""

    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=300)

    def request(self, method, path, *, cookie=None, body=None, headers=None):
        headers = dict(headers or {})
        if cookie:
            headers["Cookie"] = cookie
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise
        return response, data


class Gunicorn:
    def __init__(self, workers: int):
        self.workers = workers
        # Closed in __exit__: the log lives as long as the server.
        self.log = tempfile.NamedTemporaryFile("w+", prefix="bench-gunicorn-", suffix=".log")  # noqa: SIM115
        self.process = None

    def __enter__(self):
        cmd = [
            str(Path(PY).parent / "gunicorn"),
            "kernportal.wsgi",
            f"--bind=127.0.0.1:{PORT}",
            f"--workers={self.workers}",
            f"--threads={THREADS}",
            "--timeout=600",
            "--graceful-timeout=5",
            "--log-level=warning",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            cmd, cwd=ROOT, env=ENV, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"gunicorn stopped:\n{self.log.read()}")
            try:
                response, _ = Client().request("GET", "/bench/floor/")
                if response.status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on port {PORT} within 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
        self.log.close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(name, path, cookie):
    client = Client()
    client.request("GET", path, cookie=cookie)  # warm: caches, first connection
    times, statuses, queries, size = [], {}, None, 0
    started = time.monotonic()
    while len(times) < REQUESTS and (len(times) < 3 or time.monotonic() - started < PAGE_SECONDS):
        t0 = time.perf_counter()
        response, data = client.request("GET", path, cookie=cookie)
        times.append((time.perf_counter() - t0) * 1000)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        queries = response.getheader("X-Query-Count")
        size = len(data)
    return {
        "page": name,
        "path": path,
        "requests": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": int(queries) if queries is not None else None,
        "bytes": size,
        "errors": sum(n for status, n in statuses.items() if status != 200),
        "statuses": statuses,
    }


def load(make_request, concurrency, seconds):
    """`concurrency` threads call make_request(client, n) until the time is up."""
    ok = errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index):
        nonlocal ok, errors
        client = Client()
        state = {}
        n = 0
        while time.monotonic() < deadline:
            try:
                success = make_request(client, state, index, n)
            except (OSError, http.client.HTTPException):
                success = False
            n += 1
            with lock:
                if success:
                    ok += 1
                else:
                    errors += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "concurrency": concurrency,
        "seconds": round(elapsed, 1),
        "ok": ok,
        "errors": errors,
        "per_second": round(ok / elapsed, 1),
    }


def get_page(path):
    def make(client, state, index, n):
        response, _ = client.request("GET", path)
        return response.status == 200

    return make


def _csrf(client, path):
    import re

    response, data = client.request("GET", path)
    cookie = response.getheader("Set-Cookie", "")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    return f"csrftoken={csrf_cookie}", token


def post_form(path, fields, *, success):
    """Each client fetches the form once for its CSRF token, then posts it again and again,
    every time from another address (as residents behind a proxy), so the rate limit of five
    posts per address per hour stays configured but is not what is measured."""

    def make(client, state, index, n):
        if "token" not in state:
            state["cookie"], state["token"] = _csrf(client, path)
        data = {**fields(index, n), "csrfmiddlewaretoken": state["token"]}
        address = f"10.{index}.{n // 250 % 250}.{n % 250 + 1}"
        response, body = client.request(
            "POST", path, cookie=state["cookie"], body=data, headers={"X-Forwarded-For": address}
        )
        return success(response, body)

    return make


def question_fields(index, n):
    return {
        "name": "Bench Inwoner",
        "email": f"vraag.{index}.{n}@{BENCH_EMAIL_DOMAIN}",
        "text": "Wie gaat over de speeltuin aan de Kerkstraat?",
        "privacy_consent": "on",
        "website": "",
    }


def initiative_fields(kern_pk):
    def fields(index, n):
        return {
            "title": "Bankjes langs de Maas",
            "description": "Drie bankjes met uitzicht.",
            "kernen": [kern_pk],
            "theme": "liveability",
            "goal": "Ouderen een rustpunt geven.",
            "help_asked": ["money"],
            "amount_requested": "1200",
            "initiator_name": "Bench Initiatiefnemer",
            "initiator_email": f"initiatief.{index}.{n}@{BENCH_EMAIL_DOMAIN}",
            "privacy_consent": "on",
            "website": "",
            "cofinanciering-TOTAL_FORMS": "0",
            "cofinanciering-INITIAL_FORMS": "0",
            "cofinanciering-MIN_NUM_FORMS": "0",
            "cofinanciering-MAX_NUM_FORMS": "10",
        }

    return fields


def stored_submissions():
    from contacts.models import Question
    from initiatives.models import Initiative

    return (
        Question.objects.filter(asker_email__endswith=f"@{BENCH_EMAIL_DOMAIN}").count(),
        Initiative.objects.filter(initiator_email__endswith=f"@{BENCH_EMAIL_DOMAIN}").count(),
    )


def remove_submissions(since):
    """The forms' rows go again, so every run measures the same data set."""
    from contacts.models import Question
    from initiatives.models import Initiative
    from kernportal.models import OutboxEmail

    Question.objects.filter(asker_email__endswith=f"@{BENCH_EMAIL_DOMAIN}").delete()
    Initiative.objects.filter(initiator_email__endswith=f"@{BENCH_EMAIL_DOMAIN}").delete()
    OutboxEmail.objects.filter(created_at__gte=since).delete()


def digests():
    """Build and send the digests of DIGEST_RECIPIENTS recipients, in one transaction that is
    rolled back afterwards (the data set stays as it is)."""
    from django.db import connection, transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from kernportal.delivery import digest_recipients, digests_send
    from kernportal.mail import outbox_send

    ids = list(digest_recipients().values_list("pk", flat=True)[:DIGEST_RECIPIENTS])
    now = timezone.now()
    queries = 0

    def counter(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    locmem = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    with locmem, transaction.atomic(), connection.execute_wrapper(counter):
        t0 = time.perf_counter()
        deliveries = digests_send(user_ids=ids, now=now)
        built = time.perf_counter() - t0
        build_queries = queries
        sent = sum(outbox_send(email_id=d.email_id) for d in deliveries if d.email_id)
        total = time.perf_counter() - t0
        transaction.set_rollback(True)
    return {
        "recipients": len(ids),
        "build_and_store_seconds": round(built, 2),
        "build_and_store_queries": build_queries,
        "seconds": round(total, 2),
        "queries": queries,
        "emails_sent": sent,
    }


# --- Report ------------------------------------------------------------------------------------


def kilobytes(n):
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} B"


def markdown(result) -> str:
    floor = result["floor"]["median_ms"] if result["floor"] else 0
    lines = [
        f"# Kernportal benchmark, {result['date']}",
        "",
        f"Machine: {result['machine']}. gunicorn, DEBUG off, PostgreSQL; one worker for "
        f"latency, four for load, {result['settings'].get('threads', 1)} thread(s) each. Data: "
        + ", ".join(f"{n:,} {label.split('.')[1]}" for label, n in result["data"].items())
        + ". Load average (1, 5, 15 min) at the end: "
        + ", ".join(f"{n:.1f}" for n in result.get("load_average_end", ()))
        + " (a shared machine: latencies are noisy, query counts and sizes exact).",
        "",
        "| page | requests | median | p95 | × floor | SQL queries | response |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in [result["floor"], *result["pages"]] if result["floor"] else []:
        ratio = row["median_ms"] / floor if floor else 0
        errors = f" ({row['errors']} errors)" if row["errors"] else ""
        lines.append(
            f"| {row['page']}{errors} | {row['requests']} | {row['median_ms']:,.1f} ms | "
            f"{row['p95_ms']:,.1f} ms | {ratio:,.0f} | {row['queries']} | "
            f"{kilobytes(row['bytes'])} |"
        )
    lines += [
        "",
        "| under load (4 workers) | clients | requests/s | ok | errors | stored / sent |",
        "|---|---|---|---|---|---|",
    ]
    for row in result["load"]:
        stored = f"{row['stored']} / {row['ok']}" if "stored" in row else ""
        lines.append(
            f"| {row['name']} | {row['concurrency']} | {row['per_second']:,.1f} | {row['ok']} | "
            f"{row['errors']} | {stored} |"
        )
    d = result["digests"]
    lines += (
        []
        if d is None
        else [
            "",
            f"Digests for {d['recipients']} recipients: {d['seconds']} s and {d['queries']:,} "
            f"queries in all ({d['build_and_store_seconds']} s and {d['build_and_store_queries']:,} "
            f"queries to build them and store deliveries and outbox rows; {d['emails_sent']} "
            "e-mails sent to a local backend).",
            "",
        ]
    )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average {load}"
    )


def main():
    info = prepare()
    who = personas()
    result = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        **info,
        "settings": {
            "requests": REQUESTS,
            "page_seconds": PAGE_SECONDS,
            "load_seconds": LOAD_SECONDS,
            "threads": THREADS,
        },
    }
    result["data"] = who["data"]
    result["load_average_start"] = os.getloadavg()
    log(f"busiest kern {who['kern'].name}, its KCP {who['kcp']}")
    result["floor"], result["pages"], result["load"], result["digests"] = None, [], [], None
    if "pages" in PARTS:
        with Gunicorn(workers=1):
            result["floor"] = measure('floor ("ok" through the middleware)', "/bench/floor/", None)
            for name, path, cookie in pages(who):
                if PAGES and not any(p in name for p in PAGES):
                    continue
                log(f"measuring {name}")
                result["pages"].append(measure(name, path, cookie))
    if "load" in PARTS:
        load_part(who, result)
    if "digests" in PARTS:
        log("digests")
        result["digests"] = digests()
    result["load_average_end"] = os.getloadavg()
    from django.contrib.sessions.models import Session

    from django_otp.plugins.otp_static.models import StaticDevice

    Session.objects.filter(session_key__in=SESSION_KEYS).delete()
    StaticDevice.objects.filter(name=BENCH_DEVICE).delete()
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    table = markdown(result)
    (RESULTS / f"bench-{stamp}.md").write_text(table)
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(table)
    log(f"written to bench/results/bench-{stamp}.md and .json")


def load_part(who, result):
    """Four workers: throughput on the floor and the public kern page, then the two public
    forms from 50 clients, with the stored rows counted against the successful posts."""
    from django.urls import reverse

    kern_page = reverse("kernen:public_detail", args=[who["kern"].slug])
    since = datetime.datetime.now(datetime.UTC)
    with Gunicorn(workers=4):
        for name, make, clients in (
            ("floor", get_page("/bench/floor/"), 16),
            ("public kern page (busiest kern)", get_page(kern_page), 16),
        ):
            log(f"load on {name}")
            result["load"].append({"name": name, **load(make, clients, LOAD_SECONDS)})
        forms = (
            (
                "public question form",
                post_form(
                    reverse("contacts:question_ask", args=[who["kern"].slug]),
                    question_fields,
                    # The question form answers with its thank-you page, not a redirect.
                    success=lambda r, body: r.status == 200 and b"csrfmiddlewaretoken" not in body,
                ),
                0,
            ),
            (
                "public initiative form",
                post_form(
                    reverse("initiatives:submit"),
                    initiative_fields(who["kern"].pk),
                    success=lambda r, body: r.status == 302,
                ),
                1,
            ),
        )
        for name, make, kind in forms:
            log(f"load on {name}")
            before = stored_submissions()[kind]
            row = {"name": name, **load(make, 50, LOAD_SECONDS)}
            row["stored"] = stored_submissions()[kind] - before
            result["load"].append(row)
    remove_submissions(since)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
