"""The production settings refuse unsafe configurations and pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7#pQ2!vL9@mZ4$wR8^tY1&uI5*oP3(aS6)dF0_gH-jK+lZ=cX" * 2


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean_env.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="quartier.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "quartier.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "quartier.example.org"}, "SECRET_KEY"),
    ],
)
def test_production_settings_refuse_to_start_without_secrets(env, message):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_do_not_install_the_demo_loader():
    result = _manage(
        "help", "load_demo", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="quartier.example.org"
    )
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr


def _production_setting(expression: str, **env: str) -> str:
    result = _manage(
        "shell",
        "-c",
        f"from django.conf import settings; print({expression})",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="quartier.example.org",
        **env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_keeps_database_connections_for_a_minute_by_default():
    clean = {"DATABASE_CONN_MAX_AGE": ""}
    assert _production_setting("settings.DATABASES['default']['CONN_MAX_AGE']", **clean) == "60"


def test_production_connection_lifetime_comes_from_the_environment():
    value = _production_setting(
        "settings.DATABASES['default']['CONN_MAX_AGE']", DATABASE_CONN_MAX_AGE="0"
    )
    assert value == "0"


def test_production_checks_kept_connections_before_reuse():
    assert _production_setting("settings.DATABASES['default']['CONN_HEALTH_CHECKS']") == "True"


def test_search_cluster_indexes_are_named_by_the_search_index_variable():
    backend = "settings.WAGTAILSEARCH_BACKENDS['default']"
    env = {"SEARCH_BACKEND": "wagtail.search.backends.opensearch3", "SEARCH_INDEX": "gelsen"}
    assert _production_setting(f"{backend}['INDEX_PREFIX']", **env) == "gelsen_"


def test_search_cluster_address_defaults_to_the_local_node():
    backend = "settings.WAGTAILSEARCH_BACKENDS['default']"
    env = {"SEARCH_BACKEND": "wagtail.search.backends.opensearch3", "SEARCH_URLS": ""}
    assert _production_setting(f"{backend}['URLS']", **env) == "['http://localhost:9200']"
