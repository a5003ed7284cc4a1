"""Form checks: images and documents chosen for something must be of its municipality.

The choosers offer only the user's own collections, but a form takes any id that is
posted. These checks turn a file of another municipality (or a private document on a
public page) into a form error. They run over a form's image and document fields, its
inline formsets and the images and documents inside its StreamFields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.core import tenancy
from cms.places.models import Municipality

from .collections import media_fits_municipality
from .enums import CollectionPurpose

FOREIGN_MEDIA_MESSAGE = _(
    "„%(title)s“ gehört nicht zu den Bildern und Dokumenten dieser Kommune. "
    "Bitte wählen Sie eine Datei aus der Sammlung Ihrer Kommune."
)


def _media_models() -> tuple:
    return (get_image_model(), get_document_model())


def _media_in_stream(value):
    """Every image or document inside a StreamField value, at any depth."""
    media_models = _media_models()
    if isinstance(value, media_models):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from _media_in_stream(child.value)
    elif isinstance(value, ListValue):
        for item in value:
            yield from _media_in_stream(item)
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            yield from _media_in_stream(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _media_in_stream(item)


def _field_media(form: forms.Form, name: str, field: forms.Field):
    value = form.cleaned_data.get(name)
    if value is None:
        return []
    if isinstance(field, forms.ModelChoiceField) and field.queryset.model in _media_models():
        return [value]
    if isinstance(value, StreamValue):
        return list(_media_in_stream(value))
    return []


def add_foreign_media_errors(
    form: forms.Form,
    municipality: Municipality,
    *,
    user=None,
    purpose: CollectionPurpose = CollectionPurpose.MEDIA,
) -> bool:
    """Add an error to every field of `form` that holds a file of another municipality.

    Returns whether any error was added. Forms already marked for deletion in a
    formset are left alone.
    """
    if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
        return False
    found = False
    for name, field in list(form.fields.items()):
        for media in _field_media(form, name, field):
            if not media_fits_municipality(media, municipality, purpose=purpose, user=user):
                form.add_error(name, FOREIGN_MEDIA_MESSAGE % {"title": media.title})
                found = True
                break
    return found


def add_foreign_media_errors_with_formsets(form, municipality: Municipality, *, user=None) -> bool:
    """`add_foreign_media_errors` on a ClusterForm and each form of its inline formsets."""
    found = add_foreign_media_errors(form, municipality, user=user)
    for formset in getattr(form, "formsets", {}).values():
        for subform in formset.forms:
            found = add_foreign_media_errors(subform, municipality, user=user) or found
    return found


class MunicipalityMediaPageFormMixin:
    """Images and documents on a page must be of the page's municipality.

    The choosers offer only the user's collections; this turns a posted id of another
    municipality's file (in a field, an inline such as a gallery, or a StreamField
    block) into a form error (cms/roles/media_forms.py).
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        municipality = self._media_municipality()
        if municipality is None:
            return valid
        if add_foreign_media_errors_with_formsets(self, municipality, user=self.for_user):
            return False
        return valid

    def _media_municipality(self):
        page = self.instance if self.instance.pk else self.parent_page
        if page is None:
            return None
        portal = tenancy.portal_for_page(page)
        return portal.municipality if portal else None


class MunicipalityMediaPageForm(MunicipalityMediaPageFormMixin, WagtailAdminPageForm):
    """The page form of pages that belong to a municipality and show images or files."""
