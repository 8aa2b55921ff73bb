"""Settings come from the environment, once, with defaults that work offline."""

from __future__ import annotations

import pytest

from geo import config


def test_defaults_work_on_a_fresh_machine() -> None:
    settings = config.load_settings({})
    assert settings.db_url == f"sqlite:///{config.DEFAULT_DB_PATH}"
    assert (settings.language, settings.tiles, settings.static_url) == ("zh", "osm", "/app/static")


def test_environment_overrides() -> None:
    settings = config.load_settings(
        {
            "GEO_DB_URL": "postgresql+psycopg://u@db/keyprojects",
            "GEO_LANG": "EN",
            "GEO_TILES": "https://tiles.local/{z}/{x}/{y}.png",
            "GEO_TILES_ATTR": "天地图",
            "GEO_STATIC_URL": "/dashboard/app/static/",
            "GEO_PHOTO_DIR": "/srv/photos",
            "GEO_PHOTO_MAX_MB": "2.5",
        }
    )
    assert str(settings.photo_dir) == "/srv/photos" and settings.photo_max_bytes == int(
        2.5 * 1024 * 1024
    )
    assert settings.db_url == "postgresql+psycopg://u@db/keyprojects"
    assert settings.language == "en"
    assert settings.tiles == "https://tiles.local/{z}/{x}/{y}.png"
    assert settings.static_url == "/dashboard/app/static"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"GEO_LANG": "fr"}, r"\(GEO_LANG\): 'fr'"),
        ({"GEO_TILES": "google"}, r"\(GEO_TILES\): 'google' is neither"),
        (
            {"GEO_TILES": "tianditu"},
            r"\(GEO_TILES\): Tianditu tiles need a Tianditu key \(GEO_TIANDITU_KEY\)",
        ),
        ({"GEO_AREA": "province"}, r"\(GEO_AREA\): 'province'"),
        ({"GEO_RANKING_WEIGHTS": "speed=5"}, r"\(GEO_RANKING_WEIGHTS\): 'speed' is not a part"),
        ({"GEO_PUBLIC_URL": "abc"}, r"\(GEO_PUBLIC_URL\): 'abc' is not a web address"),
        ({"GEO_PHOTO_MAX_MB": "0"}, r"\(GEO_PHOTO_MAX_MB\): '0' is not a number"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        config.load_settings(env)


def test_uploads_are_limited() -> None:
    import tomllib

    from geo.config import REPO_ROOT

    settings = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert 0 < settings["server"]["maxUploadSize"] <= 50
