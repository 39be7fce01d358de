import stat

from marsad import config


def test_data_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path / "store"))
    assert config.data_dir() == tmp_path / "store"
    assert (tmp_path / "store").is_dir()


def test_default_database_is_sqlite_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    assert config.database_url() == f"sqlite:///{tmp_path / 'marsad.sqlite3'}"
    monkeypatch.setenv("MARSAD_DATABASE_URL", "postgresql://u@h/db")
    assert config.database_url() == "postgresql://u@h/db"


def test_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_SECRET_KEY", raising=False)
    first = config.secret_key()
    assert len(first) >= 50
    assert config.secret_key() == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600
    monkeypatch.setenv("MARSAD_SECRET_KEY", "from-env")
    assert config.secret_key() == "from-env"


def test_debug_flag(monkeypatch):
    monkeypatch.setenv("MARSAD_DEBUG", "true")
    assert config.debug()
    monkeypatch.setenv("MARSAD_DEBUG", "0")
    assert not config.debug()


def test_sqlite_runs_in_wal_mode(settings):
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_map_tiles_open_images_to_that_host_only(settings, client):
    from marsad.web.middleware import ContentSecurityPolicyMiddleware

    settings.MARSAD_MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    policy = ContentSecurityPolicyMiddleware(lambda request: {}).policy
    assert "img-src 'self' data: https://tiles.example.org;" in policy
    assert "script-src 'self';" in policy
    settings.MARSAD_MAP_TILES = ""
    assert "img-src 'self' data:;" in ContentSecurityPolicyMiddleware(lambda r: {}).policy
