import datetime
import uuid

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection

from home.models import (
    CaseStudyPage,
    ForceHubPage,
    HomePage,
    Nation,
    ResourceLibraryPage,
    StandardPage,
    Station,
)
from wellbeing.models import (
    EventKind,
    ForceEvent,
    ForceSupportContact,
    NationalEvent,
    NationalSupportContact,
    Resource,
    ResourceKind,
    SupportContactKind,
    Topic,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Response Policing Wellbeing & Recognition Week"
    slug = "home"

    class Meta:
        model = HomePage


class ForceHubPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Test Constabulary {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    nation = Nation.ENGLAND

    class Meta:
        model = ForceHubPage


class StationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Station {n}")
    slug = factory.LazyAttribute(lambda station: slugify(station.name))

    class Meta:
        model = Station


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Privacy notice"
    slug = "privacy"

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()


class MessageFactory(factory.django.DjangoModelFactory):
    """A thank-you as stored; `published=True` makes it approved with a publication time."""

    recipient = factory.Sequence(lambda n: f"PC {1000 + n}")
    body = factory.Sequence(lambda n: f"Thank you for your kindness on the night of the storm, number {n}.")
    from_name = "Sam"

    class Meta:
        model = "recognition.Message"

    class Params:
        published = factory.Trait(
            status="approved",
            decided_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )


class SubmittedMessageFactory(MessageFactory):
    """A pending thank-you as the form stores it, contact details and all, without screening flags
    (for real flags, go through `submit_message`). Pass `force`."""

    email = factory.Sequence(lambda n: f"submitter{n}@example.org")
    client_hash = factory.Sequence(lambda n: f"{n:064x}")
    withdraw_token_hash = factory.Sequence(lambda n: f"{n + 1:064x}")


def _week_day(day: int, hour: int) -> datetime.datetime:
    """A time during the national week of 15-21 March 2027, UK time (GMT then)."""
    return datetime.datetime(2027, 3, 14 + day, hour, tzinfo=datetime.UTC)


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Officer {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    display_name = factory.LazyAttribute(lambda page: page.title)
    role = "Special Constable"
    team = "Welwyn Hatfield Intervention Team"
    pull_quote = "Two days really are never the same."
    story = "<p>I wanted to join the police to give back to the community.</p>"
    consent_recorded_on = datetime.date(2021, 3, 15)

    class Meta:
        model = CaseStudyPage


class ResourceLibraryPageFactory(wagtail_factories.PageFactory):
    title = "Wellbeing resources"
    slug = "resources"
    intro = "<p>Webinars, toolkits and helplines.</p>"

    class Meta:
        model = ResourceLibraryPage


class ForceEventFactory(factory.django.DjangoModelFactory):
    """An event at one of the hub's stations; pass `station=None, online_url=...` for online."""

    kind = EventKind.VAN_VISIT
    title = factory.Sequence(lambda n: f"Wellbeing van visit {n}")
    starts_at = factory.LazyFunction(lambda: _week_day(1, 9))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    station = factory.LazyAttribute(lambda event: event.page.stations.first())
    description = "Drop in for a chat about sleep and fatigue."
    booking_details = "No booking needed."

    class Meta:
        model = ForceEvent


class NationalEventFactory(factory.django.DjangoModelFactory):
    kind = EventKind.WEBINAR
    title = factory.Sequence(lambda n: f"Oscar Kilo webinar {n}")
    starts_at = factory.LazyFunction(lambda: _week_day(2, 12))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=1))
    online_url = "https://www.oscarkilo.org.uk/"

    class Meta:
        model = NationalEvent


class ForceSupportContactFactory(factory.django.DjangoModelFactory):
    kind = SupportContactKind.OCCUPATIONAL_HEALTH
    name = "Occupational Health Unit"
    phone = "01632 960101"
    hours = "Monday to Friday, 8am to 6pm"

    class Meta:
        model = ForceSupportContact


class NationalSupportContactFactory(factory.django.DjangoModelFactory):
    kind = SupportContactKind.HELPLINE
    name = "Samaritans"
    phone = "116 123"
    url = "https://www.samaritans.org/"

    class Meta:
        model = NationalSupportContact


class ResourceFactory(factory.django.DjangoModelFactory):
    """A national resource unless given a `force`; `topics=["sleep"]` sets its topics."""

    title = factory.Sequence(lambda n: f"Resilience toolkit {n}")
    summary = "Small, regular things that help after a hard shift."
    kind = ResourceKind.TOOLKIT
    provider = "Oscar Kilo, the National Police Wellbeing Service"
    url = "https://www.oscarkilo.org.uk/"
    force = None

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, slugs, **kwargs):
        if create and slugs:
            Topic.objects.ensure_all()
            self.topics.set(Topic.objects.filter(slug__in=slugs))


def root_collection() -> Collection:
    """The root collection; transactional tests flush the one the migrations made."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=640, height=480, color="navy")


def submit_thanks(force, body, *, recipient="The Hatfield team", from_name="", email="", station=None):
    """A thank-you from the public through the service the form calls, with a fresh form token."""
    from recognition.services import submit_message

    return submit_message(
        force=force,
        station=station,
        recipient=recipient,
        body=body,
        from_name=from_name,
        email=email,
        language="en",
        form_token=uuid.uuid4(),
        client_hash="0" * 64,
    )
