from django import forms
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .forms import ResourceAdminForm
from .models import Resource
from .permissions import ResourcePermissionPolicy

# Before the viewset registers, or Wagtail falls back to model permissions for resources.
register_permission_policy(Resource, ResourcePermissionPolicy(Resource))


class ResourceViewSet(SnippetViewSet):
    """The resource library in the admin. Each force's editors see and change their own force's
    resources; national ones are the national team's (see `wellbeing.permissions`)."""

    model = Resource
    icon = "doc-full"
    menu_label = _("Wellbeing resources")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "kind", "provider", "force", "updated_at"]
    list_filter = ["kind", "topics"]
    inspect_view_enabled = True

    index_view_class = views.ResourceIndexView
    edit_view_class = views.ResourceEditView
    copy_view_class = views.ResourceCopyView
    delete_view_class = views.ResourceDeleteView
    inspect_view_class = views.ResourceInspectView
    history_view_class = views.ResourceHistoryView
    usage_view_class = views.ResourceUsageView
    chooser_viewset_class = views.ResourceChooserViewSet

    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldPanel("kind"),
                    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("provider"),
                ],
                heading=_("About it"),
            ),
            MultiFieldPanel(["url", "document", "phone"], heading=_("Where to find it")),
            FieldPanel("force", heading=_("Whose resource"), widget=forms.Select),
        ],
        base_form_class=ResourceAdminForm,
    )

    def get_permissions_to_register(self):
        # Page permissions decide, not model permissions: offering these in the group editor
        # would suggest a switch that does nothing.
        return Permission.objects.none()


register_snippet(ResourceViewSet)


@hooks.register("register_admin_urls")
def register_translate_url():
    return [
        path(
            "wellbeing/resource/<int:pk>/translate/<str:language_code>/",
            views.ResourceTranslateView.as_view(),
            name="wellbeing_translate_resource",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def translate_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Resource):
        return
    for locale in views.languages_to_translate_into(snippet, user):
        yield Button(
            _("Translate into %(language)s") % {"language": locale.get_display_name()},
            reverse("wellbeing_translate_resource", args=[quote(snippet.pk), locale.language_code]),
            icon_name="globe",
            priority=100,
        )


@hooks.register("construct_snippet_listing_buttons")
def one_way_to_translate(buttons, snippet, user):
    """wagtail-localize's "Translate" ignores which force a resource belongs to: ours is offered."""
    if isinstance(snippet, Resource):
        localize = reverse(
            "wagtail_localize:submit_snippet_translation", args=["wellbeing", "resource", quote(snippet.pk)]
        )
        buttons[:] = [button for button in buttons if getattr(button, "url", None) != localize]
