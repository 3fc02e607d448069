import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from tests.factories import (
    ForceEventFactory,
    ForceSupportContactFactory,
    NationalEventFactory,
    ResourceFactory,
    StationFactory,
)
from wellbeing.models import ForceEvent, Resource, ResourceKind, Topic, TopicSlug, tel_href


def test_an_event_cannot_end_before_it_starts(force_hub):
    event = ForceEventFactory.build(page=force_hub, station=force_hub.stations.first())
    event.ends_at = event.starts_at - datetime.timedelta(minutes=1)

    with pytest.raises(ValidationError, match="must end after it starts"):
        event.full_clean()


def test_an_event_cannot_end_when_it_starts(force_hub):
    event = ForceEventFactory.build(page=force_hub, station=force_hub.stations.first())
    event.ends_at = event.starts_at

    with pytest.raises(ValidationError, match="must end after it starts"):
        event.full_clean()


def test_a_force_event_is_at_a_station_or_online(force_hub):
    event = ForceEventFactory.build(page=force_hub, station=None, online_url="")

    with pytest.raises(ValidationError, match="station or give an online link"):
        event.full_clean()


def test_a_national_event_needs_its_online_link(home_page):
    event = NationalEventFactory.build(page=home_page, online_url="")

    with pytest.raises(ValidationError, match="give the link"):
        event.full_clean()


def test_an_event_says_where_it_is(force_hub):
    at_station = ForceEventFactory(page=force_hub)
    online = ForceEventFactory(page=force_hub, station=None, online_url="https://www.oscarkilo.org.uk/")

    assert at_station.place == "Welwyn Garden City"
    assert online.place == "Online"
    assert at_station.ends_same_day


def test_a_hub_refuses_an_event_at_another_forces_station(force_hub, other_force_hub):
    theirs = StationFactory(page=other_force_hub, name="Newport Central")
    force_hub.events = [ForceEventFactory.build(station=theirs)]

    with pytest.raises(ValidationError, match="this force's own stations"):
        force_hub.full_clean()


def test_a_translated_hub_may_keep_its_events_at_the_forces_stations(force_hub):
    ForceEventFactory(page=force_hub)
    welsh = force_hub.copy_for_translation(Locale.objects.get(language_code="cy"), copy_parents=True)

    welsh.full_clean()
    assert welsh.events.get().station.page_id == force_hub.pk


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("01632 960101", "tel:01632960101"),
        ("116 123", "tel:116123"),
        ("+44 1632 960101", "tel:+441632960101"),
    ],
)
def test_a_phone_number_becomes_a_tel_link(phone, href):
    assert tel_href(phone) == href


def test_a_contact_needs_a_phone_number_or_a_web_page(force_hub):
    contact = ForceSupportContactFactory.build(page=force_hub, phone="", url="")

    with pytest.raises(ValidationError, match="phone number, a web page or both"):
        contact.full_clean()


def test_a_phone_number_is_digits_and_spaces(force_hub):
    contact = ForceSupportContactFactory.build(page=force_hub, phone="call 999")

    with pytest.raises(ValidationError, match="digits and spaces"):
        contact.full_clean()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"url": "", "phone": ""}, "link, a document or a phone number"),
        ({"url": "https://www.oscarkilo.org.uk/", "document_id": 1}, "not both"),
    ],
)
def test_a_resource_says_where_to_find_it(db, fields, message):
    resource = ResourceFactory.build(**fields)

    with pytest.raises(ValidationError, match=message):
        resource.full_clean()


def test_the_topics_are_the_fixed_list_in_order(db):
    Topic.objects.ensure_all()
    Topic.objects.ensure_all()

    assert list(Topic.objects.values_list("slug", flat=True)) == TopicSlug.values
    assert str(Topic.objects.get(slug="self-care")) == "Self-care"


def test_a_force_sees_national_resources_and_its_own_only(force_hub, other_force_hub):
    national = ResourceFactory(title="Self-care toolkit")
    ours = ResourceFactory(title="Our wellbeing strategy", force=force_hub)
    ResourceFactory(title="Gwent's wellbeing strategy", force=other_force_hub)

    assert set(Resource.objects.for_force(force_hub.translation_key)) == {national, ours}
    assert list(Resource.objects.national()) == [national]


def test_resources_filter_by_topic_and_kind(db):
    sleep = ResourceFactory(title="Sleep webinar", kind=ResourceKind.WEBINAR_RECORDING, topics=["sleep"])
    ResourceFactory(title="Sleep toolkit", kind=ResourceKind.TOOLKIT, topics=["sleep"])
    ResourceFactory(title="Money guide", kind=ResourceKind.GUIDE, topics=["financial"])

    assert list(Resource.objects.filtered(topic="sleep", kind=ResourceKind.WEBINAR_RECORDING)) == [sleep]
    assert Resource.objects.filtered(topic="sleep").count() == 2
    assert Resource.objects.filtered().count() == 3


def test_a_resource_links_to_its_page_or_its_document(db):
    assert ResourceFactory.build(url="https://www.mind.org.uk/").href == "https://www.mind.org.uk/"
    helpline = ResourceFactory.build(url="", phone="116 123", kind=ResourceKind.HELPLINE)
    assert helpline.href == ""
    assert helpline.tel_href == "tel:116123"


def test_events_keep_their_uid_when_edited(force_hub):
    event = ForceEventFactory(page=force_hub)
    uid = event.uid

    event.title = "Wellbeing van at Hatfield, moved"
    event.save()

    assert ForceEvent.objects.get(pk=event.pk).uid == uid
    assert ForceEventFactory(page=force_hub).uid != uid
