"""Load test: grassroots officers submitting their reports on deadline day, against gunicorn.

Run from the project root with the project's virtualenv, PostgreSQL on 127.0.0.1:

    .venv/bin/python bench/load_reports.py                       # --users 200 --port 8124

It (re)creates the database ``thidua_load`` (``--database-url``), migrates it, loads the demo and
prepares ``--users`` grassroots officers (``load.officer.NNN``, the ``grassroots_officer`` role
spread over the 34 grassroots unions) and as many reports due today: the sector union asks for
⌈users / 34⌉ rounds, so that every officer answers a report of its own. Each officer gets an API
token and a signed-in session (as a login would leave them). Then it starts gunicorn
(``deploy/gunicorn.conf.py``, ``WEB_CONCURRENCY`` workers) on 127.0.0.1 and runs one asyncio
client per officer, all at once. Each client:

1. opens "My reports" (``GET /reporting/mine/``, HTML);
2. reads its report (``GET /api/v1/reports/{id}``) for its version;
3. submits it (``POST /api/v1/reports/{id}/submit`` with the narrative and the figures);
4. opens the submitted report (``GET /reporting/reports/{id}/``, HTML).

With ``--national`` it uses the existing database of ``--database-url`` filled by
``generate_national`` instead (nothing is recreated; an earlier run's load users and rounds are
removed first), and the rounds are asked by the sector union with the most grassroots unions.

Before the measured run, a warm-up sends a few rounds of the read-only requests so that every
gunicorn worker has loaded the application and opened its database connection.

The run is bounded by ``--deadline`` seconds. It prints the requests, the errors (any unexpected
status, a timeout or a refused connection), the latency percentiles per step and overall and the
throughput, then checks in the database that every report was submitted exactly once.
"""

import argparse
import asyncio
import io
import json
import math
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

HOST = "127.0.0.1"
LOAD_TITLE = "Báo cáo thi đua đợt"
STEPS = ("my_reports_page", "read_report", "submit_report", "report_page")
FIGURES = {
    "members_participating": 120,
    "initiatives": 3,
    "exemplars_found": 1,
    "awards_proposed": 2,
}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/thidua_load")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--deadline", type=float, default=300, help="Bound of the run (s).")
    parser.add_argument("--request-timeout", type=float, default=120)
    parser.add_argument(
        "--national",
        action="store_true",
        help="Use the existing database of --database-url, filled by generate_national, instead "
        "of a new demo database: the rounds are asked by its largest sector union.",
    )
    return parser.parse_args()


def recreate_database(url):
    """Drop and create the load test's database (never the one of a real installation)."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if not name.startswith("thidua_load"):
        raise SystemExit(
            f"Refusing to recreate {name!r}: the database name must start with thidua_load"
        )
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def national_sector():
    """The national dataset's sector union with the most grassroots unions, and a sector
    officer there (``load.asker``), after removing what an earlier run added."""
    from django.db.models import Count

    from thidua.accounts.models import RoleAssignment, User
    from thidua.accounts.roles import Role
    from thidua.organizations.models import OrgKind, OrgUnit
    from thidua.reporting.models import ReportingRound

    old = User.objects.filter(username__startswith="load.")
    ReportingRound.objects.filter(title__startswith=LOAD_TITLE).delete()
    RoleAssignment.objects.filter(user__in=old).delete()
    old.delete()
    sector = (
        OrgUnit.objects.filter(kind=OrgKind.SECTOR_UNION)
        .annotate(unions=Count("child_units"))
        .order_by("-unions")
        .first()
    )
    asker = User.objects.create(username="load.asker", full_name="Cán bộ thi đua ngành")
    RoleAssignment.objects.create(user=asker, role=Role.SECTOR_OFFICER, org=sector)
    return sector, asker


def prepare(users, national=False):
    """Migrate, load the demo (or take the national dataset), create the officers, their
    reports, tokens and sessions."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from thidua.accounts.models import ApiToken, RoleAssignment, User
    from thidua.accounts.roles import Role
    from thidua.demo.units import SECTOR_CODE
    from thidua.organizations.models import OrgUnit
    from thidua.reporting import services
    from thidua.reporting.models import Report

    call_command("migrate", verbosity=0)
    if national:
        sector, asker = national_sector()
    else:
        call_command("seed_demo", stdout=io.StringIO())
        sector = OrgUnit.objects.get(code=SECTOR_CODE)
        asker = User.objects.get(username="nganh.thidua")
    units = list(
        OrgUnit.objects.in_subtree(sector).grassroots().filter(active=True).order_by("path")
    )
    today = timezone.localdate()
    rounds = [
        services.create_round(
            org=sector,
            by=asker,
            title=f"{LOAD_TITLE} {index + 1} năm {today.year}",
            period="half_year",
            year=today.year,
            due_on=today,
        )
        for index in range(math.ceil(users / len(units)))
    ]
    password = make_password(secrets.token_urlsafe(16))
    plan = []
    for index in range(users):
        unit = units[index % len(units)]
        report = Report.objects.get(round=rounds[index // len(units)], org=unit)
        officer = User.objects.create(
            username=f"load.officer.{index:03d}",
            full_name=f"Cán bộ thi đua {index:03d}",
            email=f"load.officer.{index:03d}@example.org",
            password=password,
        )
        RoleAssignment.objects.create(user=officer, role=Role.GRASSROOTS_OFFICER, org=unit)
        _token, raw = ApiToken.issue(officer, name="load test")
        client = Client()
        client.force_login(officer)
        plan.append(
            {"report": report.pk, "token": raw, "session": client.cookies["sessionid"].value}
        )
    return plan, len(units), len(rounds)


def submitted_once(plan):
    from django.contrib.contenttypes.models import ContentType

    from thidua.core.models import Transition
    from thidua.reporting.models import Report, ReportStatus

    ids = [item["report"] for item in plan]
    submitted = Report.objects.filter(pk__in=ids, status=ReportStatus.SUBMITTED).count()
    transitions = Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(Report),
        object_id__in=[str(pk) for pk in ids],
        to_state=ReportStatus.SUBMITTED,
    ).count()
    return submitted, transitions


def start_gunicorn(args, log, errors):
    env = dict(os.environ, GUNICORN_BIND=f"{HOST}:{args.port}", WEB_CONCURRENCY=str(args.workers))
    env["GUNICORN_THREADS"] = str(args.threads)
    env["GUNICORN_ACCESS_LOG"] = str(log)
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )


class Http:
    """A minimal HTTP/1.1 client on asyncio streams, one connection per request."""

    def __init__(self, port, timeout):
        self.port = port
        self.timeout = timeout

    async def request(self, method, path, *, headers=None, body=None):
        start = time.perf_counter()
        payload = json.dumps(body).encode() if body is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(HOST, self.port), self.timeout
        )
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(), self.timeout)
        finally:
            writer.close()
        head, _sep, content = raw.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if b"transfer-encoding: chunked" in head.lower():
            content = dechunk(content)
        return status, content, time.perf_counter() - start


def dechunk(data):
    out = bytearray()
    while data:
        size_line, _sep, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2 :]
    return bytes(out)


async def officer(http, item, samples, errors, start_line):
    """One officer's visit; appends (step, seconds) to ``samples`` and failures to ``errors``."""
    cookie = {"Cookie": f"sessionid={item['session']}"}
    bearer = {"Authorization": f"Bearer {item['token']}"}
    report = item["report"]
    await start_line.wait()

    async def step(name, expected, method, path, **kwargs):
        try:
            status, content, seconds = await http.request(method, path, **kwargs)
        except (OSError, TimeoutError, ValueError, IndexError) as exc:
            errors.append((name, type(exc).__name__))
            return None
        samples.append((name, seconds))
        if status != expected:
            errors.append((name, status))
            return None
        return content

    if await step("my_reports_page", 200, "GET", "/reporting/mine/", headers=cookie) is None:
        return
    content = await step("read_report", 200, "GET", f"/api/v1/reports/{report}", headers=bearer)
    if content is None:
        return
    version = json.loads(content)["version"]
    body = {
        "content": "Báo cáo kết quả phong trào thi đua 6 tháng đầu năm của công đoàn cơ sở.",
        "figures": FIGURES,
        "version": version,
    }
    content = await step(
        "submit_report", 200, "POST", f"/api/v1/reports/{report}/submit", headers=bearer, body=body
    )
    if content is None:
        return
    if json.loads(content)["status"] != "submitted":
        errors.append(("submit_report", "not submitted"))
    await step("report_page", 200, "GET", f"/reporting/reports/{report}/", headers=cookie)


async def wait_until_up(http, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _content, _seconds = await http.request("GET", "/accounts/login/")
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.5)
    raise SystemExit("gunicorn did not answer within 60 s (see var/load-gunicorn.err)")


async def warm_up(http, plan, rounds=3):
    """Bring every worker thread up to speed (imports, templates, connections) before measuring."""
    item = plan[0]
    cookie = {"Cookie": f"sessionid={item['session']}"}
    bearer = {"Authorization": f"Bearer {item['token']}"}
    paths = [
        ("/reporting/mine/", cookie),
        (f"/reporting/reports/{item['report']}/", cookie),
        (f"/api/v1/reports/{item['report']}", bearer),
    ]
    for _round in range(rounds):
        await asyncio.gather(
            *(http.request("GET", path, headers=headers) for path, headers in paths * 20)
        )


async def run(args, plan):
    http = Http(args.port, args.request_timeout)
    await wait_until_up(http)
    await warm_up(http, plan)
    samples, errors, start_line = [], [], asyncio.Event()
    tasks = [asyncio.create_task(officer(http, item, samples, errors, start_line)) for item in plan]
    started = time.perf_counter()
    start_line.set()
    _done, pending = await asyncio.wait(tasks, timeout=args.deadline)
    for task in pending:
        task.cancel()
        errors.append(("unfinished", "deadline"))
    return samples, errors, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def print_results(samples, errors, wall):
    print(f"{'step':<16} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name in (*STEPS, "all"):
        values = [s for step, s in samples if name in (step, "all")]
        if not values:
            continue
        row = [percentile(values, f) * 1000 for f in (0.5, 0.95, 0.99, 1.0)]
        print(f"{name:<16} {len(values):>8} " + " ".join(f"{v:>8.0f}" for v in row))
    print(
        f"requests: {len(samples)}, errors: {len(errors)}, wall: {wall:.1f} s, "
        f"throughput: {len(samples) / wall:.1f} requests/s"
    )
    if samples:
        print(f"mean latency: {statistics.fmean(s for _n, s in samples) * 1000:.0f} ms")
    for error in errors[:10]:
        print("error:", error)


def main():
    args = arguments()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.update(DATABASE_CONN_MAX_AGE="60", SECURE_COOKIES="0", DEBUG="0")
    os.environ.setdefault("ALLOWED_HOSTS", HOST)
    if not args.national:
        recreate_database(args.database_url)
    started = time.perf_counter()
    plan, units, rounds = prepare(args.users, national=args.national)
    print(
        f"prepared {len(plan)} officers over {units} grassroots unions, {rounds} rounds due today "
        f"({time.perf_counter() - started:.0f} s)"
    )
    log = ROOT / "var/load-gunicorn.log"
    with open(log.with_suffix(".err"), "w") as server_errors:
        server = start_gunicorn(args, log, server_errors)
        try:
            samples, errors, wall = asyncio.run(run(args, plan))
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads, PostgreSQL, {HOST}:{args.port}"
    )
    print_results(samples, errors, wall)
    from django.db import close_old_connections

    close_old_connections()
    submitted, transitions = submitted_once(plan)
    print(f"reports submitted: {submitted}/{len(plan)}, submit transitions: {transitions}")
    if errors or submitted != len(plan) or transitions != len(plan):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
