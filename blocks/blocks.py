"""StreamField blocks shared by all page types.

Each block renders through its own template in `blocks/templates/blocks/`. Rich text is
kept to a small set of features so that pages stay accessible: headings start at h2
(the page title is the h1), no colours, no inline images without alt text.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class RichTextBlock(blocks.RichTextBlock):
    """Rich text with the restricted, accessible feature set."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/rich_text.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text, an optional caption and its credit.

    The credit names the photographer or source: the data-protection check asks
    that image rights are named.
    """

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=250,
        help_text=_(
            "Beschreiben Sie, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen."
        ),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=250)
    credit = blocks.CharBlock(
        label=_("Bildnachweis"),
        required=False,
        max_length=120,
        help_text=_("Fotograf/in oder Quelle, z. B. „Foto: Stadt Gelsenkirchen“."),
    )

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person or source it comes from."""

    quote = blocks.TextBlock(label=_("Zitat"), max_length=600)
    attribution = blocks.CharBlock(label=_("Quelle / Person"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "blocks/quote.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address, exactly one of the two."""

    page = blocks.PageChooserBlock(label=_("Seite"), required=False)
    url = blocks.URLBlock(label=_("oder Internetadresse"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        form_classname = "struct-block link-block"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Bitte wählen Sie entweder eine Seite oder eine Internetadresse.")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value

    def get_url(self, value) -> str:
        if value.get("page"):
            return value["page"].url
        return value.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that invites the reader to do one thing."""

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link = LinkBlock(label=_("Ziel"))
    button_label = blocks.CharBlock(label=_("Beschriftung der Schaltfläche"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Aufruf zum Handeln")
        template = "blocks/call_to_action.html"


class ContactCardBlock(blocks.StructBlock):
    """A contact person chosen from the shared contacts, with an optional heading."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    contact = SnippetChooserBlock("core.Contact", label=_("Kontakt"))

    class Meta:
        icon = "user"
        label = _("Kontaktkarte")
        template = "blocks/contact_card.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Frage / Titel"), max_length=200)
    answer = RichTextBlock(label=_("Antwort / Inhalt"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one at a time; works without JavaScript."""

    heading = blocks.CharBlock(label=_("Überschrift"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Einträge"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Akkordeon / FAQ")
        template = "blocks/accordion.html"


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document that names its file type and size before it is opened."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Linktext"),
        required=False,
        max_length=200,
        help_text=_("Leer lassen, um den Titel des Dokuments zu verwenden."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument")
        template = "blocks/document_link.html"


class EmbedBlock(blocks.StructBlock):
    """External media (video, map) that loads only after the visitor asks for it.

    Until then nothing is requested from the third party; without JavaScript the
    visitor gets a plain link to the original.
    """

    url = blocks.URLBlock(label=_("Internetadresse des Inhalts"))
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=200,
        help_text=_("Beschreibt den Inhalt, z. B. „Video: Rundgang durch das Quartierszentrum“."),
    )

    class Meta:
        icon = "media"
        label = _("Eingebetteter Inhalt")
        template = "blocks/embed.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    text = RichTextBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    contact_card = ContactCardBlock()
    accordion = AccordionBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock()
