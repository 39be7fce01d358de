"""Benchmark the gazetteer matcher.

    python benchmarks/places.py [-n 100000] [--unique-share 0.3] [--seed 7]

Builds ``n`` place names from the test list (``tests/engines/data/place_names.tsv``) and the
gazetteer's own English/Arabic names, varied by seeded edits (typos, case, articles, hints) so that
about ``unique-share`` of them are distinct strings, the rest repeats (as in event data, where the
same towns recur).  It then times:

* the baseline: exact lookup only (name key + dict lookup, what a naive matcher would do);
* ``Gazetteer.match_many`` on a freshly loaded gazetteer (no warm cache), all ``n`` names;
* ``match_many`` over the distinct names only (every name pays full matching cost).

It prints names/second and the ratio to the baseline, and exits non-zero if the ``n``-name run
takes longer than a minute (``--budget``).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from marsad.engines.gazetteer import Gazetteer
from marsad.engines.gazetteer_text import name_keys

ROOT = Path(__file__).resolve().parent.parent
TEST_LIST = ROOT / "tests" / "engines" / "data" / "place_names.tsv"
PACKAGE = ROOT / "src" / "marsad" / "data" / "gazetteer" / "places.jsonl.gz"
HINTS_EN = [
    ", Daraa",
    " (Idlib)",
    ", eastern Deir ez-Zor",
    ", rural Aleppo",
    " - Homs",
    ", Hama countryside",
]
HINTS_AR = [" بريف درعا", " - إدلب", " في دير الزور", "، حلب", " بريف حماة الشمالي"]


def vary(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35 and len(name) > 4:  # one seeded edit
        i = rng.randrange(1, len(name) - 1)
        op = rng.randrange(3)
        if op == 0:
            return name[:i] + name[i + 1 :]
        if op == 1:
            return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        return name[:i] + name[i] + name[i:]
    if roll < 0.55:
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)
        return name + rng.choice(HINTS_AR if arabic else HINTS_EN)
    if roll < 0.7:
        return name.lower() if rng.random() < 0.5 else name.upper()
    if roll < 0.8 and not name.startswith(("Al", "ال")):
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in name)
        return ("ال" + name) if arabic else ("Al-" + name)
    return name


def build_names(gz: Gazetteer, n: int, unique_share: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    with TEST_LIST.open(encoding="utf-8") as fh:
        pool = [r["query"] for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for level in ("governorate", "district", "subdistrict", "community"):
        for place in gz.places_at(level):
            pool.extend(x for x in (place.name_en, place.name_ar) if x)
    distinct: list[str] = []
    seen: set[str] = set()
    target = max(1, int(n * unique_share))
    while len(distinct) < target:
        name = vary(rng.choice(pool), rng)
        if name not in seen:
            seen.add(name)
            distinct.append(name)
    # the rest repeat distinct names, favouring some (Zipf-like: towns recur)
    names = list(distinct)
    while len(names) < n:
        names.append(distinct[min(int(rng.paretovariate(1.2)) - 1, len(distinct) - 1)])
    rng.shuffle(names)
    return names


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--unique-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds allowed for n names")
    args = parser.parse_args(argv[1:])

    t0 = time.perf_counter()
    gz = Gazetteer.load(PACKAGE)  # a fresh instance: nothing cached
    load_s = time.perf_counter() - t0
    names = build_names(gz, args.n, args.unique_share, args.seed)
    distinct = list(dict.fromkeys(names))
    print(f"gazetteer: {len(gz)} places, loaded in {load_s:.2f} s")
    print(f"names: {len(names):,} ({len(distinct):,} distinct)")

    # baseline: exact lookup of the name key only
    index: dict[str, str] = {}
    for level in ("community", "subdistrict", "district", "governorate"):
        for place in gz.places_at(level):
            for name in (place.name_en, place.name_ar, *place.aliases):
                index.setdefault(name_keys(name)[0], place.pcode)
    t0 = time.perf_counter()
    exact_hits = sum(1 for name in names if name_keys(name)[0] in index)
    base_s = time.perf_counter() - t0
    print(
        f"baseline exact lookup: {base_s:.2f} s, {len(names) / base_s:,.0f} names/s "
        f"({exact_hits / len(names):.1%} found)"
    )

    t0 = time.perf_counter()
    results = gz.match_many(names)
    match_s = time.perf_counter() - t0
    found = sum(1 for r in results if r)
    print(
        f"match_many, {len(names):,} names: {match_s:.2f} s, {len(names) / match_s:,.0f} names/s, "
        f"{match_s / base_s:.1f}x baseline ({found / len(names):.1%} with a candidate)"
    )

    cold = Gazetteer.load(PACKAGE)
    t0 = time.perf_counter()
    cold.match_many(distinct)
    cold_s = time.perf_counter() - t0
    print(
        f"match_many, {len(distinct):,} distinct names (no repeats): {cold_s:.2f} s, "
        f"{len(distinct) / cold_s:,.0f} names/s"
    )

    if match_s > args.budget:
        print(f"FAIL: {match_s:.1f} s > budget {args.budget:.0f} s")
        return 1
    print(f"OK: under the {args.budget:.0f} s budget")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
