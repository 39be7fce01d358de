"""Finding or creating the sources and actors that imported rows name, once per import."""

from __future__ import annotations

from marsad.engines.arabic import has_arabic, normalise_arabic
from marsad.records.models import Actor, Source


class SourceBook:
    """Sources by (name, type), created on first use."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Source] = {}

    def get(self, name: str, source_type: str, *, create: bool = True) -> Source | None:
        key = (name.strip(), source_type)
        if key not in self._cache:
            found = Source.objects.filter(name=key[0], source_type=source_type).first()
            if found is None and create:
                found = Source.objects.create(name=key[0], source_type=source_type)
            if found is None:
                return None
            self._cache[key] = found
        return self._cache[key]


class ActorBook:
    """Actors by any of their names in either script (compared normalised)."""

    def __init__(self) -> None:
        self._by_name: dict[str, Actor] = {}
        for actor in Actor.objects.all():
            for name in (actor.name_en, actor.name_ar, *actor.aliases):
                if name:
                    self._by_name.setdefault(normalise_arabic(name), actor)

    def find(self, name: str) -> Actor | None:
        return self._by_name.get(normalise_arabic(name)) if name else None

    def find_or_create(self, name: str, actor_type: str) -> Actor | None:
        if not name:
            return None
        actor = self.find(name)
        if actor is None:
            field = "name_ar" if has_arabic(name) else "name_en"
            actor = Actor.objects.create(**{field: name}, actor_type=actor_type or "unknown")
            self._by_name[normalise_arabic(name)] = actor
        return actor
