"""The blocks of the national home's and the force hubs' bodies.

Generic page blocks live here; wellbeing's and recognition's come from their apps. Choosers load
every chosen object of a page at once, with what their templates need, so a page's query count
does not grow with its number of blocks.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from recognition.blocks import RecentThanksBlock
from wellbeing.blocks import EventScheduleBlock, ResourceListBlock, SupportSignpostingBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ImageWithRenditionsChooserBlock(ImageChooserBlock):
    """All the images of a page's blocks, with their renditions, in two queries."""

    def bulk_to_python(self, values):
        images = self.target_model.objects.prefetch_renditions().in_bulk([value for value in values if value])
        return [images.get(value) for value in values]


class CaseStudyChooserBlock(blocks.PageChooserBlock):
    """All the case studies of a page's blocks, with their photos' renditions, in three queries."""

    def bulk_to_python(self, values):
        case_studies = (
            self.target_model.objects.select_related("photo")
            .prefetch_related("photo__renditions")
            .in_bulk([value for value in values if value])
        )
        return [case_studies.get(value) for value in values]


class QuoteValue(blocks.StructValue):
    @property
    def attribution(self) -> str:
        return ", ".join(part for part in (self.get("name"), self.get("role")) if part)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    name = blocks.CharBlock(label=_("name"), max_length=120)
    role = blocks.CharBlock(label=_("role"), max_length=160, required=False)

    class Meta:
        template = "blocks/quote.html"
        icon = "openquote"
        label = _("Quote")
        description = _("Words from a leader or an officer, with who said them.")
        value_class = QuoteValue
        preview_value = {
            "quote": "It is only right that they feel supported in the work they do.",
            "name": "DCC Serena Kennedy",
            "role": "NPCC lead for Response Policing",
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageWithRenditionsChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        template = "blocks/image_with_caption.html"
        icon = "image"
        label = _("Image")
        description = _("A photo or picture with a description and an optional caption.")


class CallToActionValue(blocks.StructValue):
    @property
    def href(self) -> str:
        page = self.get("page")
        return page.url if page else self.get("url", "")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=80)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=40)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or web address"), required=False)

    class Meta:
        template = "blocks/call_to_action.html"
        icon = "link"
        label = _("Call to action")
        description = _("A short invitation with one button: book a visit, join a webinar, say thanks.")
        value_class = CallToActionValue
        preview_value = {
            "heading": "Join the #WECOPS conversation",
            "text": "Ask the national leads your questions, live.",
            "button_label": "Join online",
            "url": "https://www.oscarkilo.org.uk/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choose a page or give a web address, not both."))
            raise StructBlockValidationError(block_errors={"url": message})
        return value


class CaseStudyTeaserBlock(blocks.StructBlock):
    case_study = CaseStudyChooserBlock(label=_("case study"), page_type="home.CaseStudyPage")

    class Meta:
        template = "blocks/case_study_teaser.html"
        icon = "user"
        label = _("Case study teaser")
        description = _("A card linking to one officer's story.")


class BodyBlock(blocks.StreamBlock):
    """The body of the national home and of every force hub. The schedule, resource list, support
    and recent thanks blocks read what they show from the page, so each may appear once."""

    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/rich_text.html"
    )
    quote = QuoteBlock()
    image = ImageWithCaptionBlock()
    call_to_action = CallToActionBlock()
    event_schedule = EventScheduleBlock()
    resource_list = ResourceListBlock()
    case_study_teaser = CaseStudyTeaserBlock()
    support = SupportSignpostingBlock()
    recent_thanks = RecentThanksBlock()

    class Meta:
        block_counts = {
            "event_schedule": {"max_num": 1},
            "support": {"max_num": 1},
            "recent_thanks": {"max_num": 1},
        }
