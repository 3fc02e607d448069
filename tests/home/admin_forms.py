"""Complete, valid page-editor posts, as Wagtail's admin sends them, for the tests to vary."""

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def event_row(event) -> dict:
    return {
        "id": event.pk or "",
        "kind": event.kind,
        "title": event.title,
        "starts_at": _local(event.starts_at),
        "ends_at": _local(event.ends_at),
        "station": event.station_id or "",
        "online_url": event.online_url,
        "description": event.description,
        "booking_details": event.booking_details,
    }


def hub_form(hub, *, events=None, action="action-publish", **changes) -> dict:
    """The hub's editor form with its current values; `events` (rows) replace its events, and
    `changes` its fields."""
    stations = [{"id": s.pk, "name": s.name, "slug": s.slug} for s in hub.stations.all()]
    current = [event_row(event) for event in hub.events.all()]
    contacts = [
        {
            "id": c.pk,
            "kind": c.kind,
            "name": c.name,
            "phone": c.phone,
            "hours": c.hours,
            "url": c.url,
            "notes": c.notes,
        }
        for c in hub.support_contacts.all()
    ]
    data = {
        "title": hub.title,
        "slug": hub.slug,
        "name_cy": hub.name_cy,
        "nation": hub.nation,
        "intro": rich_text(""),
        "body": streamfield([]),
        "week_starts": "2027-03-15",
        "week_ends": "2027-03-21",
        "logo": "",
        "logo_alt_text": "",
        "accent_colour": hub.accent_colour,
        "events": inline_formset(current if events is None else events, initial=len(current)),
        "support_contacts": inline_formset(contacts, initial=len(contacts)),
        "stations": inline_formset(stations, initial=len(stations)),
        "comments": inline_formset([]),
        action: action,
    }
    data.update(changes)
    return nested_form_data(data)


def case_study_form(*, title="Special Constable Daniel Cook", consent="", action="action-publish") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "special-constable-daniel-cook",
            "display_name": title,
            "role": "Special Constable",
            "team": "Welwyn Hatfield Intervention Team",
            "photo": "",
            "photo_alt_text": "",
            "pull_quote": "That is an incredibly rewarding feeling.",
            "story": rich_text("<p>I wanted to join the police to give back to the community.</p>"),
            "consent_recorded_on": consent,
            "comments": inline_formset([]),
            action: action,
        }
    )
