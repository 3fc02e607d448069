"""A force's internal documents download only for its editors and the national team: never for a
visitor, another force's editor or a moderator; its public documents download for anyone."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home.demo import (
    NATIONAL_TEAM,
    ensure_collection,
    ensure_group,
    ensure_moderators_group,
    ensure_private_collection,
)
from tests.factories import UserFactory, root_collection

CONTENT = b"Shift pattern for the week, not for the public."


@pytest.fixture
def herts(force_hub, home_page):
    root_collection()
    collection = ensure_collection(force_hub.title)
    editors = ensure_group(f"{force_hub.title} editors", force_hub, collection)
    national = ensure_group(NATIONAL_TEAM, home_page, Collection.get_first_root_node())
    internal = ensure_private_collection(collection, [editors, national])
    documents = {}
    for name, where in (("public", collection), ("internal", internal)):
        document = get_document_model()(title=f"Herts {name} rota", collection=where)
        document.file.save(f"herts-{name}.txt", ContentFile(CONTENT), save=False)
        document.save()
        documents[name] = document
    return {"editors": editors, "national": national, "documents": documents, "hub": force_hub}


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def test_a_public_document_downloads_for_anyone(client, herts):
    assert download(client, herts["documents"]["public"]) == (200, CONTENT)


def test_an_internal_document_is_refused_to_a_visitor(client, herts):
    status, body = download(client, herts["documents"]["internal"])
    assert status == 302 and CONTENT not in body


def test_an_internal_document_is_refused_to_another_forces_editor_and_to_a_moderator(
    client, herts, other_force_hub, verified_login
):
    gwent_editor = UserFactory(username="gwent-docs")
    gwent_editor.groups.add(
        ensure_group("Gwent Police editors", other_force_hub, ensure_collection("Gwent Police"))
    )
    moderator = UserFactory(username="herts-docs-moderator")
    moderator.groups.add(ensure_moderators_group("Hertfordshire Constabulary moderators", herts["hub"]))
    for user in (gwent_editor, moderator):
        verified_login(user)
        status, body = download(client, herts["documents"]["internal"])
        assert status != 200 and CONTENT not in body, user


def test_an_internal_document_downloads_for_the_forces_editors_and_the_national_team(
    client, herts, verified_login
):
    for group in (herts["editors"], herts["national"]):
        user = UserFactory()
        user.groups.add(group)
        verified_login(user)
        assert download(client, herts["documents"]["internal"]) == (200, CONTENT)
