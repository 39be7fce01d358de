"""Creating or upgrading an installation: schema, reference data, the first administrator.

Every step is idempotent, so ``marsad init`` and ``marsad demo`` can run any number of times.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import django

Report = Callable[[str], None]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marsad.settings")
    django.setup()


@dataclass
class InitSummary:
    codebook_version: str
    codebook_created: bool
    places: dict[str, int]
    control: dict[str, int]


def initialise(
    report: Report = print, places_progress: Callable[[int], None] | None = None
) -> InitSummary:
    """Migrate the database and load the shipped codebook, gazetteer and control layer."""
    from django.core.management import call_command

    from marsad.accounts.roles import ensure_roles
    from marsad.audit.context import acting_as
    from marsad.codebook.services import load_codebook_file
    from marsad.places.services import load_default_control_layer, load_gazetteer

    report("Migrating the database …")
    call_command("migrate", interactive=False, verbosity=0)
    with acting_as(None, "marsad init"):
        report("Loading the codebook …")
        version, created = load_codebook_file()
        report("Loading the gazetteer …")
        places = load_gazetteer(progress=places_progress)
        report("Loading the area-of-control layer …")
        control = load_default_control_layer()
        report("Setting up the roles …")
        ensure_roles()
    return InitSummary(version.version, created, places, control)


def ensure_admin(username: str = "admin") -> tuple[str, str | None]:
    """Create the first administrator once; its password is kept (owner-only) in the data dir.

    Returns the username and the password if Marsad created it (None when the user already
    existed without a kept password, i.e. someone set their own).
    """
    from django.contrib.auth import get_user_model

    from marsad import config

    password_file = config.data_dir() / "admin-password.txt"
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email="", password=password)
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password)
        return username, password
    if password_file.exists() and user.check_password(password_file.read_text().strip()):
        return username, password_file.read_text().strip()
    return username, None
