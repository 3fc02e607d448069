"""Every environment variable the settings read is documented for a newcomer."""

import re
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
