"""Every public page's footer links to the privacy notice, the accessibility statement and contact,
in the page's language; the statement answers in both languages; the privacy notice names the
national data controller and, for a force, that force's; the force's part is set in the admin,
within limits, by that force's people only."""

import re

import pytest
from wagtail.models import Locale

from recognition.models import ForceRecognitionSettings
from tests.factories import (
    CaseStudyPageFactory,
    ResourceLibraryPageFactory,
    StandardPageFactory,
    submit_thanks,
)

FOOTER = re.compile(r"<footer\b.*?</footer>", re.S)
FOOTER_LINK = re.compile(r'<a class="govuk-footer__link" href="([^"]*)">')
CONTROLLER = "The Chief Constable of Hertfordshire Constabulary"
DPO_EMAIL = "dpo@hertfordshire.police.example"


def footer_links(client, path) -> list[str]:
    response = client.get(path)
    assert response.status_code in (200, 404), path
    footers = FOOTER.findall(response.content.decode())
    assert len(footers) == 1, path
    return FOOTER_LINK.findall(footers[0])


@pytest.fixture
def public_pages(home_page, force_hub, other_force_hub):
    """One address of every kind of public page, English then Welsh."""
    StandardPageFactory(parent=home_page, title="About the week", slug="about")
    CaseStudyPageFactory(parent=force_hub, title="Special Constable Daniel Cook", slug="daniel-cook")
    ResourceLibraryPageFactory(parent=home_page)
    cy = Locale.objects.get(language_code="cy")
    home_page.copy_for_translation(cy).save_revision().publish()
    other_force_hub.copy_for_translation(cy, copy_parents=True).save_revision().publish()
    token = submit_thanks(force_hub, "Thank you for staying with my mum after the crash.").withdraw_token
    english = [
        "/",
        "/hertfordshire/",
        "/hertfordshire/daniel-cook/",
        "/about/",
        "/resources/",
        "/thanks/",
        "/thanks/hertfordshire/",
        "/thanks/new/",
        f"/thanks/received/{token}/",
        f"/thanks/withdraw/{token}/",
        "/thanks/privacy/",
        "/accessibility/",
        "/no-such-page/",
    ]
    welsh = [
        "/cy/",
        "/cy/gwent/",
        "/cy/thanks/",
        "/cy/thanks/gwent/",
        "/cy/thanks/new/",
        f"/cy/thanks/withdraw/{token}/",
        "/cy/thanks/privacy/",
        "/cy/accessibility/",
    ]
    return english, welsh


def test_every_public_pages_footer_links_privacy_accessibility_and_contact(client, public_pages):
    english, welsh = public_pages

    for path in english:
        assert footer_links(client, path) == [
            "/thanks/privacy/",
            "/accessibility/",
            "/accessibility/#contact",
        ], path
    for path in welsh:
        assert footer_links(client, path) == [
            "/cy/thanks/privacy/",
            "/cy/accessibility/",
            "/cy/accessibility/#contact",
        ], path


def test_the_footer_uses_govuk_footer_markup(client, db):
    footer = FOOTER.search(client.get("/accessibility/").content.decode()).group()

    assert '<ul class="govuk-footer__inline-list">' in footer
    assert footer.count('<li class="govuk-footer__inline-list-item">') == 3


def test_the_footers_contact_link_reaches_the_national_teams_address(client, settings, db):
    settings.SITE_CONTACT_EMAIL = "team@example.org"

    html = client.get("/accessibility/").content.decode()

    assert 'id="contact"' in html
    assert 'href="mailto:team@example.org"' in html


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/cy", "cy")])
def test_the_accessibility_statement_answers_in_both_languages(client, db, prefix, language):
    response = client.get(f"{prefix}/accessibility/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert 'id="contact"' in html
    assert f'href="{prefix}/thanks/"' in html  # the rest of the page is in that language too


def test_the_accessibility_statement_follows_the_model_statement(client, db):
    html = client.get("/accessibility/").content.decode()

    for section in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Preparation of this accessibility statement",
    ):
        assert f">{section}</h2>" in html
    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in html
    assert "Equality and Human Rights Commission (EHRC)" in html
    assert "Equality Commission for Northern Ireland" in html
    assert "axe in the Chromium browser, on a phone screen 360 pixels wide" in html
    assert "PDF" in html and "station" in html
    assert re.search(r"This statement was prepared on \d{1,2} \w+ 20\d\d\.", html)


def test_the_accessibility_statement_is_not_a_post_target(client, db):
    assert client.post("/accessibility/").status_code == 405


def test_the_privacy_notice_names_the_national_controller(client, settings, db):
    settings.PRIVACY_NATIONAL_CONTROLLER_NAME = "The National Wellbeing Team"
    settings.PRIVACY_NATIONAL_CONTROLLER_ADDRESS = "1 Demo Row\nLondon"
    settings.PRIVACY_NATIONAL_DPO_EMAIL = "dpo@national.example"

    html = client.get("/thanks/privacy/").content.decode()

    assert "The National Wellbeing Team runs this website, the national wall of thanks" in html
    assert "1 Demo Row<br>London" in html
    assert 'href="mailto:dpo@national.example"' in html
    assert "For messages to" not in html


def test_the_privacy_notice_names_a_forces_controller_for_its_messages(client, force_hub, other_force_hub):
    ForceRecognitionSettings.objects.create(
        force=force_hub,
        privacy_controller_name=CONTROLLER,
        privacy_controller_address="Stanborough Road, Welwyn Garden City",
        data_protection_officer_email=DPO_EMAIL,
    )

    html = client.get("/thanks/privacy/?force=hertfordshire").content.decode()

    assert "For messages to Hertfordshire Constabulary" in html
    assert CONTROLLER in html and "Stanborough Road, Welwyn Garden City" in html
    assert f'href="mailto:{DPO_EMAIL}"' in html
    assert '<option value="hertfordshire" selected>' in html
    assert '<option value="gwent">Gwent Police</option>' in html


def test_without_settings_a_forces_controller_is_the_force_named_in_the_pages_language(
    client, other_force_hub
):
    english = client.get("/thanks/privacy/?force=gwent").content.decode()
    welsh = client.get("/cy/thanks/privacy/?force=gwent").content.decode()

    assert "For messages to Gwent Police" in english
    assert "Heddlu Gwent" in welsh
    assert "who will pass your request to the force" in english


def test_an_unknown_or_unpublished_force_is_ignored(client, force_hub):
    force_hub.unpublish()

    for query in ("?force=hertfordshire", "?force=nowhere", "?force=" + "x" * 500):
        response = client.get("/thanks/privacy/" + query)
        assert response.status_code == 200
        assert "For messages to" not in response.content.decode()


def test_the_privacy_notice_states_lawful_basis_rights_and_how_to_use_them(client, settings, db):
    settings.RECOGNITION_CONTACT_RETENTION_DAYS = 33
    settings.RECOGNITION_REJECTED_RETENTION_DAYS = 99

    html = client.get("/thanks/privacy/").content.decode()

    assert "UK GDPR Article 6(1)(e), public task" in html
    assert "33 days" in html and "99 days" in html
    for right in ("(access)", "(rectification)", "(erasure)", "(restriction)", "(objection)"):
        assert right in html
    assert "use your withdraw link" in html
    assert 'href="https://ico.org.uk/make-a-complaint/"' in html
    assert 'href="tel:03031231113"' in html


def test_the_privacy_notice_costs_one_query_with_or_without_a_force(
    client, force_hub, other_force_hub, django_assert_num_queries
):
    ForceRecognitionSettings.objects.create(force=force_hub, privacy_controller_name=CONTROLLER)
    client.get("/thanks/privacy/")  # the site and locales are cached from here on

    for query in ("", "?force=hertfordshire", "?force=gwent"):
        with django_assert_num_queries(1):
            client.get("/thanks/privacy/" + query)


def test_the_controller_fields_have_length_limits():
    fields = {field.name: field for field in ForceRecognitionSettings._meta.get_fields()}

    assert fields["privacy_controller_name"].max_length == 200
    assert fields["privacy_controller_address"].max_length == 300
    assert fields["data_protection_officer_email"].max_length == 254


@pytest.fixture
def settings_url(client, force_hub, force_editor):
    client.force_login(force_editor)
    client.get("/admin/thanks/forces/")  # makes the force's settings row, as its first listing does
    own = ForceRecognitionSettings.objects.get(force=force_hub)
    return f"/admin/thanks/forces/edit/{own.pk}/"


EDIT = {
    "complaints_url": "",
    "holding_message": "",
    "safeguarding_contact_name": "",
    "safeguarding_contact_phone": "",
}


def test_a_force_sets_its_data_controller_in_its_settings(client, force_hub, settings_url):
    form = client.get(settings_url).content.decode()
    saved = client.post(
        settings_url,
        {
            **EDIT,
            "privacy_controller_name": CONTROLLER,
            "privacy_controller_address": "Stanborough Road\nWelwyn Garden City",
            "data_protection_officer_email": DPO_EMAIL,
        },
    )

    assert 'name="privacy_controller_name"' in form and 'name="data_protection_officer_email"' in form
    assert saved.status_code == 302
    own = ForceRecognitionSettings.objects.get(force=force_hub)
    assert (own.privacy_controller_name, own.data_protection_officer_email) == (CONTROLLER, DPO_EMAIL)
    assert CONTROLLER in client.get("/thanks/privacy/?force=hertfordshire").content.decode()


@pytest.mark.parametrize(
    "field",
    [
        {"privacy_controller_name": "x" * 201},
        {"privacy_controller_address": "x" * 301},
        {"data_protection_officer_email": "x" * 250 + "@example.org"},
        {"data_protection_officer_email": "not an address"},
    ],
    ids=["name", "address", "email-length", "email-form"],
)
def test_the_admin_refuses_a_controller_past_its_limits(client, force_hub, settings_url, field):
    refused = client.post(settings_url, {**EDIT, **field})

    assert refused.status_code == 200
    own = ForceRecognitionSettings.objects.get(force=force_hub)
    assert (
        own.privacy_controller_name,
        own.privacy_controller_address,
        own.data_protection_officer_email,
    ) == (
        "",
        "",
        "",
    )


def test_another_forces_controller_is_out_of_reach_of_a_force_editor(client, force_editor, other_force_hub):
    theirs = ForceRecognitionSettings.objects.create(force=other_force_hub, privacy_controller_name="Theirs")
    client.force_login(force_editor)

    responses = [
        client.get(f"/admin/thanks/forces/edit/{theirs.pk}/"),
        client.post(f"/admin/thanks/forces/edit/{theirs.pk}/", {**EDIT, "privacy_controller_name": "Mine"}),
    ]

    assert all(response.status_code in (403, 404) for response in responses)
    theirs.refresh_from_db()
    assert theirs.privacy_controller_name == "Theirs"
