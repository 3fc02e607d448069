from django.core.paginator import Paginator
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from wellbeing.forms import ResourceFilterForm
from wellbeing.models import Resource

from .hubs import ForceHubPage

RESOURCES_PER_PAGE = 20


def search_resources(resources, query: str):
    """`resources` that match `query` in Wagtail search, best match first."""
    ranked = [resource.pk for resource in Resource.objects.search(query)[:200]]
    by_rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ranked)))
    return resources.filter(pk__in=ranked).order_by(by_rank) if ranked else resources.none()


class ResourceLibraryPage(Page):
    """The wellbeing resources, filtered by topic and kind with plain links and forms (no script).
    Under the national home it lists the national resources; under a force hub, the national ones
    and that force's own."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + ["intro"]

    parent_page_types = ["home.HomePage", "home.ForceHubPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The national home or a force hub: either says which resources and contacts to show.
        owner = self.get_parent().specific
        form = ResourceFilterForm(request.GET)
        filters = form.filters()
        resources = owner.get_resources()
        resources = resources.filtered(topic=filters["topic"], kind=filters["kind"]).for_display()
        if filters["q"]:
            resources = search_resources(resources, filters["q"])
        context.update(
            hub=owner if isinstance(owner, ForceHubPage) else None,
            filter_form=form,
            is_filtered=any(filters.values()),
            resources=Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page")),
            support=owner.get_support(),
        )
        return context
