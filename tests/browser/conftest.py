"""Browser tests: Debian's Chromium, driven by Playwright, against the live test server.

Playwright never downloads a browser here; `make test` installs Debian's `chromium` package when
it is missing (scripts/ensure-chromium).
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from fixtures
# in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium package is missing: run `make browser-deps` (or `make test`).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def axe_violations():
    """Runs axe-core (bundled with axe-playwright-python, injected past the page's CSP) and
    returns a readable report of WCAG 2.2 A/AA violations, empty when there are none."""

    def run(page) -> str:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        return results.generate_report() if results.violations_count else ""

    return run


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


def is_pressable(locator) -> bool:
    """A person can see and press this control: scrolled to, its centre lies inside the viewport
    and the element drawn at that point is the control or inside it (nothing covers it)."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate(
        """element => {
          // An inline element that wraps has a box per line: its first line is where a person taps.
          const box = element.getClientRects()[0] || element.getBoundingClientRect();
          const x = box.left + box.width / 2, y = box.top + box.height / 2;
          if (box.width < 1 || box.height < 1) return false;
          if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
          const hit = document.elementFromPoint(x, y);
          return hit !== null && (hit === element || element.contains(hit));
        }"""
    )
