"""Configuration read from the environment, without Django.

``MARSAD_DATA_DIR``      where the SQLite file, the secret key and uploads live
                         (default: the per-user data directory, e.g. ~/.local/share/marsad)
``MARSAD_DATABASE_URL``  a database URL (default: ``sqlite:///<data dir>/marsad.sqlite3``)
``MARSAD_SECRET_KEY``    Django's secret key (default: generated once, kept in the data dir)
``MARSAD_DEBUG``         ``1``/``true`` turns on Django's debug mode (never in production)
``MARSAD_ALLOWED_HOSTS`` comma-separated host names the server answers to
``MARSAD_HTTPS``         ``1`` when served over HTTPS: session and CSRF cookies become Secure
``MARSAD_PUBLIC_DOWNLOADS`` ``1`` lets anonymous visitors download the public release
``MARSAD_PUBLIC_PLACE_LEVEL`` / ``MARSAD_PUBLIC_DATE_LEVEL`` how far public releases coarsen
                         place (default subdistrict) and date (default week)
``MARSAD_MAP_TILES``     an optional tile URL template for the maps when online, e.g.
                         ``https://tile.example.org/{z}/{x}/{y}.png`` (default: none; the maps
                         draw the shipped OCHA boundaries and need no tile server)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs

TRUE_WORDS = {"1", "true", "yes", "on"}


def data_dir() -> Path:
    configured = os.environ.get("MARSAD_DATA_DIR")
    path = (
        Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("marsad"))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get("MARSAD_DATABASE_URL") or f"sqlite:///{data_dir() / 'marsad.sqlite3'}"


def secret_key() -> str:
    configured = os.environ.get("MARSAD_SECRET_KEY")
    if configured:
        return configured
    key_file = data_dir() / "secret_key"
    if not key_file.exists():
        # Written with owner-only permissions: the key signs sessions and password resets.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def debug() -> bool:
    return os.environ.get("MARSAD_DEBUG", "").strip().lower() in TRUE_WORDS


def allowed_hosts() -> list[str]:
    configured = os.environ.get("MARSAD_ALLOWED_HOSTS", "")
    hosts = [host.strip() for host in configured.split(",") if host.strip()]
    return hosts or ["127.0.0.1", "localhost", "[::1]"]


def https() -> bool:
    """True when the site is served over HTTPS (cookies are then marked Secure)."""
    return os.environ.get("MARSAD_HTTPS", "").strip().lower() in TRUE_WORDS


def public_downloads() -> bool:
    """True when anonymous visitors may download the public release."""
    return os.environ.get("MARSAD_PUBLIC_DOWNLOADS", "").strip().lower() in TRUE_WORDS


def map_tiles() -> str:
    """The tile URL template for online maps, or "" for the offline boundaries only."""
    return os.environ.get("MARSAD_MAP_TILES", "").strip()
