"""Narrative signatures for cross-checking, in DuckDB SQL (pure; see ``crosscheck.py``).

A narrative becomes a set of content words: Arabic is normalised as
:func:`marsad.engines.arabic.normalise_arabic` does (hamza forms, taa marbuta, alef maqsura,
tatweel, diacritics, digits), text is lower-cased and split into words, words are lightly stemmed
(Arabic clitics ``و ف ب ل ك ال``, plural/feminine endings and the accusative ``ا``,
English plural ``s``), words of the
bilingual lexicon become their concept (so "checkpoint" and "حاجز" are one word), and stop words,
numbers and the words of place and actor names are dropped (places and actors are compared
through the gazetteer and the actor aliases instead).  The set is hashed into a 128-bit
signature (two UBIGINTs) so that a pair's Dice similarity is two ``bit_count`` calls.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import duckdb
import pyarrow as pa

__all__ = ["SIGNATURE_SQL", "TOKEN_SPLIT", "install_text_macros", "register_text_tables"]

# The character map of marsad.engines.arabic (tests check the two agree).
_FROM = "أإآٱٲٳةىئیؤک٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،؛؟ء"
_TO = "ااااااهيييوك01234567890123456789,;?"
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
_SPLIT = "[^0-9a-z\u0621-\u064a]+"
#: Splits raw text into words (Latin letters, digits, Arabic letters, marks and digits).
TOKEN_SPLIT = "[^0-9a-zA-Z\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff]+"

_DELETE = (
    "".join(
        chr(c)
        for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
    )
    + "\u0640"
)

_MACROS = f"""
CREATE OR REPLACE TEMP MACRO xc_norm(s) AS
    lower(translate(regexp_replace(s, '{_MARKS}', '', 'g'), '{_FROM}', '{_TO}'));
CREATE OR REPLACE TEMP MACRO xc_fold(s) AS lower(translate(s, '{_FROM}{_DELETE}', '{_TO}'));
CREATE OR REPLACE TEMP MACRO xc_ar_prefix(t) AS CASE
    WHEN length(t) >= 6 AND (starts_with(t, 'وال') OR starts_with(t, 'بال')
        OR starts_with(t, 'فال') OR starts_with(t, 'كال')) THEN substr(t, 4)
    WHEN length(t) >= 5 AND (starts_with(t, 'ال') OR starts_with(t, 'لل')) THEN substr(t, 3)
    WHEN length(t) >= 4 AND (starts_with(t, 'و') OR starts_with(t, 'ب') OR starts_with(t, 'ف')
        OR starts_with(t, 'ل') OR starts_with(t, 'ك')) THEN substr(t, 2)
    ELSE t END;
CREATE OR REPLACE TEMP MACRO xc_ar_suffix(t) AS CASE
    WHEN length(t) >= 5 AND (ends_with(t, 'ين') OR ends_with(t, 'ون') OR ends_with(t, 'ات'))
        THEN left(t, length(t) - 2)
    WHEN length(t) >= 4 AND ends_with(t, 'ه') THEN left(t, length(t) - 1)
    WHEN length(t) >= 5 AND ends_with(t, 'ا') THEN left(t, length(t) - 1)
    ELSE t END;
CREATE OR REPLACE TEMP MACRO xc_stem(t) AS CASE
    WHEN t[1] BETWEEN 'a' AND 'z' THEN
        CASE WHEN length(t) > 3 AND ends_with(t, 's') AND NOT ends_with(t, 'ss')
            THEN left(t, length(t) - 1) ELSE t END
    ELSE xc_ar_suffix(xc_ar_prefix(t)) END;
CREATE OR REPLACE TEMP MACRO xc_words(s) AS
    list_filter(regexp_split_to_array(xc_norm(s), '{_SPLIT}'), lambda w: length(w) > 0);
"""

#: Builds ``sig(id, r1, r2, c1, c2, t1, ntok)`` from ``narratives(id, narrative)``: target
#: concepts in ``t1``; other rare words (document frequency at most ``rare``) in ``r1/r2``,
#: more common ones (up to ``common``) in ``c1/c2``; words in more narratives than that are
#: dropped.  Below ``min_docs`` narratives every word counts as rare.  Narratives are split once;
#: folding, stemming and the lexicon work on the distinct words only.
SIGNATURE_SQL = """
CREATE OR REPLACE TEMP TABLE xc_words AS
SELECT id, unnest(string_split_regex(narrative, '{split}')) AS w
FROM narratives WHERE narrative IS NOT NULL;
CREATE OR REPLACE TEMP TABLE xc_fold AS
SELECT w, xc_fold(w) AS fw FROM (SELECT DISTINCT w FROM xc_words);
CREATE OR REPLACE TEMP TABLE xc_vocab AS
WITH d AS (
    SELECT w, xc_stem(fw) AS s FROM xc_fold
    WHERE length(fw) >= {min_len} AND NOT regexp_full_match(fw, '[0-9]+')
)
SELECT d.w, coalesce(lx.concept, d.s) AS v, coalesce(lx.is_target, false) AS is_target
FROM d LEFT JOIN xc_lexicon lx ON lx.stem = d.s LEFT JOIN xc_drop dr ON dr.stem = d.s
WHERE lx.concept IS NOT NULL OR dr.stem IS NULL;
CREATE OR REPLACE TEMP TABLE sig AS
WITH kept AS (
    SELECT DISTINCT x.id, vb.v, vb.is_target FROM xc_words x JOIN xc_vocab vb ON vb.w = x.w
), docs AS (
    SELECT count(DISTINCT id) AS n FROM kept
), df AS (
    SELECT v, count(*) AS n, (hash(v) % {bits})::INTEGER AS bit FROM kept GROUP BY v
), tiered AS (
    SELECT k.id, df.bit,
        CASE WHEN k.is_target THEN 3
             WHEN docs.n < {min_docs} OR df.n <= {rare} * docs.n THEN 1
             WHEN df.n <= {common} * docs.n THEN 2 ELSE 0 END AS tier
    FROM kept k JOIN df ON df.v = k.v CROSS JOIN docs
)
SELECT id,
    bit_or(CASE WHEN tier = 1 AND bit < 64 THEN (1::UBIGINT << bit) ELSE 0::UBIGINT END) AS r1,
    bit_or(CASE WHEN tier = 1 AND bit >= 64 THEN (1::UBIGINT << (bit - 64)) ELSE 0::UBIGINT END)
        AS r2,
    bit_or(CASE WHEN tier = 2 AND bit < 64 THEN (1::UBIGINT << bit) ELSE 0::UBIGINT END) AS c1,
    bit_or(CASE WHEN tier = 2 AND bit >= 64 THEN (1::UBIGINT << (bit - 64)) ELSE 0::UBIGINT END)
        AS c2,
    bit_or(CASE WHEN tier = 3 THEN (1::UBIGINT << (bit % 64)) ELSE 0::UBIGINT END) AS t1,
    count(*) FILTER (WHERE tier IN (1, 2))::INTEGER AS ntok
FROM tiered GROUP BY id;
DROP TABLE xc_words;
DROP TABLE xc_fold;
"""


def install_text_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_MACROS)


def _stem_table(con: duckdb.DuckDBPyConnection, words: list[str], tags: list[int]) -> pa.Table:
    """(tag, stem) for every word of ``words`` (phrases split), as the signature stems them."""
    con.register(
        "xc_in", pa.table({"t": pa.array(words, pa.string()), "tag": pa.array(tags, pa.int64())})
    )
    try:
        return con.sql(
            "SELECT tag, stem FROM (SELECT tag, xc_stem(w) AS stem FROM "
            "(SELECT tag, unnest(xc_words(t)) AS w FROM xc_in) WHERE length(w) > 0) "
            "QUALIFY row_number() OVER (PARTITION BY stem ORDER BY tag) = 1"
        ).to_arrow_table()
    finally:
        con.unregister("xc_in")


_CACHE: dict[tuple[str, int], tuple[pa.Table, pa.Table]] = {}


def _text_tables(
    con: duckdb.DuckDBPyConnection, text: Mapping[str, object], names: tuple[str, ...]
) -> tuple[pa.Table, pa.Table]:
    key = (json.dumps(text, sort_keys=True, ensure_ascii=False, default=str), hash(names))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    lexicon = text.get("lexicon", {})
    concepts: list[tuple[str, bool]] = []
    words: list[str] = []
    tags: list[int] = []
    if isinstance(lexicon, Mapping):
        for section, entries in lexicon.items():
            for concept, members in entries.items():
                concepts.append((str(concept), section == "targets"))
                words.extend(str(w) for w in members)
                tags.extend([len(concepts) - 1] * len(members))
    lex = _stem_table(con, words, tags)
    clash = con.execute(
        "SELECT stem, list(DISTINCT tag) FROM (SELECT xc_stem(w) AS stem, tag FROM "
        "(SELECT unnest(xc_words(t)) AS w, tag FROM (SELECT unnest(?) AS t, unnest(?) AS tag))) "
        "GROUP BY stem HAVING count(DISTINCT tag) > 1",
        [words, tags],
    ).fetchall()
    if clash:
        detail = "; ".join(
            f"{stem!r}: {', '.join(concepts[t][0] for t in ts)}" for stem, ts in clash
        )
        raise ValueError(f"lexicon words with the same stem in different concepts: {detail}")
    tag_list = lex.column("tag").to_pylist()
    lex_table = pa.table(
        {
            "stem": lex.column("stem"),
            "concept": pa.array([f"#{concepts[t][0]}" for t in tag_list], pa.string()),
            "is_target": pa.array([concepts[t][1] for t in tag_list], pa.bool_()),
        }  # fmt: skip
    )
    stop = text.get("stopwords", {})
    stop_words = (
        [str(v) for values in stop.values() for v in values] if isinstance(stop, Mapping) else []
    )
    stop_stems = set(_stem_table(con, stop_words, [0] * len(stop_words)).column("stem").to_pylist())
    shared = sorted(stop_stems & set(lex.column("stem").to_pylist()))
    if shared:
        raise ValueError(f"lexicon words with the stem of a stop word: {', '.join(shared)}")
    drop_words = [*stop_words, *names]
    drop = _stem_table(con, drop_words, [0] * len(drop_words))
    known = set(lex.column("stem").to_pylist())
    drop_table = pa.table(
        {"stem": pa.array(sorted(set(drop.column("stem").to_pylist()) - known), pa.string())}
    )
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = (lex_table, drop_table)
    return lex_table, drop_table


def register_text_tables(
    con: duckdb.DuckDBPyConnection, text: Mapping[str, object], names: tuple[str, ...]
) -> None:
    """Create ``xc_lexicon(stem, concept)`` and ``xc_drop(stem)`` (stop words and name words)."""
    lex, drop = _text_tables(con, text, names)
    con.register("xc_lexicon_in", lex)
    con.execute("CREATE OR REPLACE TEMP TABLE xc_lexicon AS SELECT * FROM xc_lexicon_in")
    con.unregister("xc_lexicon_in")
    con.register("xc_drop_in", drop)
    con.execute("CREATE OR REPLACE TEMP TABLE xc_drop AS SELECT * FROM xc_drop_in")
    con.unregister("xc_drop_in")
