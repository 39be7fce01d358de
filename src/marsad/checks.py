"""``marsad check``: is the installation configured and is its data consistent?"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

COVERAGE_FROM = datetime.date(2019, 1, 1)
COVERAGE_TO = datetime.date(2020, 12, 31)


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def run_checks() -> list[CheckResult]:
    database = _database()
    if not database.ok:  # the other checks read tables that may not exist yet
        return [database]
    return [database, *(check() for check in CHECKS)]


def _database() -> CheckResult:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    vendor = connection.vendor
    if pending:
        return CheckResult(
            "database", False, f"{vendor}: {len(pending)} migrations pending; run `marsad init`"
        )
    return CheckResult("database", True, f"{vendor}, schema up to date")


def _secret_key() -> CheckResult:
    from django.conf import settings

    ok = len(settings.SECRET_KEY) >= 40 and not settings.SECRET_KEY.startswith("django-insecure")
    return CheckResult(
        "secret key", ok, "set" if ok else "too short or insecure: set MARSAD_SECRET_KEY"
    )


def _debug() -> CheckResult:
    from django.conf import settings

    return CheckResult(
        "debug mode", not settings.DEBUG, "on: never in production" if settings.DEBUG else "off"
    )


def _codebook() -> CheckResult:
    from marsad.codebook.models import CodebookVersion

    active = CodebookVersion.objects.filter(is_active=True).first()
    if active is None:
        return CheckResult("codebook", False, "no active codebook; run `marsad init`")
    return CheckResult("codebook", True, f"active version {active.version}")


def _gazetteer() -> CheckResult:
    from marsad.places.models import Place

    counts = {level: Place.objects.filter(level=level).count() for level in Place.Level.values}
    expected = {"governorate": 14, "district": 62, "subdistrict": 272}
    wrong = [f"{lvl} {counts[lvl]}≠{n}" for lvl, n in expected.items() if counts[lvl] != n]
    detail = ", ".join(f"{n} {lvl}" for lvl, n in counts.items())
    return CheckResult("gazetteer", not wrong, "; ".join(wrong) or detail)


def _control_layer() -> CheckResult:
    from marsad.places.models import Place
    from marsad.places.services import control_layer

    subdistricts = Place.objects.filter(level="subdistrict").values_list("pcode", flat=True)
    gaps = control_layer().coverage_gaps(list(subdistricts), COVERAGE_FROM, COVERAGE_TO)
    if gaps:
        shown = ", ".join(f"{p} {a}–{b}" for p, a, b in gaps[:5])
        return CheckResult("control layer", False, f"{len(gaps)} gaps, e.g. {shown}")
    return CheckResult(
        "control layer", True, f"every sub-district covered {COVERAGE_FROM}–{COVERAGE_TO}"
    )


def _records() -> CheckResult:
    from marsad.records.models import Incident, SourceReport

    invalid = sum(
        1
        for record in SourceReport.objects.select_related(
            "codebook_version", "place", "perpetrator"
        )
        if record.codebook_problems()
    )
    orphans = Incident.objects.filter(links__isnull=True).count()
    problems = []
    if invalid:
        problems.append(f"{invalid} reports fail their codebook version")
    if orphans:
        problems.append(f"{orphans} incidents have no linked account")
    total = SourceReport.objects.count()
    return CheckResult("records", not problems, "; ".join(problems) or f"{total} reports valid")


CHECKS = [_secret_key, _debug, _codebook, _gazetteer, _control_layer, _records]
