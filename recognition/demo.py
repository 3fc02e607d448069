"""Demo thanks for a newcomer's site: a real queue and a real wall.

Messages in every state, with every kind of screening flag, for several forces (`data/demo_messages.json`).
They go through the same services as the public form and the moderators, so their flags are genuine
and every decision is in the audit log, decided by a "demo-moderator" account that cannot log in.
Each message is keyed by a fixed form token, so running this twice adds nothing. Needs the site seeded
first (`home.demo.seed_site`): the forces, their stations and the national team's group.
"""

import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from .models import ForceRecognitionSettings, Message, ProtectedName
from .services import (
    Submission,
    approve_message,
    edit_and_approve_message,
    reject_message,
    submit_message,
    withdraw_message,
)

ForceHubPage = Message._meta.get_field("force").related_model

DEMO_DATA = Path(__file__).resolve().parent / "data" / "demo_messages.json"
NATIONAL_TEAM = "National team"
DEMO_MODERATOR = "demo-moderator"
TOKEN_NAMESPACE = uuid.UUID("5b0c1f5e-7d1a-4a53-9a55-6f2f6a7f1c01")
DECIDED_AFTER = timedelta(minutes=45)


def read_demo_data(path: Path = DEMO_DATA) -> dict:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def demo_form_token(key: str) -> uuid.UUID:
    return uuid.uuid5(TOKEN_NAMESPACE, key)


def _demo_moderator(national_team: Group):
    """The account the demo decisions are made by: in the national team, with no usable password."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_MODERATOR, defaults={"first_name": "Demo", "last_name": "Moderator"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(national_team)
    return user


def _prepare_forces(data: dict) -> dict[str, object]:
    slugs = {spec["force"] for spec in data["messages"]}
    forces = {
        hub.slug: hub for hub in ForceHubPage.objects.filter(slug__in=slugs, locale__language_code="en")
    }
    for slug, names in data["protected_names"].items():
        for name in names:
            ProtectedName.objects.get_or_create(force=forces[slug], name=name)
    for slug in data["auto_publishing_forces"]:
        ForceRecognitionSettings.objects.update_or_create(
            force=forces[slug], defaults={"auto_publish_unflagged": True}
        )
    return forces


def _decide(spec: dict, submission: Submission, moderator) -> None:
    message, outcome = submission.message, spec.get("outcome", "pending")
    if outcome in ("approve", "withdraw"):
        approve_message(message=message, user=moderator)
    elif outcome == "override":
        approve_message(message=message, user=moderator, override_flags=True)
    elif outcome == "reject":
        reject_message(message=message, user=moderator, reason=spec["reason"])
    elif outcome == "edit":
        edit_and_approve_message(
            message=message,
            user=moderator,
            body=spec["redacted"],
            recipient=spec.get("redacted_recipient", message.recipient),
            from_name=message.from_name,
        )
    if outcome == "withdraw":
        withdraw_message(token=submission.withdraw_token)


def _backdate(message: Message, spec: dict, now: datetime) -> None:
    """Spread the demo over the last few days, as a real queue would be."""
    received = now - timedelta(hours=spec.get("hours_ago", 2))
    message.refresh_from_db()
    changes = {"created_at": received}
    for field in ("decided_at", "published_at", "withdrawn_at"):
        if getattr(message, field):
            changes[field] = received + DECIDED_AFTER
    if spec.get("email"):
        changes["email"] = spec["email"]
    Message.objects.filter(pk=message.pk).update(**changes)


def _submit(spec: dict, force) -> Submission:
    station = force.stations.filter(slug=spec["station"]).first() if spec.get("station") else None
    return submit_message(
        force=force,
        station=station,
        recipient=spec["recipient"],
        body=spec["body"],
        from_name=spec.get("from_name", ""),
        email="",  # given afterwards: no receipts go out for demo messages
        language=spec.get("language", "en"),
        form_token=demo_form_token(spec["key"]),
        client_hash=uuid.uuid5(TOKEN_NAMESPACE, f"client-{spec['key']}").hex * 2,
    )


def seed_messages(*, national_team_name: str = NATIONAL_TEAM) -> int:
    """Add the demo messages that are not there yet, and let the national team edit the national
    wall settings. Returns how many messages were added."""
    data = read_demo_data()
    national_team = Group.objects.get(name=national_team_name)
    national_team.permissions.add(
        Permission.objects.get(content_type__app_label="recognition", codename="change_nationalwallsettings")
    )
    now = timezone.now()
    added = 0
    with transaction.atomic():
        moderator = _demo_moderator(national_team)
        forces = _prepare_forces(data)
        for spec in data["messages"]:
            submission = _submit(spec, forces[spec["force"]])
            if submission.created:
                _decide(spec, submission, moderator)
                _backdate(submission.message, spec, now)
                added += 1
    return added
