"""Production refuses unsafe settings, and `check --deploy` is clean when configured."""

import os
import subprocess
import sys

GOOD_KEY = "k" * 20 + "-this-is-a-long-production-secret-key-0123456789"


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    inherited = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    full_env = {k: v for k, v in os.environ.items() if k not in inherited}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "samverkan", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_debug():
    result = _run(
        {
            "SAMVERKAN_MODE": "production",
            "DEBUG": "1",
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "samverkan.example",
        },
        "check",
    )
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = _run(
        {"SAMVERKAN_MODE": "production", "DEBUG": "0", "ALLOWED_HOSTS": "samverkan.example"},
        "check",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_typo_in_a_boolean_stops_the_process():
    result = _run({"DEBUG": "ture"}, "check")
    assert result.returncode != 0
    assert "not a boolean" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _run(
        {
            "SAMVERKAN_MODE": "production",
            "DEBUG": "0",
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "samverkan.example",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_database_url_selects_postgresql():
    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    env = {k: v for k, v in os.environ.items()}
    env.update(
        {
            "DATABASE_URL": "postgres://u@db.example:5432/samverkan",
            "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        }
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "django.db.backends.postgresql"


def test_background_and_storage_settings_are_checked():
    for env, word in (
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND"),
        ({"FILE_STORAGE": "ftp"}, "FILE_STORAGE"),
    ):
        result = _run({"DEBUG": "1", **env}, "check")
        assert result.returncode != 0 and word in result.stderr


def test_the_rq_backend_passes_the_checks():
    result = _run({"DEBUG": "1", "TASKS_BACKEND": "rq"}, "check")
    assert result.returncode == 0, result.stderr
