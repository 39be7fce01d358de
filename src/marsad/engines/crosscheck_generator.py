"""Labelled source reports for testing and benchmarking the cross-checking engine (pure).

>>> data = generate(200, seed=1)
>>> data.reports.num_rows, sorted(data.truth.column_names)
(200, ['incident_id', 'report_id'])

True incidents are drawn over real gazetteer communities (towns weighted above villages,
the governorates of the centre's case studies above the others) and dates in 2019-2020.  Each is
told by 1-4 distinct sources with the noise real accounts have:

* language: Arabic or English narrative, paraphrased (several templates and wordings);
* place: the Arabic or English name or one of the gazetteer's alternate names, Arabic spelling
  variants (hamza, taa marbuta, alef maqsura, article), often a district or governorate hint;
  sometimes only the sub-district or district, sometimes a neighbouring village, sometimes a
  GPS point.  Names are resolved with ``Gazetteer.match_many`` as the import does, so
  resolution errors (homonyms) are part of the data;
* date: a day or two off, or only the week, the month or a range known;
* type and method confused within a family, casualty counts that differ or are missing,
  the perpetrator under another name or alias, unnamed, a related party, or misattributed;
* some accounts repeat another source (``repeats_source_id``) and copy its figures.

About ``lookalike_share`` of the incidents have a distinct twin: same town, same day, same kind
of incident (two bombs), but another target, other casualties, often another method.

The truth table (report_id -> incident_id) is returned separately; nothing in ``reports``
encodes it (report ids are shuffled).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from marsad.engines.crosscheck_generator_accounts import Builder, GeneratorConfig
from marsad.engines.gazetteer import Gazetteer, default_gazetteer
from marsad.engines.report_rows_places import choose_place

__all__ = ["Generated", "GeneratorConfig", "generate"]


@dataclass(frozen=True)
class Generated:
    reports: pa.Table
    truth: pa.Table  # report_id -> incident_id
    incidents: int
    twins: int


def _resolve(
    gz: Gazetteer, cols: dict[str, list[object]]
) -> tuple[list[str | None], list[str | None]]:
    """Place names to P-codes as the report import does (``report_rows_places.choose_place``:
    the top candidate when it scores >= 0.85 and leads unrelated rivals by 0.025, else none;
    with a GPS point, names are matched within the point's governorate first)."""
    texts = [str(t) for t in cols["place_text"]]
    gz.match_many(texts, limit=12)  # warms the gazetteer's cache of distinct names
    govs = cols["gov"]
    pcodes: list[str | None] = []
    precision: list[str | None] = []
    for text, lat, gov in zip(texts, cols["latitude"], govs, strict=True):
        within = str(gov) if lat is not None else None
        choice = choose_place(gz, text, level=None, within=within, threshold=0.85, margin=0.025)
        found = choice.chosen
        pcodes.append(found.pcode if found else None)
        if lat is not None:
            precision.append("point")
        else:
            precision.append(found.level if found else None)
    return pcodes, precision


def generate(
    n_reports: int,
    *,
    seed: int = 7,
    gazetteer: Gazetteer | None = None,
    config: GeneratorConfig | None = None,
) -> Generated:
    """``n_reports`` labelled source reports (see the module documentation)."""
    gz = gazetteer or default_gazetteer()
    builder = Builder(gz, seed, config or GeneratorConfig())
    rng = builder.rng
    incidents = twins = 0
    while len(builder.truth) < n_reports:
        incidents += 1
        inc = builder.incident(incidents)
        builder.accounts(inc)
        if rng.random() < builder.cfg.lookalike_share:
            incidents += 1
            twins += 1
            builder.accounts(builder.twin(inc, incidents))
    cols = {k: v[:n_reports] for k, v in builder.cols.items()}
    truth = builder.truth[:n_reports]
    pcodes, precision = _resolve(gz, cols)
    ids = list(range(1, n_reports + 1))
    rng.shuffle(ids)
    reports = pa.table(
        {
            "report_id": pa.array(ids, pa.int64()),
            "source_id": pa.array(cols["source_id"], pa.int64()),
            "source_type": pa.array(cols["source_type"], pa.string()),
            "repeats_source_id": pa.array(cols["repeats_source_id"], pa.int64()),
            "type": pa.array(cols["type"], pa.string()),
            "method": pa.array(cols["method"], pa.string()),
            "date": pa.array(cols["date"], pa.date32()),
            "date_end": pa.array(cols["date_end"], pa.date32()),
            "date_precision": pa.array(cols["date_precision"], pa.string()),
            "pcode": pa.array(pcodes, pa.string()),
            "place_precision": pa.array(precision, pa.string()),
            "latitude": pa.array(cols["latitude"], pa.float64()),
            "longitude": pa.array(cols["longitude"], pa.float64()),
            "perpetrator": pa.array(cols["perpetrator"], pa.string()),
            "perpetrator_type": pa.array(cols["perpetrator_type"], pa.string()),
            "target_status": pa.array(cols["target_status"], pa.string()),
            "killed": pa.array(cols["killed"], pa.int64()),
            "injured": pa.array(cols["injured"], pa.int64()),
            "narrative": pa.array(cols["narrative"], pa.string()),
            "language": pa.array(cols["language"], pa.string()),
            "place_text": pa.array(cols["place_text"], pa.string()),
        }
    )
    order = pc.sort_indices(reports, [("report_id", "ascending")])
    truth_table = pa.table(
        {"report_id": pa.array(ids, pa.int64()), "incident_id": pa.array(truth, pa.int64())}
    )
    return Generated(
        reports=reports.take(order),
        truth=truth_table.take(pc.sort_indices(truth_table, [("report_id", "ascending")])),
        incidents=len(set(truth)),
        twins=twins,
    )
