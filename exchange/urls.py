"""Public URLs of the exchange, mounted under /nachbarschaftshilfe/ (German paths)."""

from django.urls import path

from . import report_views, views

app_name = "exchange"

urlpatterns = [
    path("", views.listing_list, name="listing_list"),
    path("eintrag/<int:pk>/", views.listing_detail, name="listing_detail"),
    path("eintrag/<int:pk>/aushang/", views.listing_notice, name="listing_notice"),
    path("eintrag/<int:pk>/aushang.pdf", views.listing_notice_pdf, name="listing_notice_pdf"),
    path("eintrag/<int:pk>/melden/", report_views.report_listing, name="report_listing"),
    path("mitglied/<int:pk>/melden/", report_views.report_member, name="report_member"),
    path("registrieren/", views.register, name="register"),
    path("registrieren/bestaetigen/<str:token>/", views.confirm_email, name="confirm_email"),
    path("anmelden/", views.ResidentLoginView.as_view(), name="login"),
    path("abmelden/", views.ResidentLogoutView.as_view(), name="logout"),
    path("meine-eintraege/", views.my_listings, name="my_listings"),
    path("meine-eintraege/neu/", views.listing_create, name="listing_create"),
    path("meine-eintraege/<int:pk>/bearbeiten/", views.listing_edit, name="listing_edit"),
    path("meine-eintraege/<int:pk>/beenden/", views.listing_close, name="listing_close"),
    path("einwilligung-widerrufen/", views.consent_withdraw, name="consent_withdraw"),
    path("mitglied-werden/", views.membership_apply, name="membership_apply"),
    path("konto/", views.account, name="account"),
    path("konto/meine-daten.json", views.account_export, name="account_export"),
    path("konto/loeschen/", views.account_delete, name="account_delete"),
]
