import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..models import Message, MessageStatus, flagged_with
from ..screening import FLAG_LABELS
from .labels import flag_label
from .policies import moderated_forces

Station = Message._meta.get_field("station").related_model

ANY_FLAG = "any"
NO_FLAG = "none"


def _user_forces(request):
    return moderated_forces(request.user)


def _user_stations(request):
    stations = Station.objects.filter(page__in=moderated_forces(request.user))
    return stations.select_related("page").order_by("page__title", "sort_order", "name")


class StationChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.page.title})"


class StationFilter(django_filters.ModelChoiceFilter):
    field_class = StationChoiceField


def flag_choices() -> list[tuple[str, str]]:
    kinds = [(str(kind), flag_label(kind)) for kind in FLAG_LABELS]
    return [(ANY_FLAG, _("Any flag")), (NO_FLAG, _("No flags")), *kinds]


class MessageFilterSet(WagtailFilterSet):
    """Filters over the messages a user may moderate; a force or station outside their forces is
    not a valid choice, so it filters nothing in."""

    force = django_filters.ModelChoiceFilter(label=_("Force"), queryset=_user_forces)
    station = StationFilter(label=_("Station"), queryset=_user_stations)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MessageStatus.choices, empty_label=_("All"), widget=forms.RadioSelect
    )
    flag = django_filters.ChoiceFilter(label=_("Flag"), choices=flag_choices, method="filter_flag")
    held = django_filters.ChoiceFilter(
        label=_("Held"),
        choices=[("burst", _("One of a burst to the same recipient"))],
        method="filter_held",
    )

    class Meta:
        model = Message
        fields = ["force", "station", "status"]

    def filter_held(self, queryset, name, value):
        return queryset.filter(held_as_burst=True) if value == "burst" else queryset

    def filter_flag(self, queryset, name, value):
        if value == ANY_FLAG:
            return queryset.exclude(flags=[])
        if value == NO_FLAG:
            return queryset.filter(flags=[])
        return queryset.filter(flagged_with(value))
