"""Writing batches of parsed report drafts: find what is already stored, create the rest in bulk.

Identity is (source, report_id), or (source, content fingerprint) when the source gave no id, so
importing the same file twice, or the same report from another file, creates nothing new. A
stored report whose claims changed (the source corrected itself) is updated and logged.
"""

from __future__ import annotations

from marsad.audit.context import current_actor
from marsad.audit.models import ChangeLog
from marsad.audit.registry import snapshot
from marsad.codebook.models import CodebookVersion
from marsad.engines.report_rows import ReportDraft
from marsad.places.models import Place
from marsad.records import generation
from marsad.records.models import SourceReport
from marsad.transfer.sources import ActorBook, SourceBook

#: The draft fields a stored report is compared on, and updated from.
CLAIM_FIELDS = [*SourceReport.RECORD_FIELDS, "place_text", "perpetrator_text", "received_at"]


class ReportWriter:
    def __init__(
        self, version: CodebookVersion, *, create_actors: bool, dry_run: bool, entered_by=None
    ) -> None:
        self.version = version
        self.entered_by = entered_by if getattr(entered_by, "pk", None) else None
        self.dry_run = dry_run
        self.create_actors = create_actors
        self.sources = SourceBook()
        self.actors = ActorBook()
        self._places: dict[str, Place | None] = {}

    def write(self, drafts: list[ReportDraft]) -> dict[str, int]:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        if not drafts:
            return counts
        reports = [self._report(draft) for draft in drafts]
        stored = self._stored(reports)
        new, changed, seen = [], [], set()
        for report in reports:
            key = _identity(report)
            if key in seen:  # the same report twice in one file
                counts["unchanged"] += 1
                continue
            seen.add(key)
            previous = stored.get(key)
            if previous is None:
                new.append(report)
            elif _claims(previous) != _claims(report):
                for name in CLAIM_FIELDS + ["place_id", "perpetrator_id", "raw"]:
                    setattr(previous, name, getattr(report, name))
                changed.append(previous)
            else:
                counts["unchanged"] += 1
        counts["created"], counts["updated"] = len(new), len(changed)
        if self.dry_run:
            return counts
        for report in new:  # bulk_create skips save(), which keeps search_text
            report.search_text = report.compute_search_text()
        SourceReport.objects.bulk_create(new, batch_size=500)
        if new:
            generation.bump()  # bulk_create sends no signals
        for report in changed:
            report.save()  # few, and each is logged with before and after by the audit signals
        self._log_created(new)
        return counts

    def _report(self, draft: ReportDraft) -> SourceReport:
        fields = dict(draft.fields)
        pcode = fields.pop("place_pcode", None)
        perpetrator_text = fields.get("perpetrator_text") or ""
        perpetrator_type = fields.get("perpetrator_type") or "unknown"
        # Marsad's own exports name the linked actor beside the source's words.
        actor = self.actors.find(draft.raw.get("perpetrator_actor", "")) or (
            self.actors.find_or_create(perpetrator_text, perpetrator_type)
            if self.create_actors
            else self.actors.find(perpetrator_text)
        )
        source = self.sources.get(draft.source_name, draft.source_type, create=not self.dry_run)
        report = SourceReport(
            codebook_version=self.version,
            source=source,
            report_id=draft.report_id or "",
            place=self._place(pcode),
            perpetrator=actor,
            raw=draft.raw,
            created_by=self.entered_by,
            **field_values(fields),
        )
        if not report.report_id:
            report.content_hash = report.fingerprint()
        return report

    def _place(self, pcode: str | None) -> Place | None:
        if not pcode:
            return None
        if pcode not in self._places:
            self._places[pcode] = (
                Place.objects.filter(pcode=pcode).select_related("parent__parent__parent").first()
            )
        return self._places[pcode]

    def _stored(self, reports: list[SourceReport]) -> dict[tuple, SourceReport]:
        """Stored reports with the same identity, one query per source and kind of identity."""
        wanted: dict[tuple[int, str], set[str]] = {}
        for report in reports:
            if report.source_id is not None:
                kind, value = (
                    ("report_id", report.report_id)
                    if report.report_id
                    else ("content_hash", report.content_hash)
                )
                wanted.setdefault((report.source_id, kind), set()).add(value)
        found: dict[tuple, SourceReport] = {}
        for (source_id, kind), values in wanted.items():
            rows = SourceReport.objects.filter(source_id=source_id, **{f"{kind}__in": values})
            found.update((_identity(r), r) for r in rows)
        return found

    def _log_created(self, reports: list[SourceReport]) -> None:
        user, label = current_actor()
        ChangeLog.objects.bulk_create(
            [
                ChangeLog(
                    model=SourceReport._meta.label,
                    object_id=str(r.pk),
                    object_repr=str(r)[:200],
                    action="create",
                    actor=user if getattr(user, "pk", None) else None,
                    actor_label=label[:150],
                    before=None,
                    after=snapshot(r),
                )
                for r in reports
            ],
            batch_size=500,
        )


def _identity(report: SourceReport) -> tuple:
    return (
        (report.source_id, "id", report.report_id)
        if report.report_id
        else (
            report.source_id,
            "hash",
            report.content_hash,
        )
    )


def _claims(report: SourceReport) -> tuple:
    return tuple(getattr(report, name) for name in CLAIM_FIELDS) + (
        report.place_id,
        report.perpetrator_id,
    )


_TEXT_FIELDS = {
    f.name
    for f in SourceReport._meta.fields
    if f.get_internal_type() in ("CharField", "TextField", "URLField")
}


def field_values(fields: dict[str, object]) -> dict[str, object]:
    """Draft fields as model values: a missing text is '' (text columns are not nullable)."""
    return {k: ("" if v is None and k in _TEXT_FIELDS else v) for k, v in fields.items()}
