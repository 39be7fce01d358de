"""``marsad import reports``: rows from a file become source reports, atomically or with rejects.

One streaming pass: each row is parsed (pure engines), checked against what is stored, and
written in batches. In the default atomic mode any problem rolls the whole import back after every
row has been checked, so the user sees every problem at once; with a rejects file the good rows
are kept and the bad ones written to a file that can be fixed and imported again.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from marsad.audit.context import acting_as, current_actor
from marsad.codebook.services import active_codebook, active_version
from marsad.engines import external_events
from marsad.engines.export_values import restore
from marsad.engines.gazetteer import default_gazetteer
from marsad.engines.report_rows import (
    CANONICAL_COLUMNS,
    ColumnMapping,
    ReportDraft,
    RowParser,
    RowProblem,
    load_mapping,
    map_columns,
    reject_entry,
)
from marsad.engines.tabular import RawRow, Table, open_table, write_rejects
from marsad.transfer.writer import ReportWriter

EXTERNAL_FORMATS = ("ucdp", "acled")
#: Problems kept for display; beyond this only their number is (a broken 1M-row file would
#: otherwise fill memory with messages nobody reads).
PROBLEMS_SHOWN = 5_000


@dataclass
class ImportSummary:
    format: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    dry_run: bool = False
    committed: bool = False
    rejects_path: Path | None = None
    warnings: list[str] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)


class ImportRefused(Exception):
    """Atomic import with problems: nothing was written; ``summary.problems`` lists them."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(
            f"{summary.problem_count} problems in {summary.rejected} rows; nothing imported"
        )
        self.summary = summary


def import_reports(
    path: str | Path,
    *,
    format: str = "auto",
    mapping_path: str | Path | None = None,
    source_name: str = "",
    source_type: str = "",
    dry_run: bool = False,
    rejects_path: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 1000,
) -> ImportSummary:
    """Import a CSV, XLSX, JSON Lines, UCDP GED or ACLED file of source reports.

    Raises ``ImportRefused`` (nothing written) when the import is atomic and any row has a
    problem; ``TableError`` when the file cannot be read at all.
    """
    with _readable(Path(path)) as readable:
        table_format = None if format in ("auto", *EXTERNAL_FORMATS) else format
        table = open_table(readable, format=table_format)
        external = format if format in EXTERNAL_FORMATS else None
        if format == "auto":
            external = external_events.detect_external_format(table.columns)
        summary = ImportSummary(
            format=external or table.format, dry_run=dry_run, warnings=list(table.warnings)
        )
        codebook = active_codebook()
        mapping = map_columns(
            CANONICAL_COLUMNS if external else table.columns,
            codebook=codebook,
            saved=load_mapping(mapping_path) if mapping_path else None,
        )
        parser = RowParser(
            codebook,
            default_gazetteer(),
            mapping,
            default_source_name=source_name,
            default_source_type=source_type,
        )
        # Rows are kept only to write them back out; an atomic import just counts them.
        rejected_rows: list[tuple[RawRow, str, str]] = []
        atomic = rejects_path is None and not dry_run
        user, label = current_actor()
        with acting_as(user, f"{label}: import {Path(path).name}"), transaction.atomic():
            writer = ReportWriter(
                active_version(), create_actors=bool(external), dry_run=dry_run, entered_by=user
            )
            for batch in _batches(_parsed(table, parser, external, summary), batch_size):
                good = []
                for raw, draft, problems in batch:
                    summary.read += 1
                    if problems:
                        _record_problems(summary, problems)
                        summary.rejected += 1
                        if rejects_path is not None:
                            rejected_rows.append(reject_entry(raw, problems))
                    else:
                        good.append(draft)
                counts = writer.write(good)
                summary.created += counts["created"]
                summary.updated += counts["updated"]
                summary.unchanged += counts["unchanged"]
                if progress:
                    progress(len(batch))
            if dry_run or (atomic and summary.problem_count):
                transaction.set_rollback(True)
            else:
                summary.committed = True
        if rejects_path is not None and rejected_rows:
            write_rejects(rejects_path, table.columns, rejected_rows, format=table.format)
            summary.rejects_path = Path(rejects_path)
    if atomic and summary.problem_count:
        raise ImportRefused(summary)
    return summary


def _parsed(
    table: Table, parser: RowParser, external: str | None, summary: ImportSummary
) -> Iterator[tuple[RawRow, ReportDraft | None, list[RowProblem]]]:
    to_canonical = {"ucdp": external_events.ucdp_row, "acled": external_events.acled_row}.get(
        external or ""
    )
    for raw in table.rows:
        if table.format in ("csv", "xlsx"):
            # Undo the apostrophe Marsad's own exports put before formula-like text.
            raw = RawRow(raw.number, {k: restore(v) for k, v in raw.values.items()})
        if to_canonical is None:
            draft, problems = parser.parse(raw)
            yield raw, draft, problems
            continue
        mapped = to_canonical(raw.values)
        if isinstance(mapped, external_events.Rejection):
            yield (
                raw,
                None,
                [
                    RowProblem(
                        raw.number, "", "", "not_mappable", mapped.reason_en, mapped.reason_ar
                    )
                ],
            )
            continue
        summary.rules[mapped.rule] = summary.rules.get(mapped.rule, 0) + 1
        draft, problems = parser.parse(RawRow(raw.number, mapped.values))
        if draft is not None:
            # Keep the row as the dataset gave it, and why it got its type.
            draft.raw = {**raw.values, "marsad_rule": mapped.rule}
        yield raw, draft, problems


def _batches(rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _record_problems(summary: ImportSummary, problems: list[RowProblem]) -> None:
    summary.problem_count += len(problems)
    room = PROBLEMS_SHOWN - len(summary.problems)
    if room > 0:
        summary.problems.extend(problems[:room])


class _readable:
    """A path openpyxl and the CSV reader can open: gzipped files are unpacked to a temp file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._temp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        if self.path.suffix != ".gz":
            return self.path
        self._temp = tempfile.TemporaryDirectory(prefix="marsad-import-")
        target = Path(self._temp.name) / self.path.with_suffix("").name
        with gzip.open(self.path, "rb") as packed, open(target, "wb") as unpacked:
            shutil.copyfileobj(packed, unpacked)
        return target

    def __exit__(self, *exc: object) -> None:
        if self._temp is not None:
            self._temp.cleanup()


__all__ = ["ColumnMapping", "ImportRefused", "ImportSummary", "import_reports"]
