"""Admin forms of the info box and the sponsors: only the user's own municipalities."""

from wagtail.admin.forms import WagtailAdminModelForm

from cms.core.admin_scoping import municipalities_assignable_by
from cms.roles.media_forms import add_foreign_media_errors


class MunicipalityAdminForm(WagtailAdminModelForm):
    """Offers only the municipalities the user administers; a logo must be of the same
    municipality's collection (the chooser offers only those, a posted id is checked)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "municipality" not in self.fields:
            return
        field = self.fields["municipality"]
        allowed = municipalities_assignable_by(for_user, self._meta.model)
        if allowed is not None:
            field.queryset = allowed.order_by("name")
        field.empty_label = None
        if field.queryset.count() == 1 and not self.instance.pk:
            field.initial = field.queryset.first()

    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality")
        if municipality is not None:
            add_foreign_media_errors(self, municipality, user=self.for_user)
        return cleaned_data
