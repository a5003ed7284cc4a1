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
