"""Name index and ranking for the gazetteer matcher (pure; see ``gazetteer.py`` for the API).

Matching tiers (``base`` score before context and prior):

=====================================================  ======================
exact name key (primary name)                          1.00
exact name key (alias)                                 0.94
same sound key, or fuzzy neighbour of sound/name key   0.62 + 0.26 × similarity
=====================================================  ======================

similarity = mean of the rapidfuzz ratios of the sound keys and of the name keys (best over the
place's names; ×0.97 for an alias, ×0.97 when the query needed a glued article removed);
neighbours with similarity below 0.6 are dropped.
A name written with an article joined to it ("Arraqqa") matches with weight 0.97.

Final score = 0.96 × base × context + prior, where context is 0.7 for a candidate outside the
admin units named by a hint ("…, Daraa") and 0.9 for a level other than the one a descriptor
suggests ("محافظة …", "… District"); prior (≤ 0.04) prefers capitals, populous places and, among
admin units, larger ones.  Scores are clamped to 0..1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process

from marsad.engines.arabic import has_arabic
from marsad.engines.gazetteer_text import (
    DIRECTION_WORDS,
    LEVELS,
    clean_tokens,
    name_key_from_tokens,
    sound_key_from_tokens,
    unglue_tokens,
)

TIER_NAME = 1.0
TIER_ALIAS = 0.94
TIER_NEAR_BASE = 0.62
TIER_NEAR_SPAN = 0.26
GLUED_WEIGHT = 0.97
ALIAS_WEIGHT = 0.97
STRONG = 0.84
MIN_SIMILARITY = 0.6  # below this a sound-key or fuzzy neighbour is noise
HINT_MISS = 0.7
LEVEL_MISS = 0.9

_LEVEL_PRIOR = {"governorate": 0.025, "subdistrict": 0.021, "district": 0.019}
_CAPITAL_PRIOR = {0: 0.032, 1: 0.029, 2: 0.024, 3: 0.022}

# Separators between the place and a hint: punctuation, dashes, and hint words.
_SPLIT = re.compile(
    r"\s*[,،;()\[\]/|:]\s*|\s+[-–—_]+\s+|\s*[–—]\s*"
    r"|\s+(?:in|near|of|outside|at|around|inside)\s+"
    r"|\s+(?:بريف|ريف|في|قرب|ضمن|شرق|غرب|شمال|جنوب|شرقي|غربي|شمالي|جنوبي|بمحافظة|محافظة|بمنطقة|منطقة)\s+",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^\s*(?:in|at|near|the)\s+", re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"countryside|\brural\b|\brif\b|\breef\b|ريف", re.IGNORECASE)
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Entry:
    """One place record as the index sees it."""

    level: str
    parent: int  # index of the parent, -1 for none
    names: tuple[str, ...]  # primary names (en, ar)
    aliases: tuple[str, ...]
    prior: float


Hits = dict[int, float]
K = TypeVar("K", str, tuple[str, str])


def _add(index: dict[K, list[int]], key: K, code: int) -> None:
    """Add an owner code (``index * 2 + is_alias``) unless the place is already there as
    that code or under its primary name."""
    if not key:
        return
    bucket = index.get(key)
    if bucket is None:
        index[key] = [code]
    elif code not in bucket and code & ~1 not in bucket:
        bucket.append(code)


def _frozen(index: dict[K, list[int]]) -> dict[K, tuple[int, ...]]:
    return {key: tuple(codes) for key, codes in index.items()}


class NameIndex:
    """Precomputed keys for every place; ``search`` returns ranked ``(index, score)`` pairs."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.ancestors: list[tuple[int, ...]] = []
        for idx in range(len(entries)):
            chain: list[int] = []
            cur = entries[idx].parent
            while cur >= 0:
                chain.append(cur)
                cur = entries[cur].parent
            self.ancestors.append(tuple(chain))
        # Owners of a key are codes ``index * 2 + is_alias`` (ints, not (index, alias) tuples:
        # the index holds tens of thousands of them).
        by_name: dict[str, list[int]] = {}
        by_sound: dict[str, list[int]] = {}
        fuzzy_owner: dict[tuple[str, str], list[int]] = {}
        # fuzzy choices: (script, level or "*") -> keys, plus first-letter buckets
        fuzzy_sets: dict[tuple[str, str], set[str]] = {}
        keys: list[tuple[tuple[str, str, bool, bool], ...]] = []
        interned: dict[str, str] = {}
        for idx, entry in enumerate(entries):
            own: list[tuple[str, str, bool, bool]] = []
            codes = (idx * 2, idx * 2 + 1)
            for alias, names in ((False, entry.names), (True, entry.aliases)):
                code = codes[alias]
                for name in names:
                    toks, _ = clean_tokens(name)
                    if not toks:
                        continue
                    nkey = name_key_from_tokens(toks)
                    skey = sound_key_from_tokens(toks)
                    nkey = interned.setdefault(nkey, nkey)
                    skey = interned.setdefault(skey, skey)
                    _add(by_name, nkey, code)
                    _add(by_sound, skey, code)
                    own.append((nkey, skey, alias, has_arabic(nkey)))
                    for script, fkey in _fuzzy_keys(nkey, skey):
                        for lvl in (entry.level, "*"):
                            fuzzy_sets.setdefault((script, lvl), set()).add(fkey)
                        _add(fuzzy_owner, (script, fkey), code)
            keys.append(tuple(own))
        self.keys = keys
        self.by_name = _frozen(by_name)
        self.by_sound = _frozen(by_sound)
        # A fuzzy key's owners are nearly always those of the same name key (Arabic and Latin
        # name keys) or sound key (Latin sound keys): keep only the ones that differ.
        self.fuzzy_owner: dict[tuple[str, str], tuple[int, ...]] = {}
        for (script, fkey), codes_ in fuzzy_owner.items():
            base = self.by_sound if script == "la" else self.by_name
            if base.get(fkey) != tuple(codes_):
                self.fuzzy_owner[(script, fkey)] = tuple(codes_)
        del fuzzy_owner, by_name, by_sound, interned
        self.fuzzy_all: dict[tuple[str, str], list[str]] = {
            k: sorted(v) for k, v in fuzzy_sets.items()
        }
        self.fuzzy_first: dict[tuple[str, str, str], list[str]] = {}
        for (script, lvl), fkeys in self.fuzzy_all.items():
            for key in fkeys:
                self.fuzzy_first.setdefault((script, lvl, key[0]), []).append(key)

    def owners(self, kind: str, key: str) -> tuple[int, ...]:
        """Owner codes (``index * 2 + is_alias``) of a fuzzy key of ``kind``."""
        found = self.fuzzy_owner.get((kind, key))
        if found is not None:
            return found
        return (self.by_sound if kind == "la" else self.by_name).get(key, ())

    # -- lookups ---------------------------------------------------------------------------

    def lookup(
        self, text: str, levels: frozenset[str] | None, *, fuzzy: bool
    ) -> tuple[Hits, str | None]:
        """Base scores for one place name, and the level its descriptors suggest.

        Exact name keys score by tier; everything else (equal sound key, glued article, fuzzy
        neighbours) scores ``0.62 + 0.26 × similarity`` where similarity averages the rapidfuzz
        ratios of the sound keys and the name keys.  Fuzzy neighbours are only searched when
        ``fuzzy`` is set and no exact name key matched.
        """
        toks, ctx_level = clean_tokens(text)
        hits: Hits = {}
        if not toks:
            return hits, ctx_level
        arabic = not toks[0].isascii()
        variants = [(toks, 1.0)]
        if not arabic:
            unglued = unglue_tokens(toks)
            if unglued != toks:
                variants.append((unglued, GLUED_WEIGHT))
        qkeys = [
            (name_key_from_tokens(t), sound_key_from_tokens(t), w, arabic) for t, w in variants
        ]
        for nkey, _, weight, _ in qkeys:
            self._exact(nkey, weight, levels, hits)
        near: set[int] = set()
        for _, skey, _, _ in qkeys:
            if len(skey) >= 2:
                near.update(
                    c >> 1 for c in self.by_sound.get(skey, ()) if self._keep(c >> 1, levels)
                )
        if fuzzy and not hits:
            nkey, skey, _, _ = qkeys[-1] if len(qkeys) > 1 else qkeys[0]
            for kind, fkey in _fuzzy_keys(qkeys[0][0], qkeys[0][1]) + _fuzzy_keys(nkey, skey):
                near.update(self._fuzzy(kind, fkey, levels))
        for idx in near:
            if idx in hits:
                continue
            sim = self._similarity(idx, qkeys)
            if sim >= MIN_SIMILARITY:
                hits[idx] = TIER_NEAR_BASE + TIER_NEAR_SPAN * sim
        return hits, ctx_level

    def _keep(self, idx: int, levels: frozenset[str] | None) -> bool:
        return levels is None or self.entries[idx].level in levels

    def _exact(self, key: str, weight: float, levels: frozenset[str] | None, hits: Hits) -> None:
        for code in self.by_name.get(key, ()):
            idx = code >> 1
            if self._keep(idx, levels):
                score = (TIER_ALIAS if code & 1 else TIER_NAME) * weight
                if score > hits.get(idx, 0.0):
                    hits[idx] = score

    def _similarity(self, idx: int, qkeys: list[tuple[str, str, float, bool]]) -> float:
        best = 0.0
        for nkey, skey, alias, arabic in self.keys[idx]:
            for qn, qs, weight, qarabic in qkeys:
                if arabic != qarabic:
                    continue
                sim = (fuzz.ratio(qs, skey) + fuzz.ratio(qn, nkey)) / 200.0 * weight
                if alias:
                    sim *= ALIAS_WEIGHT
                best = max(best, sim)
        return best

    def _fuzzy(self, kind: str, key: str, levels: frozenset[str] | None) -> set[int]:
        if kind == "la":  # sound keys are short and lossy: be strict
            cutoff = 75.0 if len(key) >= 7 else 82.0
        elif kind == "ln":
            cutoff = 85.0 if len(key) <= 3 else 75.0 if len(key) >= 7 else 80.0
        else:
            cutoff = 75.0 if len(key) <= 4 else 80.0
        lvls = ("*",) if levels is None else tuple(sorted(levels))
        out: set[int] = set()
        for lvl in lvls:
            choices = self.fuzzy_first.get((kind, lvl, key[0]), [])
            found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=12)
            if not found:
                choices = self.fuzzy_all.get((kind, lvl), [])
                found = process.extract(
                    key, choices, scorer=fuzz.ratio, score_cutoff=cutoff + 5, limit=12
                )
            for choice, _, _ in found:
                out.update(c >> 1 for c in self.owners(kind, choice) if self._keep(c >> 1, levels))
        return out

    # -- full query ------------------------------------------------------------------------

    def resolve_hint(self, text: str) -> set[int]:
        """Admin units (and towns) a hint like "western Daraa countryside" refers to."""
        toks = [t for t in text.split() if t.casefold() not in DIRECTION_WORDS]
        words = " ".join(toks)
        if not _HAS_LETTER.search(words):
            return set()
        tried: list[tuple[str, bool]] = []
        if _COUNTRYSIDE.search(text):
            tried.append((_rural(words), False))
        tried.append((words, True))
        if has_arabic(words) and toks and toks[0].startswith("ب") and len(toks[0]) > 3:
            tried.append((" ".join([toks[0][1:], *toks[1:]]), True))
        for attempt, fuzzy in tried:
            hits, _ = self.lookup(attempt, None, fuzzy=fuzzy)
            if not hits:
                continue
            best = max(hits.values())
            if best < 0.68:
                continue
            units: set[int] = set()
            for idx, score in hits.items():
                if score >= best - 0.1:
                    units.add(idx)
                    if self.entries[idx].level == "community" and self.entries[idx].parent >= 0:
                        units.add(self.entries[idx].parent)
            return units
        return set()

    def search(
        self,
        text: str,
        levels: frozenset[str] | None,
        within: int | None,
        limit: int,
    ) -> list[tuple[int, float]]:
        text = " ".join(text.split())
        if not _HAS_LETTER.search(text):
            return []
        text = _LEADING.sub("", text)
        hits, ctx_level = self.lookup(text, levels, fuzzy=False)
        hint_units: set[int] = set()
        if not self._strong(hits, within):
            parts = [p for p in _SPLIT.split(text) if p and _HAS_LETTER.search(p)]
            place = parts[0] if parts else text
            for hint in parts[1:]:
                hint_units |= self.resolve_hint(hint)
            stripped = " ".join(t for t in place.split() if t.casefold() not in DIRECTION_WORDS)
            attempts: list[tuple[str, str | None]] = [(place, None)]
            if stripped and _COUNTRYSIDE.search(place):
                # "Damascus countryside" / "ريف دمشق" is Rural Damascus; "ريف إدلب" is Idlib
                attempts += [(_rural(stripped), "governorate"), (stripped, "governorate")]
            elif stripped and stripped != place:
                attempts.append((stripped, None))
            found = False
            for attempt, ctx in attempts:
                hits, ctx_level = self.lookup(attempt, levels, fuzzy=False)
                ctx_level = ctx or ctx_level
                if self._strong(hits, within):
                    found = True
                    break
            if not found:  # fuzzy over the place as written and without direction words
                hits = {}
                for attempt, ctx in dict.fromkeys((attempts[0], attempts[-1])):
                    more, ctx2 = self.lookup(attempt, levels, fuzzy=True)
                    ctx_level = ctx or ctx2
                    for idx, score in more.items():
                        hits[idx] = max(score, hits.get(idx, 0.0))
        scored: list[tuple[int, float]] = []
        for idx, base in self._filtered(hits, within).items():
            entry = self.entries[idx]
            mult = 1.0
            if hint_units and not (
                idx in hint_units or hint_units.intersection(self.ancestors[idx])
            ):
                mult *= HINT_MISS
            if ctx_level is not None and entry.level != ctx_level:
                mult *= LEVEL_MISS
            score = min(1.0, max(0.0, 0.96 * base * mult + entry.prior))
            scored.append((idx, score))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:limit]

    def _strong(self, hits: Hits, within: int | None) -> bool:
        return any(score >= STRONG for score in self._filtered(hits, within).values())

    def _filtered(self, hits: Hits, within: int | None) -> Hits:
        if within is None:
            return hits
        return {idx: s for idx, s in hits.items() if idx == within or within in self.ancestors[idx]}


def _fuzzy_keys(nkey: str, skey: str) -> list[tuple[str, str]]:
    """(kind, key) pairs used for fuzzy matching: Arabic name key; Latin sound and name keys."""
    if has_arabic(nkey):
        return [("ar", nkey)] if len(nkey) >= 3 else []
    out = []
    if len(skey) >= 4:
        out.append(("la", skey))
    if len(nkey) >= 3:
        out.append(("ln", nkey))
    return out


def _rural(words: str) -> str:
    return ("ريف " if has_arabic(words) else "Rural ") + words


def compute_prior(
    level: str, capital: int | None, population: int | None, same_as_subdistrict: bool
) -> float:
    if level != "community":
        return _LEVEL_PRIOR[level]
    prior = _CAPITAL_PRIOR.get(capital, 0.0) if capital is not None else 0.0
    if same_as_subdistrict:
        prior = max(prior, _CAPITAL_PRIOR[3])
    if population:
        prior += 0.01 * min(1.0, math.log10(max(population, 1)) / 7.0)
    return prior


def parse_levels(level: str | Iterable[str] | None) -> frozenset[str] | None:
    if level is None:
        return None
    wanted = frozenset([level]) if isinstance(level, str) else frozenset(level)
    unknown = wanted - set(LEVELS)
    if unknown:
        raise ValueError(f"unknown level(s): {', '.join(sorted(unknown))}; use {LEVELS}")
    return wanted
