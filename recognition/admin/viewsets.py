from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import ForceRecognitionSettings, Message, ProtectedName
from . import force_views, views
from .dashboard import QueueMenuItem
from .filters import MessageFilterSet
from .forms import EditAndApproveForm, ForceRecognitionSettingsForm, ProtectedNameForm


class ForceScopedViewSet(ModelViewSet):
    """A viewset whose permissions come from the force hub pages (see `policies`), so Django's
    model permissions for it are not offered in the group editor. Its listing, edit, history and
    usage views look objects up among the user's own forces only."""

    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = force_views.ScopedIndexView
    edit_view_class = force_views.ScopedEditView
    history_view_class = force_views.ScopedHistoryView
    usage_view_class = force_views.ScopedUsageView

    def get_permissions_to_register(self):
        return Permission.objects.none()


class MessageViewSet(ForceScopedViewSet):
    model = Message
    name = "recognition_messages"
    url_prefix = "thanks/messages"
    icon = "mail"
    menu_label = _("Moderation queue")
    menu_order = 100
    inspect_view_enabled = True
    index_view_class = views.MessageIndexView
    inspect_view_class = views.ModerateView
    edit_view_class = views.EditAndApproveView
    history_view_class = views.MessageHistoryView
    usage_view_class = views.MessageUsageView
    filterset_class = MessageFilterSet
    list_per_page = 50
    export_filename = "thank-you-messages"
    index_template_name = "recognition/admin/message_index.html"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            moderate_url_name=self.get_url_name("inspect"),
            approve_url_name=self.get_url_name("approve"),
            reject_url_name=self.get_url_name("reject"),
            refer_url_name=self.get_url_name("refer"),
            **kwargs,
        )

    def get_form_class(self, for_update=False):
        return EditAndApproveForm

    @property
    def approve_view(self):
        return self.construct_view(views.ApproveView)

    @property
    def reject_view(self):
        return self.construct_view(views.RejectView)

    @property
    def refer_view(self):
        return self.construct_view(views.ReferView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
            path("reject/<int:pk>/", self.reject_view, name="reject"),
            path("refer/<int:pk>/", self.refer_view, name="refer"),
        ]

    @cached_property
    def menu_item_class(self):
        return QueueMenuItem

    @property
    def url_finder_class(self):
        # Links to a message from elsewhere in the admin (reports, logs) open its moderation page.
        return type(
            "MessageAdminURLFinder", (ModelAdminURLFinder,), {"edit_url_name": self.get_url_name("inspect")}
        )


class ForceRecognitionSettingsViewSet(ForceScopedViewSet):
    model = ForceRecognitionSettings
    name = "recognition_force_settings"
    url_prefix = "thanks/forces"
    icon = "cog"
    menu_label = _("Force settings")
    menu_order = 200
    index_view_class = force_views.ForceSettingsIndexView
    list_display = [
        "force",
        BooleanColumn("auto_publish_unflagged", label=_("Publishes unflagged messages itself")),
        BooleanColumn("paused", label=_("Wall paused")),
        Column("safeguarding_contact", label=_("Safeguarding contact")),
    ]
    search_fields = ["force__title"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return ForceRecognitionSettingsForm


class ProtectedNameViewSet(ForceScopedViewSet):
    model = ProtectedName
    name = "recognition_protected_names"
    url_prefix = "thanks/protected-names"
    icon = "lock"
    menu_label = _("Protected names")
    menu_order = 300
    add_view_class = force_views.ProtectedNameCreateView
    edit_view_class = force_views.ProtectedNameEditView
    delete_view_class = force_views.ScopedDeleteView
    list_display = [
        "name",
        Column("force", label=_("Force"), accessor="force.title", sort_key="force__title"),
    ]
    search_fields = ["name"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return ProtectedNameForm


class RecognitionViewSetGroup(ModelViewSetGroup):
    menu_label = _("Thanks")
    menu_icon = "mail"
    menu_order = 250
    items = (MessageViewSet, ForceRecognitionSettingsViewSet, ProtectedNameViewSet)
