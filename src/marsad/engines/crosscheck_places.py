"""Places for cross-checking: the gazetteer as a table, countryside and ambiguous names (pure).

The import gives each report a P-code (``pcode``), or none when the name it read matched
several places about equally well.  When the report also carries the name as written
(``place_text``), the engine

* widens a town to its district when the name says "countryside" or "area" (``ريف الباب``,
  ``Markada countryside``): the account is about the land around the town, not the town;
* resolves a name without a P-code when one place clearly fits (``resolve_min_score``); a name
  followed by a hint ("قصق شمالي بريف حلب", "Ein Elzarqa - Mintar, Tartous countryside") is also
  looked for inside the governorate, district or sub-district the hint names, which the import's
  whole-text match often misses;
* keeps an unsettled name as its candidate places (``opts``), so that an account of "Qara" can
  still meet an account of Qara in Rural Damascus; such a pair gets the ``ambiguous`` place level.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from marsad.engines.gazetteer import Candidate, Gazetteer

__all__ = ["LEVEL_RANK", "GazetteerTable", "gazetteer_table", "place_table"]

LEVEL_RANK = {"governorate": 0, "district": 1, "subdistrict": 2, "community": 3}


@dataclass(frozen=True)
class GazetteerTable:
    """Every place with an integer id (``pid``), its level rank, parent ids and coordinates."""

    table: pa.Table  # pid, pcode, prank, chain (ids), sub_id, dist_id, gov_id, glat, glon
    ids: Mapping[str, int]
    chains: Mapping[str, tuple[int, ...]]
    names: tuple[str, ...]  # every name and alias (their words are left out of narratives)


@functools.lru_cache(maxsize=4)
def gazetteer_table(gz: Gazetteer) -> GazetteerTable:
    places = [p for level in LEVEL_RANK for p in gz.places_at(level)]
    ids = {p.pcode: i for i, p in enumerate(places)}
    cols: dict[str, list[Any]] = {k: [] for k in
                                  ("pid", "pcode", "prank", "chain", "sub_id", "dist_id", "gov_id",
                                   "glat", "glon")}  # fmt: skip
    chains: dict[str, tuple[int, ...]] = {}
    names: list[str] = []
    for place in places:
        parents = gz.parents(place.pcode)
        chain = (place, *parents)
        by_level = {q.level: ids[q.pcode] for q in chain if q.pcode in ids}
        chains[place.pcode] = tuple(ids[q.pcode] for q in chain if q.pcode in ids)
        cols["pid"].append(ids[place.pcode])
        cols["pcode"].append(place.pcode)
        cols["prank"].append(LEVEL_RANK[place.level])
        cols["chain"].append(list(chains[place.pcode]))
        cols["sub_id"].append(by_level.get("subdistrict"))
        cols["dist_id"].append(by_level.get("district"))
        cols["gov_id"].append(by_level.get("governorate"))
        cols["glat"].append(place.latitude)
        cols["glon"].append(place.longitude)
        names.extend(n for n in (place.name_en, place.name_ar, *place.aliases) if n)
    table = pa.table(
        {
            "pid": pa.array(cols["pid"], pa.int32()),
            "pcode": pa.array(cols["pcode"], pa.string()),
            "prank": pa.array(cols["prank"], pa.int8()),
            "chain": pa.array(cols["chain"], pa.list_(pa.int32())),
            "sub_id": pa.array(cols["sub_id"], pa.int32()),
            "dist_id": pa.array(cols["dist_id"], pa.int32()),
            "gov_id": pa.array(cols["gov_id"], pa.int32()),
            "glat": pa.array(cols["glat"], pa.float64()),
            "glon": pa.array(cols["glon"], pa.float64()),
        }  # fmt: skip
    )
    return GazetteerTable(table, ids, chains, tuple(names))


def _countryside_pattern(words: list[str]) -> str:
    parts = []
    for word in words:
        escaped = re.escape(word)
        parts.append(rf"\b{escaped}\b" if word.isascii() else escaped)
    return "(?i)(" + "|".join(parts) + ")"


# Where a hint starts ("Nawa, Daraa countryside", "نوى بريف درعا"): the marker must be in the
# name itself, before any hint, to widen the place.
_HINT = re.compile(
    r"\s*[,،;()\[\]/|:]\s*|\s+[-–—_]+\s+|\s+(?:in|near|of|outside|at|around|inside)\s+"
    r"|\s+(?:بريف|في|قرب|ضمن|بمحافظة|محافظة|بمنطقة)\s+",
    re.IGNORECASE,
)


def _head(text: str) -> str:
    return _HINT.split(text.strip(), maxsplit=1)[0]


def _hinted(
    gz: Gazetteer, text: str, levels: list[str], min_hint: float, margin: float, limit: int
) -> list[Candidate]:
    """Candidates for the name before a hint, searched inside the admin units the hint names.

    Every split of ``text`` at hint separators is tried ("A - B, C": name "A" or "A - B", hint
    "B, C" or "C"), since a place name may itself hold a separator; a hint counts when it
    matches a unit of ``levels`` with a score of at least ``min_hint`` (units within ``margin``
    of the best are all searched).  The candidates of the best-scoring split are returned.
    """
    seps = list(_HINT.finditer(text))
    best: list[Candidate] = []
    for i, cut in enumerate(seps):
        name = text[: cut.start()].strip()
        if not name:
            continue
        for rest in seps[i:]:
            hint = text[rest.end() :].strip()
            if not hint:
                continue
            units = [c for c in gz.match(hint, level=levels, limit=4) if c.score >= min_hint]
            if not units:
                continue
            found: dict[str, Candidate] = {}
            for unit in units:
                if unit.score < units[0].score - margin:
                    break
                for cand in gz.match(name, within=unit.pcode, limit=limit):
                    if cand.pcode not in found or found[cand.pcode].score < cand.score:
                        found[cand.pcode] = cand
            ranked = sorted(found.values(), key=lambda c: (-c.score, c.pcode))
            if ranked and (not best or ranked[0].score > best[0].score):
                best = ranked
    return best


def place_table(
    con: duckdb.DuckDBPyConnection, gz: Gazetteer, settings: Mapping[str, Any]
) -> pa.Table:
    """``(pcode, place_text) -> (eff_pcode, opts, ochain)`` for the reports that need it
    (``opts`` and ``ochain`` hold place ids of :func:`gazetteer_table`).

    Reads ``xc_reports``; only rows with a ``place_text`` that is countryside-like or that the
    import left without a P-code are returned (the others keep their P-code as it is).
    """
    words = [str(w) for w in settings.get("countryside_words", [])]
    level = str(settings.get("countryside_level", "district"))
    min_score = float(settings.get("ambiguous_min_score", 0.8))
    resolve = float(settings.get("resolve_min_score", 0.85))
    margin = float(settings.get("ambiguous_margin", 0.06))
    max_options = int(settings.get("ambiguous_max_options", 6))
    hint_levels = [str(v) for v in settings.get("hint_levels", [])]
    hint_min = float(settings.get("hint_min_score", 0.85))
    condition = "r.pcode IS NULL"
    params: list[object] = []
    if words:
        condition += " OR regexp_matches(r.place_text, ?)"
        params.append(_countryside_pattern(words))
    rows = con.execute(
        "SELECT DISTINCT r.pcode, r.place_text FROM xc_reports r "
        f"WHERE r.place_text IS NOT NULL AND r.place_text <> '' AND ({condition})",
        params,
    ).fetchall()
    pattern = re.compile(_countryside_pattern(words)) if words else None
    gt = gazetteer_table(gz)
    codes: list[str | None] = []
    texts: list[str] = []
    effective: list[str | None] = []
    options: list[list[int]] = []
    chains: list[list[int]] = []
    unresolved = [str(t) for p, t in rows if p is None]
    found = dict(zip(unresolved, gz.match_many(unresolved, limit=12), strict=True))
    if hint_levels:
        for text in unresolved:
            hinted = _hinted(gz, text, hint_levels, hint_min, margin, 12)
            whole = found[text]
            if hinted and (not whole or hinted[0].score > whole[0].score):
                found[text] = hinted
    for pcode, text in rows:
        text = str(text)
        if pcode is None:
            cands = found.get(text, [])
            top = cands[0].score if cands else 0.0
            close = [c for c in cands if c.score >= max(min_score, top - margin)]
            # the most precise candidates only: a district that holds another candidate goes
            opts = [
                c.pcode
                for c in close
                if not any(c.pcode in (p[0] for p in o.parents) for o in close if o is not c)
            ][:max_options]
            # one clear candidate: the name resolves (the report had no P-code, only a name)
            eff = opts[0] if len(opts) == 1 and top >= resolve else None
        else:
            place = gz.get(str(pcode))
            eff = str(pcode)
            if (
                place is not None
                and place.level == "community"
                and pattern
                and pattern.search(_head(text))
            ):
                wider = next((p.pcode for p in gz.parents(eff) if p.level == level), None)
                eff = wider or eff
            opts = [eff]
        opts = [o for o in opts if o in gt.ids]
        codes.append(None if pcode is None else str(pcode))
        texts.append(text)
        effective.append(eff)
        options.append([gt.ids[o] for o in opts])
        chains.append(sorted({c for o in opts for c in gt.chains[o]}))
    return pa.table(
        {
            "pcode": pa.array(codes, pa.string()),
            "place_text": pa.array(texts, pa.string()),
            "eff_pcode": pa.array(effective, pa.string()),
            "opts": pa.array(options, pa.list_(pa.int32())),
            "ochain": pa.array(chains, pa.list_(pa.int32())),
        }  # fmt: skip
    )
