"""The page cache: each server process's memory first, then files all of the host's
processes share.

Costly page parts are cached under the data generation (:mod:`marsad.records.generation`).
Kept only in each process's memory, every process worked out each part once for itself: with
three processes, a list page's rows were computed up to three times and the map's points of a
filter three times at about 150 ms each.  The files (Django's file-based cache, in the data
directory) let the first process's work serve the others; a copy kept in memory spares the
file read and decompression on the next request.
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class MemoryAndFileCache(BaseCache):
    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self.memory = LocMemCache(f"marsad:{location}", params)
        self.files = FileBasedCache(location, params)

    def get(self, key, default=None, version=None):
        value = self.memory.get(key, _MISSING, version)
        if value is _MISSING:
            value = self.files.get(key, _MISSING, version)
            if value is _MISSING:
                return default
            self.memory.set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self.memory.set(key, value, timeout, version)
        self.files.set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        if self.files.add(key, value, timeout, version):
            self.memory.set(key, value, timeout, version)
            return True
        return False

    def delete(self, key, version=None) -> bool:
        in_memory = self.memory.delete(key, version)
        return self.files.delete(key, version) or in_memory

    def has_key(self, key, version=None) -> bool:
        return self.memory.has_key(key, version) or self.files.has_key(key, version)

    def clear(self) -> None:
        self.memory.clear()
        self.files.clear()
