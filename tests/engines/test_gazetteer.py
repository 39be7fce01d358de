"""The gazetteer: package data, name matching, hints, filters and point lookups.

The match-rate list ``data/place_names.tsv`` holds real names (OCHA, OpenSyria, GeoNames) with
hand-written transliteration variants, seeded typos, hints and ambiguous names.  Bare names of
cities that are also admin units ("Deir ez-Zor", "دير الزور", "Daraa") expect the *city
community*; a descriptor ("Governorate", "محافظة", "province", "countryside", "ريف") expects the
governorate.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.engines.gazetteer import Candidate, Gazetteer, PointMatch, default_gazetteer

DATA = Path(__file__).parent / "data" / "place_names.tsv"
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


def top(gz: Gazetteer, text: str, **kw: object) -> str | None:
    found = gz.match(text, **kw)  # type: ignore[arg-type]
    return found[0].pcode if found else None


def top_gov(gz: Gazetteer, text: str) -> str | None:
    found = gz.match(text)
    return found[0].parents[-1][0] if found and found[0].parents else None


# -- package data ------------------------------------------------------------------------------


def test_package_data_has_exact_admin_counts(gz: Gazetteer) -> None:
    assert len(gz.places_at("governorate")) == 14
    assert len(gz.places_at("district")) == 62
    assert len(gz.places_at("subdistrict")) == 272
    assert len(gz.places_at("community")) > 5200
    assert {p.pcode for p in gz.places_at("governorate")} == {f"SY{i:02d}" for i in range(1, 15)}


def test_every_place_has_a_parent_chain_of_the_right_levels(gz: Gazetteer) -> None:
    expected = {
        "community": ["subdistrict", "district", "governorate"],
        "subdistrict": ["district", "governorate"],
        "district": ["governorate"],
        "governorate": [],
    }
    for level, chain in expected.items():
        for place in gz.places_at(level):
            assert [p.level for p in gz.parents(place.pcode)] == chain, place.pcode
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
            assert place.source


def test_renumbered_tartous_subdistricts_were_reparented(gz: Gazetteer) -> None:
    old = {"SY100202", "SY100203", "SY100204", "SY100205"}
    assert all(gz.get(code) is None for code in old)
    assert not any(p.parent in old for p in gz.places_at("community"))
    moved = [p for p in gz.places_at("community") if "reparented" in p.source]
    assert moved and all(gz.get(p.parent or "") is not None for p in moved)


def test_added_places_have_documented_codes(gz: Gazetteer) -> None:
    added = [p for p in gz.places_at("community") if not p.pcode.startswith("C")]
    assert added
    for place in added:
        assert place.pcode.startswith(("XK", "XG")), place.pcode
        assert place.source.split(";")[0] in ("ocha-cod-capitals-2020", "geonames")


def test_load_is_cached_per_process() -> None:
    assert Gazetteer.load() is Gazetteer.load() is default_gazetteer()


def test_get_parents_children(gz: Gazetteer) -> None:
    jasim = gz.get("C6111")
    assert jasim is not None and jasim.name_ar == "جاسم" and jasim.level == "community"
    assert [p.pcode for p in gz.parents("C6111")] == ["SY120301", "SY1203", "SY12"]
    assert gz.get("nope") is None and gz.parents("nope") == []
    districts = gz.children("SY12")
    assert districts and all(p.level == "district" and p.parent == "SY12" for p in districts)
    assert any(p.pcode == "C6111" for p in gz.children("SY120301"))
    with pytest.raises(ValueError):
        gz.places_at("village")


@pytest.mark.skipif(not SHARED.exists(), reason="shared source data not available")
def test_build_is_deterministic_and_package_data_is_current(tmp_path: Path) -> None:
    script = REPO / "scripts" / "build_gazetteer.py"
    for out in ("a", "b"):
        subprocess.run(
            [sys.executable, str(script), str(SHARED), "--out", str(tmp_path / out)],
            check=True,
            capture_output=True,
        )
    package = REPO / "src" / "marsad" / "data" / "gazetteer"
    for name in ("places.jsonl.gz", "boundaries/adm1.geojson", "boundaries/adm3.geojson"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first == (package / name).read_bytes(), f"{name} is stale: rerun the build"


# -- the case-study places and the places the 2015 list lacks ---------------------------------


@pytest.mark.parametrize(
    ("text", "governorate"),
    [
        ("Douma", "SY03"),
        ("دوما", "SY03"),
        ("Qamishli", "SY08"),
        ("القامشلي", "SY08"),
        ("Tafas", "SY12"),
        ("طفس", "SY12"),
        ("Jasim", "SY12"),
        ("Al-Bukamal", "SY09"),
        ("Afrin", "SY02"),
        ("Jarablus", "SY02"),
        ("Raqqa", "SY11"),
    ],
)
def test_towns_resolve_to_a_community_in_the_right_governorate(
    gz: Gazetteer, text: str, governorate: str
) -> None:
    best = gz.match(text)[0]
    assert best.level == "community"
    assert best.parents[-1][0] == governorate


def test_damascus_city_and_governorate(gz: Gazetteer) -> None:
    for text in ("دمشق", "Damascus"):
        codes = [c.pcode for c in gz.match(text)]
        assert codes[0] == "C1001"
        assert "SY01" in codes  # both the city and the governorate are offered
        assert top(gz, text, level="governorate") == "SY01"
    assert top(gz, "محافظة دمشق") == "SY01"
    assert top(gz, "ريف دمشق") == "SY03"
    assert top(gz, "Damascus countryside") == "SY03"


# -- normalisation features, one at a time ----------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["إدلب", "ادلب", "أدلب"], "C3871"),  # hamza forms
        (["أريحا", "اريحا"], "C4278"),
        (["رأس العين", "راس العين"], "C4988"),
        (["السويداء", "السويدا"], "C6147"),
    ],
)
def test_hamza(gz: Gazetteer, variants: list[str], expected: str) -> None:
    assert [top(gz, v) for v in variants] == [expected] * len(variants)


def test_taa_marbuta_and_alef_maqsura(gz: Gazetteer) -> None:
    assert top(gz, "حماة") == top(gz, "حماه") == "C2987"
    assert top(gz, "الرقة") == top(gz, "الرقه") == "C5710"
    assert top(gz, "نوى") == top(gz, "نوي") == "C6124"
    assert top(gz, "جَاسِم") == "C6111"  # diacritics


def test_article(gz: Gazetteer) -> None:
    assert top(gz, "الرستن") == top(gz, "رستن") == "C2870"
    assert top(gz, "Ar-Rastan") == top(gz, "Rastan") == top(gz, "Al Rastan") == "C2870"
    assert top(gz, "Al-Bab") == top(gz, "al Bab") == top(gz, "Bab") == "C1202"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محافظة درعا", "SY12"),
        ("Daraa Governorate", "SY12"),
        ("Daraa province", "SY12"),
        ("منطقة دوما", "SY0302"),
        ("Duma District", "SY0302"),
        ("Mantika Duma", "SY0302"),
        ("ناحية جاسم", "SY120301"),
        ("Jasim Subdistrict", "SY120301"),
        ("Jasim Sub-district", "SY120301"),
        ("Nahiya Jasim", "SY120301"),
        ("مركز حمص", "SY040100"),
        ("مدينة جاسم", "C6111"),
        ("بلدة طفس", "C6034"),
        ("Jasim city", "C6111"),
        ("Tafas town", "C6034"),
        ("قرية الرستن", "C2870"),
        ("مخيم اليرموك", "C1002"),
    ],
)
def test_descriptor_prefixes_pick_the_level(gz: Gazetteer, text: str, expected: str) -> None:
    assert top(gz, text) == expected


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        (["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Dair al-Zour", "Der Ezzor"], "C5086"),
        (["Al-Hasakah", "Al-Hasakeh", "Hasaka", "Hassakeh", "El Hasakah"], "C4360"),
        (["Qamishli", "Kamishli", "Al Qamishly", "Qamishlee"], "C4564"),
        (["As-Sweida", "Suwayda", "Soueida", "As Suwaida"], "C6147"),
        (["Jisr ash-Shughur", "Jisr al-Shughour", "Jisr esh Shoghour"], "C4199"),
        (
            ["Ra's al-'Ayn", "Ras al-Ain", "Ras al-Ayn", "Ras Al Ayn"],
            "C4988",
        ),  # "Ras El Ein": Idlib
        (["Tell Abyad", "Tal Abyad", "Tell Abiad", "Tal Abiad"], "C5792"),
        (["Khan Shaykhun", "Khan Sheikhoun", "Khan Shaykoun"], "C3987"),
        (["Yabroud", "Yabrud", "Yabrood"], "C2416"),
    ],
)
def test_transliteration_variants(gz: Gazetteer, variants: list[str], expected: str) -> None:
    assert {v: top(gz, v) for v in variants} == dict.fromkeys(variants, expected)


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Jarablos", "C2227"),
        ("Jrablus", "C2227"),
        ("Qamishlli", "C4564"),
        ("Manbji", "C1767"),
        ("Saraqieb", "C3916"),
        ("Yabrod", "C2416"),
        ("جرابلص", "C2227"),
        ("القامشلى", "C4564"),
    ],
)
def test_typos(gz: Gazetteer, typo: str, expected: str) -> None:
    assert top(gz, typo) == expected


# -- hints --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Duma, Rural Damascus", "C2338"),
        ("Douma, Damascus countryside", "C2338"),
        ("دوما بريف دمشق", "C2338"),
        ("Duma, As-Sweida", "C6236"),
        ("Duma (As-Sweida)", "C6236"),
        ("دوما - السويداء", "C6236"),
        ("Duma, Hama", "C3076"),
        ("Nawa, western Daraa countryside", "C6124"),
        ("نوى بريف درعا الغربي", "C6124"),
        ("Nawa (Hama)", "C3255"),
        ("نوى في حماة", "C3255"),
        ("Nawa, Homs countryside", "C2928"),
        ("Jasim (Daraa)", "C6111"),
        ("الميادين - دير الزور", "C5192"),
        ("in Al-Bukamal, eastern Deir ez-Zor", "C5167"),
    ],
)
def test_hints_disambiguate(gz: Gazetteer, text: str, expected: str) -> None:
    assert top(gz, text) == expected


def test_hint_beats_default_but_keeps_alternatives(gz: Gazetteer) -> None:
    plain = [c.pcode for c in gz.match("Duma", level="community")]
    hinted = [c.pcode for c in gz.match("Duma, As-Sweida", level="community")]
    assert plain[0] == "C2338" and hinted[0] == "C6236"
    assert "C2338" in hinted  # the other Duma is still offered, lower


# -- filters, ranking, API shape ----------------------------------------------------------------


def test_level_filter(gz: Gazetteer) -> None:
    assert top(gz, "Daraa") == "C5993"
    assert top(gz, "Daraa", level="governorate") == "SY12"
    assert top(gz, "Daraa", level="district") == "SY1200"
    assert top(gz, "Daraa", level="subdistrict") == "SY120000"
    assert {c.level for c in gz.match("Daraa", level=["district", "subdistrict"])} <= {
        "district",
        "subdistrict",
    }
    with pytest.raises(ValueError):
        gz.match("Daraa", level="province")


def test_town_named_like_its_subdistrict_comes_first_but_both_are_returned(gz: Gazetteer) -> None:
    found = gz.match("Jasim")
    assert [c.pcode for c in found[:2]] == ["C6111", "SY120301"]


def test_within_filter(gz: Gazetteer) -> None:
    assert top(gz, "Duma", within="SY13") == "C6236"
    assert top(gz, "Nawa", within="SY05") == "C3255"
    for cand in gz.match("Duma", within="SY03", limit=10):
        assert cand.pcode == "SY03" or "SY03" in [p[0] for p in cand.parents]
    assert gz.match("Duma", within="SY99") == []
    assert top(gz, "Daraa", within="SY12", level="governorate") == "SY12"  # equal counts


def test_scores_ranked_and_bounded(gz: Gazetteer) -> None:
    for text in ("Damascus", "Dmascus", "Nawa, Hama", "Deir Ezzor", "جاسم"):
        found = gz.match(text, limit=10)
        scores = [c.score for c in found]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
    exact = gz.match("Jasim", level="community")[0].score
    variant = gz.match("Jassem", level="community")[0].score
    typo = gz.match("Jasimm", level="community")[0].score
    assert exact > variant and exact > typo


def test_candidate_to_dict_is_json_ready(gz: Gazetteer) -> None:
    cand = gz.match("Jasim")[0]
    assert isinstance(cand, Candidate)
    data = cand.to_dict()
    assert set(data) == {"pcode", "level", "name_en", "name_ar", "parents", "score"}
    assert data["parents"][0] == {
        "pcode": "SY120301",
        "level": "subdistrict",
        "name_en": "Jasim",
        "name_ar": "جاسم",
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


@pytest.mark.parametrize("text", ["", "   ", "123", "!!!", "-", "، ،", "xyz", "qqqqqqqqqqqqqqq"])
def test_empty_or_garbage_returns_nothing(gz: Gazetteer, text: str) -> None:
    assert gz.match(text) == []


def test_limit(gz: Gazetteer) -> None:
    assert len(gz.match("Duma", limit=2)) == 2
    assert gz.match("Duma", limit=0) == []


def test_match_many_equals_match(gz: Gazetteer) -> None:
    texts = ["Douma", "Nawa, Hama", "دير الزور", "", "Jarablos", "Douma", "xyz"]
    assert gz.match_many(texts) == [gz.match(t) for t in texts]
    assert gz.match_many(texts, level="governorate", limit=2) == [
        gz.match(t, level="governorate", limit=2) for t in texts
    ]
    assert gz.match_many(iter(texts), within="SY03") == [gz.match(t, within="SY03") for t in texts]


def test_every_subdistrict_resolves_by_its_own_names(gz: Gazetteer) -> None:
    """Top 3; a candidate tied with the third counts (two sub-districts are both "Suran")."""
    missing = []
    for sub in gz.places_at("subdistrict"):
        for name in (sub.name_en, sub.name_ar):
            found = gz.match(name, limit=10)
            cutoff = found[min(2, len(found) - 1)].score if found else 2.0
            if sub.pcode not in [c.pcode for c in found if c.score >= cutoff]:
                missing.append((sub.pcode, name))
    assert missing == []


# -- points -------------------------------------------------------------------------------------


def test_community_coordinates_resolve_to_the_community(gz: Gazetteer) -> None:
    for code in ("C6111", "C2338", "C5167", "C1001"):
        place = gz.get(code)
        assert place is not None
        result = gz.resolve_point(place.latitude, place.longitude)
        assert isinstance(result, PointMatch)
        assert result.community is not None and result.community.pcode == code
        assert result.distance_km is not None and result.distance_km < 0.01


def test_point_in_subdistrict_polygon() -> None:
    from shapely.geometry import shape

    gz = Gazetteer.load()
    path = REPO / "src" / "marsad" / "data" / "gazetteer" / "boundaries" / "adm3.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feat in features:
        if feat["properties"]["pcode"] in ("SY120301", "SY030200", "SY090200"):
            pt = shape(feat["geometry"]).representative_point()
            result = gz.resolve_point(pt.y, pt.x, tolerance_km=0.0)
            assert result.subdistrict is not None
            assert result.subdistrict.pcode == feat["properties"]["pcode"]


def test_point_outside_syria_or_in_the_sea(gz: Gazetteer) -> None:
    for lat, lon in ((34.9, 35.4), (33.31, 44.36), (0.0, 0.0)):  # Mediterranean, Baghdad
        result = gz.resolve_point(lat, lon)
        assert result == PointMatch(community=None, distance_km=None, subdistrict=None)


def test_point_tolerance(gz: Gazetteer) -> None:
    place = gz.get("C6111")
    assert place is not None
    lat, lon = place.latitude + 0.01, place.longitude  # about 1.1 km north of Jasim
    wide = gz.resolve_point(lat, lon, tolerance_km=5.0)
    assert wide.community is not None and wide.distance_km is not None
    assert wide.distance_km <= 1.2
    narrow = gz.resolve_point(lat, lon, tolerance_km=0.5)
    assert narrow.community is None or (narrow.distance_km or 0.0) <= 0.5
    assert narrow.subdistrict == wide.subdistrict


# -- the test list ------------------------------------------------------------------------------


def load_test_list() -> list[tuple[str, str, str]]:
    with DATA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["query"], r["expected_pcode"], r["note"]) for r in rows]


def test_test_list_is_large_and_valid(gz: Gazetteer) -> None:
    rows = load_test_list()
    assert len(rows) >= 300
    assert all(gz.get(code) is not None for _, code, _ in rows)
    assert sum(1 for q, _, _ in rows if any("\u0600" <= ch <= "\u06ff" for ch in q)) >= 100


def test_match_rate(gz: Gazetteer) -> None:
    rows = load_test_list()
    results = gz.match_many([q for q, _, _ in rows])
    failures = []
    for (query, expected, note), found in zip(rows, results, strict=True):
        got = found[0].pcode if found else None
        if got != expected:
            failures.append(f"  {query!r}: expected {expected}, got {got} ({note})")
    rate = 1 - len(failures) / len(rows)
    print(f"\ngazetteer top-1 match rate: {rate:.3f} ({len(rows) - len(failures)}/{len(rows)})")
    print("\n".join(failures))
    assert rate >= 0.95


def test_name_index_fuzzy_owners_match_a_plain_build() -> None:
    """The index stores a fuzzy key's places only where they differ from the name or sound
    key's; every fuzzy key must still give exactly the places a plain build gives."""
    from marsad.engines.gazetteer_index import _fuzzy_keys
    from marsad.engines.gazetteer_text import (
        clean_tokens,
        name_key_from_tokens,
        sound_key_from_tokens,
    )

    index = default_gazetteer()._index
    plain: dict[tuple[str, str], list[int]] = {}
    for idx, entry in enumerate(index.entries):
        for alias, names in ((False, entry.names), (True, entry.aliases)):
            for name in names:
                toks, _ = clean_tokens(name)
                if not toks:
                    continue
                nkey, skey = name_key_from_tokens(toks), sound_key_from_tokens(toks)
                for kind, fkey in _fuzzy_keys(nkey, skey):
                    owners = plain.setdefault((kind, fkey), [])
                    if idx * 2 + alias not in owners and idx * 2 not in owners:
                        owners.append(idx * 2 + alias)
    assert plain
    for (kind, fkey), owners in plain.items():
        assert index.owners(kind, fkey) == tuple(owners), (kind, fkey)
