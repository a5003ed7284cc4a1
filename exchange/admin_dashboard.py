"""The municipality admin's figures: a dashboard panel and a report view with export.

Both show one municipality at a time, chosen among those the user administers
(`?kommune=<id>`; another municipality's id is a 404). The figures come from
`exchange.dashboard`; the report view is Wagtail's `ReportView`, whose spreadsheet
export (`?export=csv`, `?export=xlsx`) writes one row per line of every figure.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView

from cms.core.charts import horizontal_bar_chart
from cms.core.params import id_from_text
from cms.roles.enums import Role

from .dashboard import FigureTable, figures_for, pending_approvals
from .permissions import municipalities_for_role

PANEL_PENDING_SHOWN = 10
REPORT_PENDING_SHOWN = 200
MUNICIPALITY_PARAMETER = "kommune"


def administered_municipalities(user):
    return municipalities_for_role(user, Role.MUNICIPALITY_ADMIN).order_by("name", "pk")


def municipality_chosen(user, value: str | None):
    """The municipality named by `?kommune=`, or the user's first; 404 for any other."""
    municipalities = administered_municipalities(user)
    if value in (None, ""):
        municipality = municipalities.first()
    elif (pk := id_from_text(value)) is None:
        raise Http404
    else:
        municipality = municipalities.filter(pk=pk).first()
    if municipality is None:
        raise Http404
    return municipality


@dataclass(frozen=True)
class ChartedFigure:
    """A figure with its rows and its chart, ready for the template."""

    table: FigureTable
    svg: str

    @property
    def figure(self):
        return self.table.figure

    @property
    def rows(self):
        return self.table.rows


def charted_figures(municipality, *, today=None) -> list[ChartedFigure]:
    charted = []
    for table in figures_for(municipality, today=today):
        total = sum(row.value for row in table.rows)
        charted.append(
            ChartedFigure(
                table,
                horizontal_bar_chart(
                    [(row.label, row.value) for row in table.rows],
                    chart_id=f"chart-{table.figure.key}",
                    title=f"{table.figure.title} – {municipality.name}",
                    description=_(
                        "Balkendiagramm, zusammen %(total)s. Die Zahlen stehen "
                        "auch in der Tabelle darunter."
                    )
                    % {"total": total},
                ),
            )
        )
    return charted


def _figures_context(municipality, *, pending_shown: int) -> dict:
    return {
        "municipality": municipality,
        "figures": charted_figures(municipality),
        "pending": pending_approvals(municipality, limit=pending_shown),
        "now": timezone.now(),
        "report_url": (
            f"{reverse('exchange_dashboard:index')}?{MUNICIPALITY_PARAMETER}={municipality.pk}"
        ),
    }


class ExchangeDashboardPanel(Component):
    """Start page panel of a municipality admin: what waits, and the figures."""

    name = "exchange_dashboard"
    order = 50
    template_name = "exchange/admin/dashboard_panel.html"

    def __init__(self, municipality):
        self.municipality = municipality

    def render_html(self, parent_context=None):
        return render_to_string(
            self.template_name,
            _figures_context(self.municipality, pending_shown=PANEL_PENDING_SHOWN),
        )


@dataclass(frozen=True)
class ExportRow:
    """One line of the spreadsheet: which figure, what is counted, how many."""

    figure: str
    label: str
    value: int


class ExchangeFiguresReportView(ReportView):
    """The figures of one municipality's exchange, with charts and CSV/XLSX export."""

    template_name = "exchange/admin/dashboard_report.html"
    page_title = _("Zahlen der Nachbarschaftshilfe")
    header_icon = "table"
    paginate_by = None
    list_export = ["figure", "label", "value"]
    export_headings = {"figure": _("Kennzahl"), "label": _("Bezeichnung"), "value": _("Anzahl")}

    def dispatch(self, request, *args, **kwargs):
        if not administered_municipalities(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def municipality(self):
        return municipality_chosen(self.request.user, self.request.GET.get(MUNICIPALITY_PARAMETER))

    @cached_property
    def context_figures(self) -> dict:
        return _figures_context(self.municipality, pending_shown=REPORT_PENDING_SHOWN)

    def get_queryset(self):
        return [
            ExportRow(str(charted.figure.title), row.label, row.value)
            for charted in self.context_figures["figures"]
            for row in charted.rows
        ]

    def get_filename(self):
        today = timezone.localdate().isoformat()
        return f"nachbarschaftshilfe-{self.municipality.slug}-{today}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(self.context_figures)
        municipalities = administered_municipalities(self.request.user)
        context["municipalities"] = municipalities if municipalities.count() > 1 else []
        context["parameter"] = MUNICIPALITY_PARAMETER
        context["export_query"] = f"{MUNICIPALITY_PARAMETER}={self.municipality.pk}"
        return context
