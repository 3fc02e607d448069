from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.urls import reverse, translate_url
from django.utils.translation import get_language, gettext
from wagtail.models import Page

register = template.Library()


@register.simple_tag
def home_url() -> str:
    """The national home in the active language: `/` or `/cy/`."""
    return reverse("wagtail_serve", args=[""])


@register.simple_tag
def thank_an_officer_url() -> str:
    """The public form for thanking an officer, which the recognition app serves at `thanks/new/`
    under each language's prefix."""
    return home_url() + "thanks/new/"


def _page_urls_by_language(page: Page, request) -> dict[str, str]:
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {p.locale.language_code: p.get_url(request) for p in translations}


@register.inclusion_tag("includes/language_navigation.html", takes_context=True)
def language_navigation(context) -> dict:
    """Links to this page in each language: the page's own translation where it has one, else the
    same path under that language's prefix for views, else that language's home page."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    page_urls = _page_urls_by_language(page, request) if isinstance(page, Page) else {}
    languages = []
    for code, _name in settings.LANGUAGES:
        if page_urls:
            url = page_urls.get(code) or translate_url(reverse("wagtail_serve", args=[""]), code)
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
        languages.append(
            {"code": code, "name": LANG_INFO[code]["name_local"], "url": url, "is_current": code == current}
        )
    return {"languages": languages, "label": gettext("Language")}
