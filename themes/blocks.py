"""Blocks of the accessibility pages: sign-language videos with captions and transcript."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from blocks.blocks import RichTextBlock

VIDEO_EXTENSIONS = ("mp4", "webm")
CAPTION_EXTENSIONS = ("vtt",)


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in German Sign Language (DGS), self-hosted, with captions and a transcript.

    The video is a document of the site (no third party is contacted); the captions
    are a WebVTT file, and the transcript gives the content to those who cannot
    watch the video.
    """

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video (MP4 oder WebM)"),
        help_text=_("Laden Sie das Video als Dokument hoch; es wird von dieser Website geladen."),
    )
    captions = DocumentChooserBlock(
        label=_("Untertitel (WebVTT-Datei)"),
        help_text=_("Untertitel auf Deutsch im Format WebVTT (.vtt)."),
    )
    poster = ImageChooserBlock(label=_("Vorschaubild"), required=False)
    transcript = RichTextBlock(
        label=_("Text zum Video"),
        help_text=_("Was im Video gesagt wird, zum Nachlesen."),
    )

    class Meta:
        icon = "media"
        label = _("Gebärdensprach-Video")
        template = "themes/blocks/sign_language_video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["video"] and value["video"].file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video"] = ErrorList(
                [ValidationError(_("Bitte ein Video im Format MP4 oder WebM wählen."))]
            )
        if value["captions"] and value["captions"].file_extension.lower() not in CAPTION_EXTENSIONS:
            errors["captions"] = ErrorList(
                [ValidationError(_("Bitte eine Untertitel-Datei im Format WebVTT (.vtt) wählen."))]
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class SignLanguageStreamBlock(blocks.StreamBlock):
    video = SignLanguageVideoBlock()
    text = RichTextBlock()
