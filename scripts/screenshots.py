"""Screenshots of every public page and every admin screen, to look the site over: `make screenshots`.

Builds a throwaway demo site in var/screenshots/site/ (its own SQLite database, media and secret
key: var/db.sqlite3 is never touched): migrated and seeded with the demo, then kept as
var/screenshots/.seeded/ and copied from there while the code, migrations and demo data it was made
from are unchanged (`--fresh` rebuilds it anyway). Adds three admin users (a Hertfordshire editor, a
Hertfordshire moderator and a member of the national team), serves the site with `manage.py
runserver` on a free 127.0.0.1 port and drives Debian's Chromium with Playwright:

- a visitor sends a message of thanks through the real form on a phone (proof of work included),
  for the receipt and withdraw pages;
- each admin user signs in through the real login form: the editor with a password, the moderator
  setting up two-step verification (the key read off the enrolment page, the code computed as an
  authenticator app would), the national team typing a code from its authenticator;
- then a few browsers take every page of `public_shots()` and `admin_shots()` in parallel, as
  those users, at 360, 1280 and 1920 px wide, whole (admin pages scroll inside their own column:
  the window is made as tall as that column), and the station screen at TV sizes.

Pictures go to var/screenshots/<user>/<page>-<size>.png; var/screenshots/index.html lists them by
user and page with the address, and what looked wrong in the browser (another status than
expected, the login page instead, content wider than the window). Needs no network. Exits 1 when a
page answered other than expected.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import os
import queue
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "screenshots"
SITE = OUT / "site"
SEEDED = OUT / ".seeded"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As tests/browser/conftest.py launches it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (360, 1280, 1920)
HEIGHT = {360: 740, 1280: 800, 1920: 1080}
PAGE_SIZES = tuple((width, HEIGHT[width]) for width in WIDTHS)
SCREEN_SIZES = ((1920, 1080), (1280, 720), (1080, 1920))
# Chromium cannot paint a taller picture in one piece.
MAX_HEIGHT = 16_000
FORCE = "hertfordshire"
STATION = "hatfield"
WELSH_FORCE = "gwent"
# Demo messages (recognition/data/demo_messages.json) worth showing a moderator: flagged words
# marked, and a safeguarding disclosure with its Refer button.
FLAGGED_MESSAGE = "herts-phone"
DISCLOSURE = "herts-safeguarding"
# What the seeded database is made from: the migrations, the demo's code and data, and what the
# demo's messages pass through (screening, the services). A change to any of these makes it again;
# views, templates, styles and scripts are read by the server at each run and need no new database.
SEED_INPUTS = (
    "*/migrations/*.py",
    "home/demo*.py",
    "home/data/**/*",
    "home/management/commands/seed_demo.py",
    "recognition/demo.py",
    "recognition/data/**/*",
    "recognition/screening/**/*",
    "recognition/services/**/*",
    "requirements.lock",
)
SEED_MAX_AGE_HOURS = 12


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    username: str = ""
    # "": a password only; "device": an authenticator already set up; "enrol": sets one up.
    two_factor: str = ""


PUBLIC = Role("public", "Public (not signed in)")
EDITOR = Role("force-editor", "Force editor (Hertfordshire)", "shots-editor")
MODERATOR = Role("force-moderator", "Force moderator (Hertfordshire)", "shots-moderator", "enrol")
NATIONAL = Role("national-team", "National team", "shots-national", "device")
ROLES = (PUBLIC, EDITOR, MODERATOR, NATIONAL)
ADMIN_ROLES = (EDITOR, MODERATOR, NATIONAL)


@dataclass(frozen=True)
class Shot:
    """One page as one user sees it, at each of `sizes`. With `tabs`, each tab of Wagtail's
    editor found on the page is clicked and taken too."""

    role: str
    key: str
    title: str
    path: str
    expect: int = 200
    tabs: bool = False
    sizes: tuple[tuple[int, int], ...] = PAGE_SIZES
    full_page: bool = True


@dataclass
class Result:
    role: str
    key: str
    title: str
    path: str
    files: dict[str, str] = field(default_factory=dict)  # "360" or "1920x1080": path under OUT
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


# The page list: what each user looks at. Reads the database (Django must be set up).


def _pages() -> dict:
    """The pages the shots need, looked up by slug and type (in the demo, or a test's site)."""
    from home.models import CaseStudyPage, ForceHubPage, HomePage, ResourceLibraryPage

    home = HomePage.objects.live().get(locale__language_code="en")
    hub = ForceHubPage.objects.live().get(slug=FORCE, locale__language_code="en")
    welsh_hubs = ForceHubPage.objects.live().filter(locale__language_code="cy")
    libraries = ResourceLibraryPage.objects.live().filter(locale__language_code="en")
    return {
        "home": home,
        "home_cy": HomePage.objects.live().filter(locale__language_code="cy").first(),
        "hub": hub,
        "hub_cy": welsh_hubs.filter(slug=WELSH_FORCE).first() or welsh_hubs.order_by("path").first(),
        "library": libraries.child_of(home).first() or libraries.order_by("path").first(),
        "case_study": CaseStudyPage.objects.live().descendant_of(hub).order_by("path").first(),
    }


def _waiting_message(hub, demo_key: str, *, safeguarding: bool = False):
    """The demo message `demo_key` while it waits, else a waiting one of the force (flagged first)."""
    from recognition.demo import demo_form_token
    from recognition.models import Message, MessageStatus

    waiting = Message.objects.filter(force=hub, status=MessageStatus.PENDING).order_by("created_at")
    found = waiting.filter(form_token=demo_form_token(demo_key)).first()
    if found is None and safeguarding:
        found = next((m for m in waiting if any(f.get("kind") == "safeguarding" for f in m.flags)), None)
    return found or waiting.exclude(flags=[]).first() or waiting.first()


def public_shots(*, receipt_path: str = "", withdraw_path: str = "") -> list[Shot]:
    """What a visitor sees. The receipt and withdraw pages need a message's private token, so they
    are listed only when their addresses are given (the script sends a message through the form)."""
    pages = _pages()
    hub, welsh_hub, library, case_study = pages["hub"], pages["hub_cy"], pages["library"], pages["case_study"]
    station = hub.stations.filter(slug=STATION).first() or hub.stations.order_by("pk").first()
    role = PUBLIC.key
    shots = [
        Shot(role, "home", "National home", pages["home"].get_url()),
        Shot(role, "home-cy", "National home in Welsh", pages["home_cy"].get_url()),
        Shot(role, "hub", f"Force hub: {hub.title}", hub.get_url()),
        Shot(role, "hub-cy", f"Force hub in Welsh: {welsh_hub.title}", welsh_hub.get_url()),
        Shot(role, "thanks-form", "Thanks form", f"/thanks/new/?force={hub.slug}"),
        Shot(role, "thanks-form-cy", "Thanks form in Welsh", "/cy/thanks/new/"),
    ]
    if receipt_path:
        shots.append(Shot(role, "receipt", "Receipt, after sending a message", receipt_path))
    if withdraw_path:
        shots.append(Shot(role, "withdraw", "Withdraw a message (the receipt's private link)", withdraw_path))
    shots += [
        Shot(role, "wall", "Wall of thanks", "/thanks/"),
        Shot(role, "wall-force", f"Wall of thanks: {hub.title}", f"/thanks/{hub.slug}/"),
        Shot(role, "privacy", "Privacy notice", "/thanks/privacy/"),
        Shot(role, "resources", f"Resources library: {library.title}", library.get_url()),
        Shot(role, "case-study", f"Case study: {case_study.title}", case_study.get_url()),
    ]
    if station is not None:
        path = f"/screens/{hub.slug}/{station.slug}/"
        title = f"Station screen: {station.name}"
        shots.append(Shot(role, "screen", title, path, sizes=SCREEN_SIZES, full_page=False))
    return shots


def admin_shots() -> list[Shot]:
    """What each admin user sees: the editor and the moderator their force's screens, the national
    team what only it has or what differs for it (every force's rows, the national home)."""
    from django.urls import reverse

    from recognition.models import ForceRecognitionSettings, ProtectedName

    pages = _pages()
    hub, home = pages["hub"], pages["home"]
    flagged = _waiting_message(hub, FLAGGED_MESSAGE)
    disclosure = _waiting_message(hub, DISCLOSURE, safeguarding=True)
    # The settings listing makes a force's row the first time it lists it; so does this.
    force_settings, _ = ForceRecognitionSettings.objects.get_or_create(force=hub)
    protected = ProtectedName.objects.filter(force=hub).order_by("pk").first()

    def dashboard_and_queue(role: str) -> list[Shot]:
        return [
            Shot(role, "dashboard", "Dashboard", reverse("wagtailadmin_home")),
            Shot(role, "queue", "Moderation queue", reverse("recognition_messages:index")),
        ]

    def moderating(role: str) -> list[Shot]:
        shots = []
        if flagged is not None:
            shots += [
                Shot(
                    role,
                    "moderate",
                    "Moderate a message",
                    reverse("recognition_messages:inspect", args=[flagged.pk]),
                ),
                Shot(
                    role,
                    "edit-and-approve",
                    "Edit and approve",
                    reverse("recognition_messages:edit", args=[flagged.pk]),
                ),
                Shot(
                    role,
                    "message-history",
                    "A message's history",
                    reverse("recognition_messages:history", args=[flagged.pk]),
                ),
            ]
        if disclosure is not None and disclosure != flagged:
            path = reverse("recognition_messages:inspect", args=[disclosure.pk])
            shots.append(
                Shot(role, "moderate-disclosure", "Moderate a safeguarding disclosure (Refer)", path)
            )
        return shots

    def force_settings_and_names(role: str) -> list[Shot]:
        shots = [
            Shot(role, "force-settings", "Force settings", reverse("recognition_force_settings:index")),
            Shot(
                role,
                "force-settings-edit",
                f"Force settings: {hub.title}",
                reverse("recognition_force_settings:edit", args=[force_settings.pk]),
            ),
            Shot(role, "protected-names", "Protected names", reverse("recognition_protected_names:index")),
            Shot(
                role, "protected-name-add", "Add a protected name", reverse("recognition_protected_names:add")
            ),
        ]
        if protected is not None:
            path = reverse("recognition_protected_names:edit", args=[protected.pk])
            shots.append(Shot(role, "protected-name-edit", "Edit a protected name", path))
        return shots

    def pages_explorer(role: str) -> list[Shot]:
        return [
            Shot(role, "pages", "Pages explorer", reverse("wagtailadmin_explore_root")),
            Shot(
                role, "pages-hub", f"Pages under {hub.title}", reverse("wagtailadmin_explore", args=[hub.pk])
            ),
        ]

    def resources(role: str) -> list[Shot]:
        return [
            Shot(role, "resources", "Wellbeing resources", reverse("wagtailsnippets_wellbeing_resource:list"))
        ]

    def account(role: str) -> list[Shot]:
        return [Shot(role, "two-step", "Two-step verification", reverse("adminauth_manage"))]

    editor, moderator, national = EDITOR.key, MODERATOR.key, NATIONAL.key
    edit_hub = reverse("wagtailadmin_pages:edit", args=[hub.pk])
    edit_home = reverse("wagtailadmin_pages:edit", args=[home.pk])
    return [
        *dashboard_and_queue(editor),
        *moderating(editor),
        *force_settings_and_names(editor),
        *pages_explorer(editor),
        Shot(editor, "hub-edit", f"Edit the hub ({hub.title})", edit_hub, tabs=True),
        *resources(editor),
        Shot(
            editor,
            "resource-add",
            "Add a wellbeing resource",
            reverse("wagtailsnippets_wellbeing_resource:add"),
        ),
        Shot(editor, "images", "Images", reverse("wagtailimages:index")),
        Shot(editor, "documents", "Documents", reverse("wagtaildocs:index")),
        *account(editor),
        *dashboard_and_queue(moderator),
        *moderating(moderator),
        *force_settings_and_names(moderator),
        *account(moderator),
        *dashboard_and_queue(national),
        Shot(national, "force-settings", "Force settings", reverse("recognition_force_settings:index")),
        Shot(
            national,
            "national-wall-settings",
            "National wall settings",
            reverse("wagtailsettings:edit", args=["recognition", "nationalwallsettings"]),
        ),
        *pages_explorer(national),
        Shot(national, "home-edit", "Edit the national home", edit_home, tabs=True),
        *resources(national),
        *account(national),
    ]


def ensure_users(password: str) -> dict[str, bytes]:
    """The three admin users, in the demo's groups for Hertfordshire and the national team. The
    national team's member gets a confirmed authenticator; its key is returned, to make codes."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from home.demo import NATIONAL_TEAM
    from home.models import ForceHubPage

    hub = ForceHubPage.objects.get(slug=FORCE, locale__language_code="en")
    groups = {
        EDITOR.key: f"{hub.title} editors",
        MODERATOR.key: f"{hub.title} moderators",
        NATIONAL.key: NATIONAL_TEAM,
    }
    keys = {}
    for role in ADMIN_ROLES:
        user, _ = get_user_model().objects.update_or_create(
            username=role.username,
            defaults={"email": f"{role.username}@example.invalid", "first_name": role.label.split(" (")[0]},
        )
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=groups[role.key])])
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if role.two_factor == "device":
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
            keys[role.key] = device.bin_key
    return keys


def totp_code(key: bytes) -> str:
    """The code an authenticator app shows now (django-otp's defaults: 30 s steps, 6 digits)."""
    from django_otp.oath import totp

    return f"{totp(key):06d}"


# The site: its own database and files, migrated, seeded, served.


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure_environment(port: int) -> dict[str, str]:
    """This process's and the server's environment: the throwaway site's database and files, the
    local-memory cache, tasks run at once, mail to the console."""
    for name in ("REDIS_URL", "TASKS_BACKEND", "EMAIL_BACKEND", "ALLOWED_HOSTS", "STATIC_ROOT", "MEDIA_ROOT"):
        os.environ.pop(name, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        VAR_DIR=str(SITE),
        DATABASE_URL=f"sqlite:///{SITE / 'db.sqlite3'}",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    return dict(os.environ)


def seed_key() -> str:
    digest = hashlib.sha256()
    files = {path for pattern in SEED_INPUTS for path in ROOT.glob(pattern) if path.is_file()}
    for path in sorted(files):
        if "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def prepare_site(*, fresh: bool) -> bool:
    """SITE as last seeded when that still holds, else migrated and seeded anew (and kept). Returns
    whether it was made anew. Django is set up afterwards either way."""
    import django

    key = seed_key()
    stamp = SEEDED / "key"
    reusable = (
        not fresh
        and stamp.exists()
        and stamp.read_text() == key
        and time.time() - stamp.stat().st_mtime < SEED_MAX_AGE_HOURS * 3600
    )
    if reusable:
        shutil.copytree(SEEDED, SITE)
        (SITE / "key").unlink()
        django.setup()
        return False
    shutil.rmtree(SEEDED, ignore_errors=True)
    SITE.mkdir(parents=True)
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)
    connections.close_all()
    shutil.copytree(SITE, SEEDED)
    stamp.write_text(key)
    return True


class Server:
    """`manage.py runserver` in its own process group, stopped (whatever happens) by `stop()`."""

    def __init__(self, env: dict[str, str], port: int, log: Path):
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"runserver stopped (exit {self.process.returncode}): see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.base}/healthz did not answer 200 in {timeout:.0f} s: see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


# The browser.

# How tall the page really is: the document, or the admin's own scrolling column (Wagtail's
# admin scrolls inside an element, so a "full page" picture of the document shows one screen).
CONTENT_HEIGHT = """() => {
  let height = document.documentElement.scrollHeight;
  let inner = false;
  for (const element of document.querySelectorAll("body *")) {
    if (element.clientHeight < 200 || element.scrollHeight <= element.clientHeight + 1) continue;
    if (!/(auto|scroll)/.test(getComputedStyle(element).overflowY)) continue;
    const below = element.scrollHeight - element.clientHeight;
    if (document.documentElement.clientHeight + below > height) {
      height = document.documentElement.clientHeight + below;
      inner = true;
    }
  }
  return {height: Math.ceil(height), inner};
}"""
# Fonts loaded, and what moves (Wagtail's sidebar sliding open, a screen's card fading in) put at
# its end, as Playwright's own screenshots do with animations="disabled": an animation that ends is
# finished, one that never ends is cancelled. Twice, for what the first frames start.
SETTLE = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const stop = () => document.getAnimations().forEach(animation => {
    const timing = animation.effect && animation.effect.getComputedTiming();
    if (timing && Number.isFinite(timing.endTime)) animation.finish(); else animation.cancel();
  });
  await document.fonts.ready;
  await frame();
  stop();
  await frame();
  stop();
  await frame();
}"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# What sticks out past the window's right edge and is not inside something meant to scroll
# sideways (a wide table's scroller): cut off by a box that hides overflow, or widening the page.
# The outermost few, described for the index.
STICKING_OUT = """() => {
  // Wagtail's, half out of sight by design: the collapsed minimap, comment buttons in the gutter.
  const IGNORED = ".w-minimap, .w-field__comment-button";
  const limit = document.documentElement.clientWidth + 1;
  const inScroller = element => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const sideways = getComputedStyle(box).overflowX;
      if (sideways === "auto" || sideways === "scroll") return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    // Off-canvas altogether (a collapsed panel waiting to slide in) is hidden, not cut off.
    if (box.width < 2 || box.height < 2 || box.right <= limit || box.left >= limit - 1) continue;
    if (element.closest(IGNORED)) continue;
    if (found.some(outer => outer.contains(element))) continue;
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.position === "fixed" || inScroller(element)) continue;
    found.push(element);
  }
  return found.slice(0, 4).map(element => {
    const name = [element.tagName.toLowerCase(), ...[...element.classList].slice(0, 2)].join(".");
    const words = element.getAttribute("aria-label") || element.textContent || "";
    const text = words.trim().replace(/\\s+/g, " ");
    const by = Math.round(element.getBoundingClientRect().right - limit + 1);
    return `${name}${text ? ` "${text.slice(0, 40)}"` : ""} by ${by} px`;
  });
}"""
TABS = """() => [...document.querySelectorAll('[role="tab"]')]
  .filter(tab => tab.offsetParent !== null && tab.id)
  .map(tab => {
    const label = tab.cloneNode(true);
    label.querySelectorAll(".w-tabs__errors").forEach(count => count.remove());  // "(2)" errors
    return {id: tab.id, label: label.textContent.trim().replace(/\\s+/g, " ")};
  })"""


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class Camera:
    """Takes shots in one page and notes what looks wrong: another status than expected, the
    login page instead, content wider than the window."""

    def __init__(self, base: str):
        self.base = base

    def take(self, page, shot: Shot, *, navigate: bool = True) -> list[Result]:
        """`shot` at each of its sizes (with navigate=False, the page as it is, resized): one
        Result, or one per tab."""
        results: dict[str, Result] = {}
        started = time.monotonic()

        def result_for(key: str, title: str) -> Result:
            if key not in results:
                results[key] = Result(shot.role, key, title, shot.path)
            return results[key]

        for width, height in shot.sizes:
            page.set_viewport_size({"width": width, "height": height})
            problems = []
            if navigate:
                answer = page.goto(self.base + shot.path, wait_until="load")
                status = answer.status if answer else 0
                if status != shot.expect:
                    problems.append(f"answered {status} at {width} px, expected {shot.expect}")
                ended = urllib.parse.urlsplit(page.url).path
                if ended in ("/admin/", "/admin/login/") and ended != urllib.parse.urlsplit(shot.path).path:
                    problems.append(f"ended on {ended} instead (not signed in, or not allowed) at {width} px")
            tabs = page.evaluate(TABS) if shot.tabs else []
            if shot.tabs and not tabs:
                problems.append(f"no tabs found at {width} px")
            for tab in tabs or [None]:
                if tab is None:
                    result = result_for(shot.key, shot.title)
                else:
                    page.locator(f'[id="{tab["id"]}"]').click()
                    label = tab["label"]
                    result = result_for(f"{shot.key}-{_slug(label)}", f"{shot.title}: {label} tab")
                result.problems += problems
                self._snap(page, shot, result, width, height)
        taken = list(results.values())
        for result in taken:
            result.seconds = (time.monotonic() - started) / len(taken)
        return taken

    def _snap(self, page, shot: Shot, result: Result, width: int, height: int) -> None:
        page.evaluate(SETTLE)
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            result.problems.append(f"{overflow} px wider than the window at {width} px")
        sticking_out = page.evaluate(STICKING_OUT)
        if sticking_out:
            result.problems.append(f"past the right edge at {width} px: " + "; ".join(sticking_out))
        label = str(width) if shot.sizes == PAGE_SIZES else f"{width}x{height}"
        name = f"{shot.role}/{result.key}-{label}.png"
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        content = page.evaluate(CONTENT_HEIGHT) if shot.full_page else {"inner": False}
        if content["inner"]:
            # Make the window as tall as the scrolling column, take the window, put it back.
            page.set_viewport_size({"width": width, "height": min(content["height"], MAX_HEIGHT)})
            page.evaluate(SETTLE)
            capture(page, target, full_page=False)
            page.set_viewport_size({"width": width, "height": height})
        else:
            capture(page, target, full_page=shot.full_page)
        result.files[label] = name


def capture(page, target: Path, *, full_page: bool) -> None:
    """A PNG of the window, or of the whole document, through the DevTools protocol: as Playwright's
    own screenshot does, but asking Chromium to favour speed over compression (a third faster)."""
    devtools = getattr(page, "_screenshots_devtools", None)
    if devtools is None:
        devtools = page.context.new_cdp_session(page)
        page._screenshots_devtools = devtools
    params = {"format": "png", "optimizeForSpeed": True}
    if full_page:
        size = devtools.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], MAX_HEIGHT), "scale": 1}
        params.update(captureBeyondViewport=True, clip=clip)
    target.write_bytes(base64.b64decode(devtools.send("Page.captureScreenshot", params)["data"]))


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def send_thanks(page, base: str) -> tuple[str, str]:
    """Sends a message through the real form on a phone, as a visitor would: the proof of work
    runs, the minimum fill time passes. Returns the receipt's and the withdraw link's paths."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{base}/thanks/new/?force={FORCE}&station={STATION}")
    loaded = time.monotonic()
    page.get_by_label("Who would you like to thank?").fill("The officers who came to Oak Road")
    page.get_by_label("Your message").fill(
        "Thank you for getting to my mum so quickly on Saturday night. You were calm and kind."
    )
    page.get_by_label("How would you like to sign it? (optional)").fill("Priya")
    page.get_by_label("I agree that my message").check()
    page.locator('altcha-widget .altcha[data-state="verified"]').wait_for(timeout=90_000)
    time.sleep(max(0.0, 3.5 - (time.monotonic() - loaded)))  # RECOGNITION_MIN_FILL_SECONDS is 3
    with page.expect_navigation():
        page.get_by_role("button", name="Send your thanks").click()
    if "/thanks/received/" not in page.url:
        raise RuntimeError(f"sending the form ended on {page.url}, not on a receipt")
    withdraw = page.get_by_role("link", name="Withdraw my message").get_attribute("href")
    return page.url.removeprefix(base), withdraw.removeprefix(base)


def sign_in(page, camera: Camera, role: Role, password: str, keys: dict[str, bytes]) -> list[Result]:
    """Through the real login form, then the second step the role asks for. The screens on the way
    are shots of their own: the login page (the editor's), enrolment and recovery codes (the
    moderator's, on first sign-in), the code page (the national team's)."""
    base, results = camera.base, []
    login = Shot(role.key, "sign-in", "Sign in", "/admin/login/?next=/admin/")
    if role is EDITOR:
        results += camera.take(page, login)
    else:
        page.goto(base + login.path)
    page.get_by_label("Username").fill(role.username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    path = page.url.removeprefix(base)
    if role.two_factor == "enrol":
        if "/two-factor/enrol/" not in path:
            raise RuntimeError(f"{role.username} was not sent to set up two-step verification: {page.url}")
        results += camera.take(page, Shot(role.key, "two-step-enrol", "Set up two-step verification", path))
        key = page.locator("p:has-text('type this key') code").inner_text()
        page.get_by_label("Code from the app").fill(totp_code(base64.b32decode(key.replace(" ", ""))))
        with page.expect_navigation():
            page.get_by_role("button", name="Turn on").click()
        codes = Shot(role.key, "recovery-codes", "Recovery codes (shown once)", page.url.removeprefix(base))
        results += camera.take(page, codes, navigate=False)
        with page.expect_navigation():
            page.get_by_role("link", name="I have saved them: continue").click()
    elif role.two_factor == "device":
        if "/two-factor/verify/" not in path:
            raise RuntimeError(f"{role.username} was not asked for a code: {page.url}")
        results += camera.take(page, Shot(role.key, "two-step-code", "Enter your code", path))
        page.get_by_label("Code").fill(totp_code(keys[role.key]))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    if page.url.removeprefix(base).split("?")[0] != "/admin/":
        raise RuntimeError(f"{role.username} did not reach the dashboard after signing in: {page.url}")
    return results


def first_steps(
    base: str, password: str, keys: dict[str, bytes]
) -> tuple[list[Result], dict, tuple[str, str]]:
    """In one browser, one after the other: the message through the form, and each admin user's
    sign-in. Returns their shots, each user's signed-in browser state, and the message's paths."""
    from playwright.sync_api import sync_playwright

    camera, results, states = Camera(base), [], {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context()
            message_paths = send_thanks(context.new_page(), base)
            context.close()
            for role in ADMIN_ROLES:
                context = browser.new_context()
                results += sign_in(context.new_page(), camera, role, password, keys)
                states[role.key] = context.storage_state()
                context.close()
        finally:
            browser.close()
    return results, states, message_paths


def take_all(base: str, shots: list[Shot], states: dict, workers: int) -> list[Result]:
    """`shots` shared out among `workers` browsers (threads, each with its own Playwright), each
    holding a context per user signed in with that user's state. Results come back in order."""
    from playwright.sync_api import sync_playwright

    todo: queue.Queue = queue.Queue()
    for index, shot in enumerate(shots):
        todo.put((index, shot))
    done: dict[int, list[Result]] = {}
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                pages, camera = {}, Camera(base)
                try:
                    while True:
                        try:
                            index, shot = todo.get_nowait()
                        except queue.Empty:
                            return
                        if shot.role not in pages:
                            context = browser.new_context(storage_state=states.get(shot.role))
                            pages[shot.role] = context.new_page()
                        done[index] = camera.take(pages[shot.role], shot)
                finally:
                    browser.close()
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [result for index in sorted(done) for result in done[index]]


def withdraw_last(base: str, withdraw_path: str) -> list[Result]:
    """Last, as it changes the message: the withdraw link's answer once used."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.set_viewport_size({"width": 360, "height": 740})
            page.goto(base + withdraw_path)
            with page.expect_navigation():
                page.get_by_role("button", name="Withdraw my message").click()
            shot = Shot(PUBLIC.key, "withdrawn", "Message withdrawn", withdraw_path)
            return Camera(base).take(page, shot, navigate=False)
        finally:
            browser.close()


# The index.

INDEX_STYLE = """
body { font: 16px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #0b0c0c; }
h1 { margin-top: 0; } h2 { border-top: 4px solid #1d70b8; padding-top: .5rem; margin-top: 2.5rem; }
nav a { margin-right: 1rem; }
section.page { margin: 1.25rem 0 2rem; }
section.page h3 { margin: 0 0 .25rem; font-size: 1.1rem; }
.path { font-family: ui-monospace, monospace; font-size: .85rem; color: #505a5f; word-break: break-all; }
.problem { color: #d4351c; font-weight: 600; margin: .25rem 0; }
.shots { display: flex; gap: 1rem; flex-wrap: wrap; align-items: flex-start; margin-top: .5rem; }
figure { margin: 0; }
figure a { display: block; width: 240px; height: 200px; overflow: hidden; border: 1px solid #b1b4b6; }
figure img { display: block; width: 100%; height: auto; }
figure.narrow a { width: 100px; }
figcaption { font-size: .85rem; text-align: center; }
"""


def write_index(results: list[Result], *, seconds: float) -> Path:
    by_role: dict[str, list[Result]] = {}
    for result in results:
        by_role.setdefault(result.role, []).append(result)
    roles = [role for role in ROLES if role.key in by_role]
    with_problems = sum(bool(result.problems) for result in results)
    pictures = sum(len(result.files) for result in results)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Screenshots: Response Policing Week</title>",
        f"<style>{INDEX_STYLE}</style></head><body>",
        "<h1>Screenshots</h1>",
        f"<p>{pictures} screenshots of {len(results)} pages, taken {time.strftime('%Y-%m-%d %H:%M')} in "
        f"{seconds:.0f} s by <code>make screenshots</code>. {with_problems} page(s) with something noted "
        "in red. Each picture opens whole.</p>",
        "<nav>" + "".join(f'<a href="#{r.key}">{html.escape(r.label)}</a>' for r in roles) + "</nav>",
    ]
    for role in roles:
        lines.append(f'<h2 id="{role.key}">{html.escape(role.label)}</h2>')
        for result in by_role[role.key]:
            anchor = f"{result.role}-{result.key}"
            lines.append(f'<section class="page" id="{anchor}">')
            lines.append(f'<h3><a href="#{anchor}">{html.escape(result.title)}</a></h3>')
            lines.append(f'<div class="path">{html.escape(result.path)}</div>')
            lines += [f'<p class="problem">{html.escape(problem)}</p>' for problem in result.problems]
            lines.append('<div class="shots">')
            for label, name in result.files.items():
                narrow = ' class="narrow"' if label in ("360", "1080x1920") else ""
                caption = f"{label} px" if label.isdigit() else label
                alt = html.escape(f"{result.title} at {caption}")
                image = f'<img src="{html.escape(name)}" loading="lazy" alt="{alt}">'
                link = f'<a href="{html.escape(name)}">{image}</a>'
                lines.append(f"<figure{narrow}>{link}<figcaption>{caption}</figcaption></figure>")
            lines.append("</div></section>")
    lines.append("</body></html>")
    index = OUT / "index.html"
    index.write_text("\n".join(lines), encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fresh", action="store_true", help="migrate and seed a new database even if one is kept"
    )
    parser.add_argument("--workers", type=int, default=3, help="browsers taking pictures at once (default 3)")
    options = parser.parse_args(argv)

    started = time.monotonic()
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    # Every run starts afresh: last run's pictures, database and media go (the seeded copy stays).
    for old in OUT.glob("*"):
        if old != SEEDED:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    port = free_port()
    env = configure_environment(port)
    print(f"Preparing the demo site in {SITE.relative_to(ROOT)}/ ...", flush=True)
    made = prepare_site(fresh=options.fresh)
    password = secrets.token_urlsafe(16)
    keys = ensure_users(password)
    from django.db import connections

    connections.close_all()
    how = "migrated and seeded" if made else "copied from the seeded one"
    print(f"  {how}: {time.monotonic() - started:.0f} s", flush=True)
    server = Server(env, port, SITE / "server.log")
    # A SIGTERM (make stopped) still goes through the finally below, which stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        server.wait_until_healthy()
        print(f"Serving it on {server.base}; sending a message and signing in ...", flush=True)
        results, states, (receipt, withdraw) = first_steps(server.base, password, keys)
        shots = public_shots(receipt_path=receipt, withdraw_path=withdraw) + admin_shots()
        connections.close_all()
        print(f"  {time.monotonic() - started:.0f} s; taking {len(shots)} pages ...", flush=True)
        results += take_all(server.base, shots, states, max(1, options.workers))
        results += withdraw_last(server.base, withdraw)
    finally:
        server.stop()
    order = {role.key: number for number, role in enumerate(ROLES)}
    results.sort(key=lambda result: order[result.role])  # stable: each user's pages in their order
    seconds = time.monotonic() - started
    index = write_index(results, seconds=seconds)
    for result in results:
        for problem in result.problems:
            print(f"  ! {result.role}/{result.key} ({result.path}): {problem}")
    slowest = sorted(results, key=lambda result: result.seconds, reverse=True)[:6]
    print("  slowest: " + ", ".join(f"{r.role}/{r.key} {r.seconds:.1f} s" for r in slowest))
    failed = [r for r in results if any(p.startswith(("answered", "ended")) for p in r.problems)]
    print(f"{sum(len(r.files) for r in results)} screenshots of {len(results)} pages in {seconds:.0f} s.")
    print(f"Index: {index}  (file://{index})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
