"""Actor and source suggestions for the entry form, compared with normalised Arabic.

Both tables are small (hundreds of rows), so they are filtered in Python, where
``normalise_arabic`` makes "الجيش الوطني" find "الجيش الوطنى" whatever the database.
A source is found by its public *name* only; who it is and how to reach it is read from the
database only for users allowed to see it.
"""

from __future__ import annotations

from marsad.engines.arabic import has_arabic, normalise_arabic
from marsad.records.models import Actor, Source

MIN_QUERY = 1
LIMIT = 10
SEE_IDENTITY = "records.view_source_identity"


def _rank(query: str, names: list[str]) -> int | None:
    """0: a name starts with the query; 1: a word of a name does; 2: a name contains it."""
    best = None
    for name in names:
        key = normalise_arabic(name)
        if key.startswith(query):
            return 0
        if f" {query}" in key:
            best = 1
        elif query in key and best is None:
            best = 2
    return best


def actor_names(actor: Actor) -> list[str]:
    return [n for n in (actor.name_en, actor.name_ar, *actor.aliases) if n]


def actor_name(actor: Actor, lang: str) -> str:
    primary, other = (
        (actor.name_ar, actor.name_en) if lang == "ar" else (actor.name_en, actor.name_ar)
    )
    return primary or other


def suggest_actors(query: str, lang: str, type_labels: dict[str, str]) -> list[dict]:
    query = normalise_arabic(query or "")
    if len(query) < MIN_QUERY:
        return []
    ranked = []
    for actor in Actor.objects.select_related("parent"):
        rank = _rank(query, actor_names(actor))
        if rank is not None:
            ranked.append((rank, actor_name(actor, lang).casefold(), actor))
    ranked.sort(key=lambda item: item[:2])
    return [
        {
            "id": actor.pk,
            "name": actor_name(actor, lang),
            "name_en": actor.name_en,
            "name_ar": actor.name_ar,
            "type": actor.actor_type,
            "type_label": type_labels.get(actor.actor_type, actor.actor_type),
            "label": actor_name(actor, lang)
            + (f" — {actor_name(actor.parent, lang)}" if actor.parent_id else ""),
        }
        for _, _, actor in ranked[:LIMIT]
    ]


def find_actor(name: str) -> Actor | None:
    """The actor one of whose names is ``name`` (compared normalised), if exactly one is."""
    key = normalise_arabic(name or "")
    if not key:
        return None
    found = [a for a in Actor.objects.all() if key in {normalise_arabic(n) for n in actor_names(a)}]
    return found[0] if len(found) == 1 else None


def new_actor(name: str, actor_type: str) -> Actor:
    """An actor named as typed (in the field of its script), unless one already has the name."""
    existing = find_actor(name)
    if existing is not None:
        return existing
    field = "name_ar" if has_arabic(name) else "name_en"
    return Actor.objects.create(**{field: name.strip()}, actor_type=actor_type or "unknown")


def source_columns(user) -> list[str]:
    """The source columns ``user`` may read: the sensitive ones only with the permission."""
    columns = ["id", "name", "source_type", "language"]
    if user.has_perm(SEE_IDENTITY):
        columns += list(Source.sensitive_fields())
    return columns


def suggest_sources(query: str, user, type_labels: dict[str, str]) -> list[dict]:
    query = normalise_arabic(query or "")
    if len(query) < MIN_QUERY:
        return []
    columns = source_columns(user)
    ranked = []
    # values() reads only the allowed columns: identity never leaves the database otherwise.
    for row in Source.objects.values(*columns):
        rank = _rank(query, [row["name"]])
        if rank is not None:
            ranked.append((rank, row["name"].casefold(), row))
    ranked.sort(key=lambda item: item[:2])
    rows = []
    for _, _, row in ranked[:LIMIT]:
        row["type_label"] = type_labels.get(row["source_type"], row["source_type"])
        row["label"] = f"{row['name']} — {row['type_label']}" if row["type_label"] else row["name"]
        rows.append(row)
    return rows


def find_source(name: str) -> Source | None:
    """The source called exactly ``name`` (compared normalised), if exactly one is."""
    key = normalise_arabic(name or "")
    if not key:
        return None
    found = [s for s in Source.objects.only("id", "name") if normalise_arabic(s.name) == key]
    return found[0] if len(found) == 1 else None
