"""Reading incidents from the database into Arrow, in bulk.

One query per table, each column built once with ``pa.array`` (a million incidents take a few
seconds, not minutes); links and restrictions are aggregated in DuckDB and joined by position.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Aggregate, Case, Count, QuerySet, Sum, TextField, When
from django.db.models.functions import Cast

from marsad.records.models import Incident, IncidentReport

TEXT = [
    "type",
    "method",
    "operation_type",
    "target_status",
    "target_gender",
    "perpetrator_type",
    "status",
    "confidence",
    "controlling_party",
    "controlling_sub_label",
    "date_precision",
    "place_precision",
]
COUNTS = [
    *Incident.FIGURES,
    "killed_civilian",
    "killed_military",
    "killed_unknown",
    "injured_civilian",
    "injured_military",
    "injured_unknown",
    "number_targeted",
]
SCHEMA = pa.schema(
    [("incident_id", pa.int64())]
    + [(name, pa.string()) for name in TEXT]
    + [
        ("perpetrator", pa.string()),
        ("date", pa.date32()),
        ("date_end", pa.date32()),
        ("pcode", pa.string()),
    ]
    + [(name, pa.int64()) for name in COUNTS]
    + [("report_count", pa.int64()), ("source_types", pa.list_(pa.string()))]
)
# What the snapshot keeps beside SCHEMA: when the row last changed (the refresh watermark) and
# the groups it is restricted to (empty: everyone may see it), so visibility needs no database.
TRACKING = pa.schema(
    [
        ("updated_at", pa.timestamp("us", tz="UTC")),
        ("restricted_groups", pa.list_(pa.int64())),
    ]
)

_FIELDS = ["pk", *TEXT, "perpetrator__name_en", "date", "date_end", "place__pcode", *COUNTS]
_NAMES = ["incident_id", *TEXT, "perpetrator", "date", "date_end", "pcode", *COUNTS]
_CHUNK = 20_000  # rows per fetch: large enough to amortise the round trips, small in memory
_IDS_PER_QUERY = 5_000  # stays under SQLite's bound-parameter limit
_FEW = 50_000


def _rows(queryset: QuerySet, fields: Sequence[str]) -> Iterator[list[tuple]]:
    """Batches of ``values_list(*fields)`` rows.

    On SQLite the query runs on a plain cursor: Django's per-value converters (a string parsed
    into a date, a datetime made aware) cost more than the query itself, and Arrow converts the
    ISO strings in bulk (:func:`_array`).  Elsewhere the ORM's streaming iterator is used."""
    values = queryset.values_list(*fields)
    if connection.vendor != "sqlite":
        rows = values.iterator(chunk_size=_CHUNK)
        while batch := list(islice(rows, _CHUNK)):
            yield batch
        return
    try:
        sql, params = values.query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (``.none()``, ``pk__in=[]``)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(_CHUNK):
            yield batch


def _array(values: Sequence, kind: pa.DataType) -> pa.Array:
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
        first = next((v for v in values if v is not None), None)
        if isinstance(first, str):  # SQLite's text: naive UTC for datetimes
            naive = pa.timestamp("us") if pa.types.is_timestamp(kind) else kind
            return pa.array(values, pa.string()).cast(naive).cast(kind)
    return pa.array(values, kind)


def _columns(
    queryset: QuerySet, fields: Sequence[str], types: Sequence[pa.DataType]
) -> list[pa.Array]:
    """``values_list(*fields)`` as one Arrow array per field, converted a batch at a time so a
    big table never sits in memory as Python objects."""
    chunks: list[list[pa.Array]] = [[] for _ in fields]
    for batch in _rows(queryset, fields):
        for chunk, values, kind in zip(chunks, zip(*batch, strict=True), types, strict=True):
            chunk.append(_array(values, kind))
    return [
        pa.concat_arrays(chunk) if chunk else pa.array([], kind)
        for chunk, kind in zip(chunks, types, strict=True)
    ]


def _blank_to_null(array: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)


def _ordered(queryset: QuerySet[Incident]) -> QuerySet[Incident]:
    # The model's default ordering (-date) costs a sort of every row; an explicit order is kept.
    return queryset if queryset.query.order_by else queryset.order_by("pk")


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _IDS_PER_QUERY):
        yield ids[start : start + _IDS_PER_QUERY]


def _per_incident(pairs: pa.Table, sql: str) -> pa.Table:
    """Aggregate ``(incident_id, value)`` pairs in DuckDB with ``sql`` (its table is ``pairs``)."""
    con = duckdb.connect()
    try:
        con.register("pairs", pairs)
        return con.sql(sql).to_arrow_table()
    finally:
        con.close()


def _join(ids: pa.Array, grouped: pa.Table, column: str, empty: pa.Scalar) -> pa.Array:
    """``grouped[column]`` aligned with ``ids`` (``empty`` where an incident has no row)."""
    position = pc.index_in(ids, value_set=grouped["incident_id"].combine_chunks())
    values = grouped[column].combine_chunks().take(position)
    return pc.coalesce(values, empty) if len(values) else pa.array([], empty.type)


def _pairs(
    rows: QuerySet,
    fields: Sequence[str],
    queryset: QuerySet[Incident],
    ids: pa.Array,
    value_type: pa.DataType,
) -> pa.Table:
    """``(incident_id, value)`` rows of ``rows`` (links or restrictions) for the incidents read.

    A few incidents (a refresh) are fetched by key through the ``incident_id`` index; many (a
    rebuild) by one semi-join, rather than thousands of keyed queries."""
    types = [pa.int64(), value_type]
    if len(ids) <= _FEW:
        parts = [
            _columns(rows.filter(incident_id__in=chunk), fields, types)
            for chunk in _chunks(ids.to_pylist())
        ]
        got = [
            pa.concat_arrays([p[i] for p in parts] or [pa.array([], t)])
            for i, t in enumerate(types)
        ]
    else:
        got = _columns(rows.filter(incident__in=queryset.order_by().values("pk")), fields, types)
    return pa.table({"incident_id": got[0], "value": got[1]})


def read_incidents(
    queryset: QuerySet[Incident] | None = None, *, tracking: bool = False
) -> pa.Table:
    """The incidents of ``queryset`` (all by default) as SCHEMA rows, with their accounts'
    report count and sorted distinct source types; with ``tracking``, TRACKING columns too."""
    queryset = _ordered(Incident.objects.all() if queryset is None else queryset)
    fields, names = list(_FIELDS), list(_NAMES)
    types = [SCHEMA.field(name).type for name in _NAMES]
    if tracking:
        fields.append("updated_at")
        names.append("updated_at")
        types.append(TRACKING.field("updated_at").type)
    columns = dict(zip(names, _columns(queryset, fields, types), strict=True))
    for name in _NAMES:
        if columns[name].type == pa.string():
            columns[name] = _blank_to_null(columns[name])
    ids = columns["incident_id"]
    links = _per_incident(
        _pairs(
            IncidentReport.objects.all(),
            ["incident_id", "report__source__source_type"],
            queryset,
            ids,
            pa.string(),
        ),
        "SELECT incident_id, count(*) AS report_count, "
        "list_sort(list_distinct(list(value))) AS source_types "
        "FROM pairs GROUP BY incident_id",
    )
    columns["report_count"] = _join(ids, links, "report_count", pa.scalar(0, pa.int64()))
    columns["source_types"] = _join(
        ids, links, "source_types", pa.scalar([], pa.list_(pa.string()))
    )
    schema = SCHEMA
    if tracking:
        groups = _per_incident(
            _pairs(
                Incident.restricted_to.through.objects.all(),
                ["incident_id", "group_id"],
                queryset,
                ids,
                pa.int64(),
            ),
            "SELECT incident_id, list_sort(list(value)) AS restricted_groups "
            "FROM pairs GROUP BY incident_id",
        )
        columns["restricted_groups"] = _join(
            ids, groups, "restricted_groups", pa.scalar([], pa.list_(pa.int64()))
        )
        schema = pa.schema([*SCHEMA, *TRACKING])
    return pa.table({name: columns[name] for name in schema.names}, schema=schema)


def read_by_ids(ids: Sequence[int]) -> pa.Table:
    """:func:`read_incidents` (with tracking) of the incidents ``ids``, a bounded batch at a time."""
    parts = [
        read_incidents(Incident.objects.filter(pk__in=chunk), tracking=True)
        for chunk in _chunks(ids)
    ]
    return (
        pa.concat_tables(parts) if parts else read_incidents(Incident.objects.none(), tracking=True)
    )


class _Joined(Aggregate):
    """Values joined with commas: ``GROUP_CONCAT`` (SQLite), ``STRING_AGG`` (PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "%(function)s(%(expressions)s, ',')"
        return self.as_sql(compiler, connection, function="STRING_AGG", template=template)


@dataclass(frozen=True)
class Probe:
    """One scan of the incident table: how many rows, the sum of their ids (so a delete plus an
    insert is still noticed) and the ids of those changed since a moment."""

    count: int
    id_sum: int
    changed: list[int]


def probe(since: dt.datetime) -> Probe:
    changed = Case(When(updated_at__gte=since, then=Cast("pk", TextField())))
    found = Incident.objects.order_by().aggregate(n=Count("pk"), s=Sum("pk"), ids=_Joined(changed))
    ids = [int(pk) for pk in (found["ids"] or "").split(",") if pk]
    return Probe(int(found["n"] or 0), int(found["s"] or 0), sorted(ids))


def all_ids() -> pa.Array:
    """Every incident id, read with a plain cursor (the ORM adds nothing for one integer)."""
    quote = connection.ops.quote_name
    table, column = Incident._meta.db_table, Incident._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608 (model names)
        return pa.array([row[0] for row in cursor.fetchall()], pa.int64())


def database_identity() -> str:
    """Which database the rows come from, so a snapshot of another one is never merged."""
    settings = connection.settings_dict
    parts = (settings["ENGINE"], settings["NAME"], settings.get("HOST"), settings.get("PORT"))
    return "|".join(str(part or "") for part in parts)
