import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from home.models import ForceHubPage, HomePage, Nation, StandardPage, Station


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
