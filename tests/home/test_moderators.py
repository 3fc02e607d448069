"""A "<Force> moderators" group moderates that force's thanks and does nothing else in the admin;
the right is granted in Wagtail's group editor and follows the force into Welsh."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from home.admin_groups import ForceModerationPanel
from home.demo import ensure_moderators_group
from home.models import ForceModeration
from home.tenancy import force_hubs_user_may_moderate, moderators_of
from recognition.models import MessageStatus
from recognition.services import approve_message
from recognition.tasks import moderators_of as digest_recipients
from tests.factories import ResourceFactory, UserFactory, submit_thanks

MESSAGES = "/admin/thanks/messages/"


def submit(force, body):
    return submit_thanks(force, body, recipient="The night shift").message


@pytest.fixture
def welsh_hub(force_hub):
    return force_hub.copy_for_translation(Locale.objects.get(language_code="cy"), copy_parents=True)


@pytest.fixture
def moderator(force_hub):
    user = UserFactory(username="herts-moderator", email="mod@herts.example")
    user.groups.add(ensure_moderators_group(f"{force_hub.title} moderators", force_hub))
    return user


def test_a_moderator_moderates_their_forces_thanks_only(
    client, verified_login, moderator, force_hub, other_force_hub
):
    own = submit(force_hub, "Thank you for staying with my mum all night, she felt safe.")
    foreign = submit(other_force_hub, "Thank you Gwent for the lift home after the crash.")
    verified_login(moderator)

    listing = client.get(MESSAGES).content.decode()
    assert "staying with my mum" in listing
    assert "lift home after the crash" not in listing
    assert client.get(f"{MESSAGES}inspect/{own.pk}/").status_code == 200
    assert client.get(f"{MESSAGES}inspect/{foreign.pk}/").status_code == 404

    approve_message(message=own, user=moderator)
    own.refresh_from_db()
    assert own.status == MessageStatus.APPROVED


def test_a_moderator_edits_no_page_image_document_or_resource(client, verified_login, moderator, force_hub):
    ResourceFactory(force=force_hub, title="Herts sleep toolkit")
    verified_login(moderator)

    assert client.get(f"/admin/pages/{force_hub.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/home/standardpage/{force_hub.pk}/").status_code in (302, 403)
    for listing in ("/admin/images/", "/admin/documents/", "/admin/snippets/wellbeing/resource/"):
        response = client.get(listing)
        assert response.status_code in (302, 403), listing
    assert (
        "Herts sleep toolkit"
        not in client.get("/admin/snippets/wellbeing/resource/", follow=True).content.decode()
    )


def test_the_right_covers_the_forces_welsh_hub_and_reaches_its_alerts(moderator, force_hub, welsh_hub):
    assert set(force_hubs_user_may_moderate(moderator)) == {force_hub, welsh_hub}
    assert moderator in moderators_of(force_hub)
    assert moderator in digest_recipients(welsh_hub)


def test_an_inactive_moderator_moderates_nothing(moderator):
    moderator.is_active = False
    moderator.save()
    assert not force_hubs_user_may_moderate(moderator).exists()


def test_the_group_editor_grants_and_withdraws_the_right(admin_client, force_hub, other_force_hub):
    group = Group.objects.create(name="Gwent Police moderators")

    page = admin_client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "Moderation of thanks" in page and other_force_hub.title in page

    panel = ForceModerationPanel({"force_moderation-forces": [other_force_hub.pk]}, instance=group)
    assert panel.is_valid()
    panel.save()
    assert list(ForceModeration.objects.filter(group=group).values_list("force", flat=True)) == [
        other_force_hub.pk
    ]

    emptied = ForceModerationPanel({}, instance=group)
    assert emptied.is_valid()
    emptied.save()
    assert not ForceModeration.objects.filter(group=group).exists()
