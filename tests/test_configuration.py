"""Every environment variable the settings read is documented for a newcomer."""

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
READS = re.compile(r'(?:os\.environ\.get|env_int|env_list)\(\s*"([A-Z][A-Z0-9_]+)"')


def _variables_read() -> set[str]:
    return {
        name
        for path in (PROJECT_DIR / "cms" / "settings").glob("*.py")
        for name in READS.findall(path.read_text())
    }


def test_the_settings_read_their_configuration_from_the_environment():
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TRUSTED_PROXY_COUNT"} <= _variables_read()


def test_every_variable_is_in_the_readme_and_env_example():
    readme = (PROJECT_DIR / "README.md").read_text()
    example = (PROJECT_DIR / ".env.example").read_text()

    assert sorted(name for name in _variables_read() if f"`{name}`" not in readme) == []
    assert sorted(name for name in _variables_read() if not re.search(rf"^{name}=", example, re.M)) == []


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter with exactly the given configuration."""
    names = ("SECRET_KEY", "SECRET_KEY_FALLBACKS", "ALLOWED_HOSTS", "REDIS_URL", "DATABASE_URL")
    clean = {key: value for key, value in os.environ.items() if key not in names}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", f"import {module} as s; print(s.SECRET_KEY_FALLBACKS)"],
        cwd=PROJECT_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 50,
    "ALLOWED_HOSTS": "example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def test_production_refuses_to_start_without_a_shared_cache():
    without_redis = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}

    failed = _import_settings("cms.settings.production", **without_redis)

    assert failed.returncode != 0
    assert "ImproperlyConfigured: REDIS_URL must be set in production" in failed.stderr
    assert _import_settings("cms.settings.production", **PRODUCTION_ENV).returncode == 0


def test_old_secret_keys_are_read_from_the_environment_for_a_rotation():
    imported = _import_settings(
        "cms.settings.production", **PRODUCTION_ENV, SECRET_KEY_FALLBACKS=f"{'a' * 50}, {'b' * 50}"
    )

    assert imported.returncode == 0, imported.stderr[-2000:]
    assert imported.stdout.strip() == str(["a" * 50, "b" * 50])
