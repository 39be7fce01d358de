"""Loading and activating codebook versions; the Django side of ``marsad.engines.codebook``."""

from __future__ import annotations

import functools
from pathlib import Path

from django.db import transaction

from marsad import memo
from marsad.codebook.models import CodebookVersion
from marsad.engines.codebook import (
    Codebook,
    CodebookError,
    Problem,
    default_codebook_path,
    load_codebook,
    parse_codebook,
)


def load_codebook_file(
    path: Path | str | None = None, *, activate: bool = True
) -> tuple[CodebookVersion, bool]:
    """Store a codebook file as a version (idempotent) and make it the active one.

    Returns the version and whether it was new. A file whose ``version`` already exists with
    different content is refused: versions are immutable, so a change needs a new version.
    """
    codebook = load_codebook(Path(path) if path else default_codebook_path())
    with transaction.atomic():
        existing = CodebookVersion.objects.filter(version=codebook.version).first()
        if existing and existing.digest != codebook.digest:
            raise CodebookError(
                [
                    Problem(
                        field="version",
                        code="version_exists",
                        message_en=(
                            f"Version {codebook.version} is already loaded with different "
                            "content; give the changed codebook a new version."
                        ),
                        message_ar=(
                            f"الإصدار {codebook.version} محمّل مسبقاً بمحتوى مختلف؛ "
                            "أعطِ دليل الترميز المعدَّل رقم إصدار جديداً."
                        ),
                        value=codebook.version,
                        row=None,
                    )
                ]
            )
        created = existing is None
        stored = existing or CodebookVersion.objects.create(
            version=codebook.version, digest=codebook.digest, content=codebook.as_dict()
        )
        if activate and not stored.is_active:
            CodebookVersion.objects.filter(is_active=True).update(is_active=False)
            stored.is_active = True
            stored.save(update_fields=["is_active"])  # a new data generation: see its signals
    return stored, created


_ACTIVE = "codebook.active_version"


def active_version() -> CodebookVersion:
    """The active codebook version (read once per request: see :mod:`marsad.memo`)."""
    return memo.remembered(_ACTIVE, _read_active_version)


def _read_active_version() -> CodebookVersion:
    stored = CodebookVersion.objects.filter(is_active=True).first()
    if stored is None:
        stored, _ = load_codebook_file()
    return stored


@functools.lru_cache(maxsize=32)
def _parsed(digest: str, version_pk: int) -> Codebook:
    return parse_codebook(CodebookVersion.objects.get(pk=version_pk).content)


def codebook_of(version: CodebookVersion) -> Codebook:
    """The parsed codebook of a stored version (cached: versions never change)."""
    return _parsed(version.digest, version.pk)


def active_codebook() -> Codebook:
    """The active codebook, for labels and forms.  Which version is active is cached under the
    data generation (activating a version changes it), so a page asks the database only once
    per change, not once per request."""
    from marsad.records import generation

    digest, pk = generation.cached("codebook-active", (), _active_digest_and_pk)
    return _parsed(digest, pk)


def _active_digest_and_pk() -> tuple[str, int]:
    version = active_version()
    return version.digest, version.pk
