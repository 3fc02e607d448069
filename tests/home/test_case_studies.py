"""A case study is published only with the officer's recorded consent."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from home.models import CaseStudyPage
from tests.factories import CaseStudyPageFactory

from .admin_forms import case_study_form

ADD = "/admin/pages/add/home/casestudypage/{hub}/"


def test_a_case_study_without_consent_cannot_be_published(force_hub):
    page = CaseStudyPageFactory(parent=force_hub, live=False, consent_recorded_on=None)

    with pytest.raises(ValidationError, match="Record the date the officer agreed"):
        page.save_revision().publish()
    with pytest.raises(ValidationError, match="Record the date the officer agreed"):
        page.save_revision(clean=False).publish()

    assert not CaseStudyPage.objects.get(pk=page.pk).live


def test_a_case_study_with_consent_is_published(force_hub):
    page = CaseStudyPageFactory(parent=force_hub, live=False)

    page.save_revision().publish()

    assert CaseStudyPage.objects.get(pk=page.pk).live


def test_consent_cannot_be_recorded_in_the_future(force_hub):
    page = CaseStudyPageFactory.build(consent_recorded_on=datetime.date.today() + datetime.timedelta(days=2))
    force_hub.add_child(instance=CaseStudyPageFactory.build(live=False))

    with pytest.raises(ValidationError, match="in the future"):
        page.clean()


def test_publishing_without_consent_in_the_admin_fails_with_a_message(client, force_editor, force_hub):
    client.force_login(force_editor)

    response = client.post(ADD.format(hub=force_hub.pk), case_study_form(consent=""))

    assert response.status_code == 200
    assert "Record the date the officer agreed to this story being published" in response.content.decode()
    assert not CaseStudyPage.objects.filter(live=True).exists()


def test_a_draft_may_wait_for_consent_then_publishing_it_needs_it(client, force_editor, force_hub):
    client.force_login(force_editor)

    draft = client.post(ADD.format(hub=force_hub.pk), case_study_form(consent="", action="action-save"))
    page = CaseStudyPage.objects.get()
    refused = client.post(f"/admin/pages/{page.pk}/edit/", case_study_form(consent=""))
    published = client.post(f"/admin/pages/{page.pk}/edit/", case_study_form(consent="2021-03-15"))

    assert draft.status_code == 302
    assert refused.status_code == 200
    assert published.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.consent_recorded_on == datetime.date(2021, 3, 15)


def test_a_photo_needs_its_alt_text(force_hub):
    from tests.factories import ImageFactory

    page = CaseStudyPageFactory.build(photo=ImageFactory(), photo_alt_text="")

    with pytest.raises(ValidationError, match="Describe the photo"):
        page.clean()


def test_case_studies_live_under_a_force_hub_only(home_page, force_hub):
    assert CaseStudyPage.can_create_at(force_hub)
    assert not CaseStudyPage.can_create_at(home_page)
    assert CaseStudyPage.allowed_subpage_models() == []


def test_an_editor_cannot_add_a_case_study_to_another_forces_hub(client, force_editor, other_force_hub):
    client.force_login(force_editor)

    response = client.post(ADD.format(hub=other_force_hub.pk), case_study_form(consent="2021-03-15"))

    assert response.status_code in (302, 403)
    assert not CaseStudyPage.objects.exists()
