"""Every admin URL, Wagtail's, wagtail-localize's and the project's, tried by a Hertfordshire editor
and a Hertfordshire moderator against Gwent's objects.

The routes come from the URL resolver, not from memory: `KNOWN_ROUTES` lists every admin route this
test was written against, and the test fails when a route appears that it does not know (a Wagtail
upgrade, a new app), so a new door is looked at before it ships. Each route is asked with GET, with
Gwent's objects in its path and query, and then with POST. Every answer must be free of anything of
Gwent's that is not public (its draft page, its image and document titles, its messages, protected
names, resources, collection, groups and people, all of which carry MARKER), and must not be a 500;
after all of it, Gwent's data is as it was.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site
from wagtail_localize.models import Translation, TranslationSource

from home.demo import ensure_collection, ensure_group, ensure_moderators_group
from home.models import StandardPage
from recognition.models import ForceRecognitionSettings, ProtectedName
from tests.factories import ImageFactory, ResourceFactory, UserFactory, submit_thanks
from wellbeing.models import Resource

MARKER = "Zqxb"


def admin_routes():
    """(route, view module) for every URL pattern under /admin/, as the resolver has them."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.lookup_str

    return sorted({route for route, _view in walk(get_resolver(), "") if route.startswith("admin/")})


# Every admin route there is today. A route missing here fails `test_no_admin_route_is_unknown`:
# read its view, decide how it is scoped, add any values it needs to `concrete_paths`, then add it.
KNOWN_ROUTES = frozenset(
    """
admin/
admin/^.*/$
admin/^localize/api/snippets/[\\w-]+/[\\w-]+/
admin/account/
admin/api/main/^documents/
admin/api/main/^documents/<int:pk>/
admin/api/main/^documents/find/
admin/api/main/^images/
admin/api/main/^images/<int:pk>/
admin/api/main/^images/find/
admin/api/main/^pages/
admin/api/main/^pages/<int:pk>/
admin/api/main/^pages/<int:pk>/action/<str:action_name>/
admin/api/main/^pages/find/
admin/block-preview/
admin/bulk/<str:app_label>/<str:model_name>/<str:action>/
admin/choose-anchor-link/
admin/choose-email-link/
admin/choose-external-link/
admin/choose-page/
admin/choose-page/<int:parent_page_id>/
admin/choose-page/chosen-multiple/
admin/choose-page/search/
admin/choose-phone-link/
admin/collections/
admin/collections/<int:collection_id>/privacy/
admin/collections/<int:pk>/
admin/collections/<int:pk>/delete/
admin/collections/add/
admin/dismissibles/
admin/documents/
admin/documents/add/
admin/documents/chooser/
admin/documents/chooser/chosen-multiple/
admin/documents/chooser/chosen/<str:pk>/
admin/documents/chooser/create/
admin/documents/chooser/results/
admin/documents/delete/<int:document_id>/
admin/documents/edit/<int:document_id>/
admin/documents/multiple/<int:doc_id>/
admin/documents/multiple/<int:doc_id>/delete/
admin/documents/multiple/add/
admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/
admin/documents/multiple/delete_upload/<int:uploaded_file_id>/
admin/documents/results/
admin/documents/usage/<int:document_id>/
admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/
admin/editing-sessions/release/<int:session_id>/
admin/embeds/chooser/
admin/embeds/chooser/upload/
admin/failwhale/
admin/groups/
admin/groups/delete/<int:pk>/
admin/groups/edit/<int:pk>/
admin/groups/history-results/<int:pk>/
admin/groups/history/<int:pk>/
admin/groups/new/
admin/groups/results/
admin/groups/usage/<int:pk>/
admin/images/
admin/images/<int:image_id>/
admin/images/<int:image_id>/delete/
admin/images/<int:image_id>/generate_url/
admin/images/<int:image_id>/generate_url/output/
admin/images/<int:image_id>/preview/<str:filter_spec>/
admin/images/add/
admin/images/chooser/
admin/images/chooser/<int:image_id>/select_format/
admin/images/chooser/chosen-multiple/
admin/images/chooser/chosen/<str:pk>/
admin/images/chooser/create/
admin/images/chooser/results/
admin/images/multiple/<int:image_id>/
admin/images/multiple/<int:image_id>/delete/
admin/images/multiple/add/
admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/
admin/images/multiple/delete_upload/<int:uploaded_file_id>/
admin/images/results/
admin/images/usage/<int:image_id>/
admin/jsi18n/
admin/locales/
admin/locales/copy/<int:pk>/
admin/locales/delete/<int:pk>/
admin/locales/edit/<int:pk>/
admin/locales/history-results/<int:pk>/
admin/locales/history/<int:pk>/
admin/locales/new/
admin/locales/results/
admin/locales/usage/<int:pk>/
admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/
admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/
admin/localize/api/snippets/wellbeing/resource/
admin/localize/api/snippets/wellbeing/resource/<str:pk>/
admin/localize/jsi18n/
admin/localize/page/<int:page_id>/convert_to_alias/
admin/localize/reports/translations/
admin/localize/reports/translations/results/
admin/localize/submit/page/<int:page_id>/
admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/
admin/localize/translate/<int:translation_id>/disable/
admin/localize/translate/<int:translation_id>/machine_translate/
admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/
admin/localize/translate/<int:translation_id>/pofile/download/
admin/localize/translate/<int:translation_id>/pofile/upload/
admin/localize/translate/<int:translation_id>/preview/
admin/localize/translate/<int:translation_id>/preview/<str:mode>/
admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/
admin/localize/update/<int:translation_source_id>/
admin/login/
admin/logout/
admin/pages/
admin/pages/<int:page_id>/convert_alias/
admin/pages/<int:page_id>/copy/
admin/pages/<int:page_id>/delete/
admin/pages/<int:page_id>/edit/
admin/pages/<int:page_id>/edit/preview/
admin/pages/<int:page_id>/history/
admin/pages/<int:page_id>/history/results/
admin/pages/<int:page_id>/lock/
admin/pages/<int:page_id>/privacy/
admin/pages/<int:page_id>/revisions/
admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/
admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/
admin/pages/<int:page_id>/revisions/<int:revision_id>/view/
admin/pages/<int:page_id>/unlock/
admin/pages/<int:page_id>/unpublish/
admin/pages/<int:page_id>/usage/
admin/pages/<int:page_id>/view_draft/
admin/pages/<int:page_id>/workflow_history/
admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/
admin/pages/<int:page_to_move_id>/move/
admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/
admin/pages/<int:page_to_move_id>/set_position/
admin/pages/<int:parent_page_id>/
admin/pages/<int:parent_page_id>/add_subpage/
admin/pages/<int:parent_page_id>/results/
admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$
admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/
admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/
admin/pages/create/<slug:app_label>/<slug:model_name>
admin/pages/search/
admin/pages/search/results/
admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/
admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/
admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/
admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/
admin/pages/workflow/confirm_cancellation/<int:page_id>/
admin/pages/workflow/preview/<int:page_id>/<int:task_id>/
admin/password_reset/
admin/password_reset/complete/
admin/password_reset/confirm/<uidb64>/<token>/
admin/password_reset/done/
admin/redirects/
admin/redirects/<int:redirect_id>/
admin/redirects/<int:redirect_id>/delete/
admin/redirects/add/
admin/redirects/import/
admin/redirects/import/process/
admin/redirects/results/
admin/reports/aging-pages/
admin/reports/aging-pages/results/
admin/reports/locked/
admin/reports/locked/results/
admin/reports/page-types-usage/
admin/reports/page-types-usage/results/
admin/reports/site-history/
admin/reports/site-history/results/
admin/reports/workflow/
admin/reports/workflow/results/
admin/reports/workflow_tasks/
admin/reports/workflow_tasks/results/
admin/settings/<slug:app_name>/<slug:model_name>/
admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/
admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/
admin/sites/
admin/sites/copy/<int:pk>/
admin/sites/delete/<int:pk>/
admin/sites/edit/<int:pk>/
admin/sites/history-results/<int:pk>/
admin/sites/history/<int:pk>/
admin/sites/new/
admin/sites/results/
admin/sites/usage/<int:pk>/
admin/snippets/
admin/snippets/choose/wellbeing/resource/
admin/snippets/choose/wellbeing/resource/chosen-multiple/
admin/snippets/choose/wellbeing/resource/chosen/<str:pk>/
admin/snippets/choose/wellbeing/resource/create/
admin/snippets/choose/wellbeing/resource/results/
admin/snippets/wellbeing/resource/
admin/snippets/wellbeing/resource/add/
admin/snippets/wellbeing/resource/copy/<int:pk>/
admin/snippets/wellbeing/resource/delete/<int:pk>/
admin/snippets/wellbeing/resource/edit/<int:pk>/
admin/snippets/wellbeing/resource/history-results/<int:pk>/
admin/snippets/wellbeing/resource/history/<int:pk>/
admin/snippets/wellbeing/resource/inspect/<int:pk>/
admin/snippets/wellbeing/resource/results/
admin/snippets/wellbeing/resource/usage/<int:pk>/
admin/sprite/
admin/tag-autocomplete/
admin/two-factor/
admin/two-factor/enrol/
admin/two-factor/recovery-codes/
admin/two-factor/turn-off/
admin/two-factor/verify/
admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/
admin/test404/
admin/thanks/forces/
admin/thanks/forces/delete/<int:pk>/
admin/thanks/forces/edit/<int:pk>/
admin/thanks/forces/history-results/<int:pk>/
admin/thanks/forces/history/<int:pk>/
admin/thanks/forces/new/
admin/thanks/forces/results/
admin/thanks/forces/usage/<int:pk>/
admin/thanks/messages/
admin/thanks/messages/approve/<int:pk>/
admin/thanks/messages/delete/<int:pk>/
admin/thanks/messages/edit/<int:pk>/
admin/thanks/messages/history-results/<int:pk>/
admin/thanks/messages/history/<int:pk>/
admin/thanks/messages/inspect/<int:pk>/
admin/thanks/messages/new/
admin/thanks/messages/refer/<int:pk>/
admin/thanks/messages/reject/<int:pk>/
admin/thanks/messages/results/
admin/thanks/messages/usage/<int:pk>/
admin/thanks/protected-names/
admin/thanks/protected-names/delete/<int:pk>/
admin/thanks/protected-names/edit/<int:pk>/
admin/thanks/protected-names/history-results/<int:pk>/
admin/thanks/protected-names/history/<int:pk>/
admin/thanks/protected-names/new/
admin/thanks/protected-names/results/
admin/thanks/protected-names/usage/<int:pk>/
admin/users/
admin/users/copy/<int:pk>/
admin/users/delete/<int:pk>/
admin/users/edit/<int:pk>/
admin/users/history-results/<int:pk>/
admin/users/history/<int:pk>/
admin/users/new/
admin/users/results/
admin/users/usage/<int:pk>/
admin/wellbeing/resource/<int:pk>/translate/<str:language_code>/
admin/workflows/add/
admin/workflows/disable/<int:pk>/
admin/workflows/edit/<int:pk>/
admin/workflows/enable/<int:pk>/
admin/workflows/list/
admin/workflows/list/results/
admin/workflows/remove/<int:page_pk>/
admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/
admin/workflows/task_chooser/
admin/workflows/task_chooser/<int:task_id>/
admin/workflows/task_chooser/create/
admin/workflows/task_chooser/results/
admin/workflows/tasks/add/<str:app_label>/<str:model_name>/
admin/workflows/tasks/disable/<int:pk>/
admin/workflows/tasks/edit/<int:pk>/
admin/workflows/tasks/enable/<int:pk>/
admin/workflows/tasks/index/
admin/workflows/tasks/index/results/
admin/workflows/tasks/select_type/
admin/workflows/usage/<int:pk>/
admin/workflows/usage/<int:pk>/results/
""".split()
)

# Routes whose parameters name a model rather than an object: each is tried with every model below.
MODEL_CHOICES = {
    "admin/bulk/": [("wagtailcore", "page", action) for action in ("delete", "move", "publish", "unpublish")]
    + [("wagtailimages", "image", "delete"), ("wagtaildocs", "document", "delete")]
    + [("recognition", "message", action) for action in ("approve", "reject")],
    "admin/pages/usage/": [("home", "standardpage"), ("home", "forcehubpage")],
    "admin/pages/create/": [("home", "standardpage")],
    "admin/pages/add/": [("home", "standardpage")],
    "admin/editing-sessions/ping/": [("wagtailcore", "page"), ("wellbeing", "resource")],
    "admin/settings/": [("recognition", "nationalwallsettings")],
    "admin/workflows/tasks/add/": [("wagtailcore", "groupapprovaltask")],
    "admin/tag-autocomplete/": [("wagtailimages", "image"), ("wagtaildocs", "document")],
    "admin/localize/api/snippets/": [("wellbeing", "resource"), ("recognition", "message")],
    "admin/localize/submit/snippet/": [("wellbeing", "resource")],
}

# Which of Gwent's objects a `pk` names, by the route it is in.
PK_OWNERS = {
    "admin/api/main/^documents/": "document",
    "admin/api/main/^images/": "image",
    "admin/api/main/^pages/": "page",
    "admin/collections/": "collection",
    "admin/documents/chooser/": "document",
    "admin/images/chooser/": "image",
    "admin/groups/": "group",
    "admin/users/": "user",
    "admin/locales/": "locale",
    "admin/sites/": "site",
    "admin/settings/": "settings_row",
    "admin/snippets/": "resource",
    "admin/localize/": "resource",
    "admin/wellbeing/": "resource",
    "admin/thanks/messages/": "message",
    "admin/thanks/forces/": "force_settings",
    "admin/thanks/protected-names/": "protected_name",
    "admin/pages/": "page",
}

PARAMETER_OWNERS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "hub",
    "revision_id": "revision",
    "revision_id_a": "revision",
    "revision_id_b": "revision",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "collection_id": "collection",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
    "object_id": "page",
}

CONSTANTS = {
    "action_name": "approve",
    "filter_spec": "original",
    "language_code": "cy",
    "mode": "",
    "uidb64": "MQ",
    "token": "set-password",
}

# Wagtail's own 500s on input its views assume, none of which shows or changes anything: the error
# page that fails on purpose, the external-link chooser posted without its fields, and the resource
# chooser's "create" posted when no creation form is offered.
WAGTAIL_FAULTS = {
    ("get", "/admin/failwhale/"),
    ("post", "/admin/failwhale/"),
    ("post", "/admin/choose-external-link/"),
    ("post", "/admin/snippets/choose/wellbeing/resource/create/"),
}

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@pytest.fixture
def gwent(other_force_hub):
    """Gwent's objects, everything private marked with MARKER."""
    collection = ensure_collection(other_force_hub.title)
    page = other_force_hub.add_child(instance=StandardPage(title=f"{MARKER} draft", slug="draft", live=False))
    revision = page.save_revision()
    document = get_document_model()(title=f"{MARKER} rota", collection=collection)
    document.file.save("gwent-rota.txt", ContentFile(b"rota"), save=False)
    document.save()
    editors = ensure_group(f"{other_force_hub.title} editors", other_force_hub, collection)
    editors.name = f"{MARKER} editors"
    editors.save()
    person = UserFactory(username=f"{MARKER.lower()}-editor", first_name=MARKER, email="zqxb@gwent.example")
    person.groups.add(editors)
    message = submit_thanks(
        other_force_hub,
        f"Thank you {MARKER} for the lift home after the crash on the bypass.",
        recipient=f"PC {MARKER}",
        from_name=MARKER,
    ).message
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="cy")
    )
    translation.save_target(publish=False)
    return {
        "hub": other_force_hub,
        "page": page,
        "revision": revision,
        "collection": collection,
        "document": document,
        "image": ImageFactory(title=f"{MARKER} photo", collection=collection),
        "group": editors,
        "user": person,
        "message": message,
        "protected_name": ProtectedName.objects.create(force=other_force_hub, name=f"DC {MARKER}"),
        "force_settings": ForceRecognitionSettings.objects.get_or_create(
            force=other_force_hub, defaults={"complaints_url": "https://zqxb.example/complaints"}
        )[0],
        "resource": ResourceFactory(force=other_force_hub, title=f"{MARKER} toolkit"),
        "translation": translation,
        "translation_source": source,
        "locale": Locale.objects.get(language_code="cy"),
        "site": Site.objects.first() or Site.objects.create(hostname="localhost", root_page=page),
        "settings_row": None,
    }


def snapshot(objects) -> dict:
    """What Gwent has, to compare after every request."""
    page = StandardPage.objects.get(pk=objects["page"].pk)
    message = type(objects["message"]).objects.get(pk=objects["message"].pk)
    return {
        "page": (page.title, page.live, page.path, page.locked, page.revisions.count()),
        "document": get_document_model()
        .objects.filter(pk=objects["document"].pk)
        .values_list("title")
        .first(),
        "image": get_image_model().objects.filter(pk=objects["image"].pk).values_list("title").first(),
        "collection": Collection.objects.filter(pk=objects["collection"].pk).values_list("name").first(),
        "group": (Group.objects.get(pk=objects["group"].pk).name, objects["group"].page_permissions.count()),
        "user": type(objects["user"]).objects.filter(pk=objects["user"].pk).values_list("is_active").first(),
        "message": (message.status, message.body, message.recipient),
        "protected_name": ProtectedName.objects.filter(pk=objects["protected_name"].pk).exists(),
        "force_settings": ForceRecognitionSettings.objects.filter(pk=objects["force_settings"].pk)
        .values_list("complaints_url", "auto_publish_unflagged")
        .first(),
        "resource": Resource.objects.filter(pk=objects["resource"].pk).values_list("title", "force").first(),
        "translation": Translation.objects.filter(pk=objects["translation"].pk)
        .values_list("enabled")
        .first(),
    }


def concrete_paths(route: str, objects) -> list[str]:
    """The route with Gwent's objects in it (several paths for a route that names a model)."""
    choices = next((models for prefix, models in MODEL_CHOICES.items() if route.startswith(prefix)), [()])
    owner = next((name for prefix, name in PK_OWNERS.items() if route.startswith(prefix)), "page")
    paths = []
    for chosen in choices:
        model_values = iter(chosen)

        def value(match, model_values=model_values):
            name = match.group(1) or match.group(2)
            if name in ("app_label", "app_name", "content_type_app_name", "model_name") or name in (
                "content_type_model_name",
                "action",
            ):
                return next(model_values)
            if name == "pk":
                found = objects[owner]
                return str(found.pk) if found is not None else "1"
            if name in PARAMETER_OWNERS:
                return str(objects[PARAMETER_OWNERS[name]].pk)
            return CONSTANTS.get(name, "1")

        path = PARAMETER.sub(value, route).replace("^", "").replace("$", "").replace(".*", "zz")
        paths.append("/" + path.replace("\\.", ".").replace("//", "/"))
    return paths


def query(objects) -> dict:
    ids = [objects["page"].pk, objects["document"].pk, objects["image"].pk, objects["message"].pk]
    # The search is for the marker's stem: an echo of the query is not a leak, a result is.
    return {
        "q": MARKER[:-1],
        "id": ids,
        "p": "1",
        "next": "/admin/",
        "collection_id": objects["collection"].pk,
    }


@pytest.fixture
def herts_editor(force_hub):
    user = UserFactory(username="herts-url-editor")
    user.groups.add(ensure_group(f"{force_hub.title} editors", force_hub, ensure_collection(force_hub.title)))
    return user


@pytest.fixture
def herts_moderator(force_hub):
    user = UserFactory(username="herts-url-moderator")
    user.groups.add(ensure_moderators_group(f"{force_hub.title} moderators", force_hub))
    return user


def test_no_admin_route_is_unknown():
    routes = set(admin_routes())
    assert routes - KNOWN_ROUTES == set(), "new admin routes: decide how each is scoped, then list it"
    assert KNOWN_ROUTES - routes == set(), "routes that are gone: take them off the list"


def leaks(response) -> bool:
    """Gwent's data in the answer, where it redirects to, or a message queued for the next page."""
    body = b"".join(response) if response.streaming else response.content
    queued = " ".join(str(message) for message in get_messages(response.wsgi_request))
    seen = [body.decode(errors="replace"), response.get("Location", ""), queued]
    return any(MARKER.lower() in text.lower() for text in seen)


@pytest.mark.parametrize("who", ["herts_editor", "herts_moderator"])
def test_no_admin_url_shows_or_changes_another_forces_data(client, verified_login, request, who, gwent):
    verified_login(request.getfixturevalue(who))
    client.raise_request_exception = False
    before = snapshot(gwent)
    problems = []
    for route in admin_routes():
        if route in ("admin/logout/",):
            continue
        for path in concrete_paths(route, gwent):
            for method in ("get", "post"):
                response = getattr(client, method)(path, query(gwent) if method == "get" else {})
                if response.status_code >= 500 and (method, path) not in WAGTAIL_FAULTS:
                    problems.append(f"{method.upper()} {path}: {response.status_code}")
                elif leaks(response):
                    problems.append(f"{method.upper()} {path}: shows Gwent's data ({response.status_code})")
    assert problems == [], "\n".join(problems)
    assert snapshot(gwent) == before
    assert client.get("/admin/").status_code == 200, "still logged in: every route was tried as the user"
