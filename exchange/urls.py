"""Public URLs of the exchange, mounted under /nachbarschaftshilfe/ (German paths)."""

from django.urls import path

from . import account_views, conversation_views, legal_views, report_views, views

app_name = "exchange"

urlpatterns = [
    path("", views.listing_list, name="listing_list"),
    path("eintrag/<int:pk>/", views.listing_detail, name="listing_detail"),
    path("eintrag/<int:pk>/aushang/", views.listing_notice, name="listing_notice"),
    path("eintrag/<int:pk>/aushang.pdf", views.listing_notice_pdf, name="listing_notice_pdf"),
    path("eintrag/<int:pk>/melden/", report_views.report_listing, name="report_listing"),
    path("mitglied/<int:pk>/melden/", report_views.report_member, name="report_member"),
    path("nachricht/<int:pk>/melden/", report_views.report_message, name="report_message"),
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
    path("konto/", account_views.account, name="account"),
    path("konto/e-mail/", account_views.email_change, name="email_change"),
    path(
        "konto/e-mail/bestaetigen/<str:token>/",
        account_views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("konto/passwort/", account_views.password_change, name="password_change"),
    path(
        "passwort-vergessen/",
        account_views.ResidentPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        account_views.ResidentPasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-vergessen/<uidb64>/<token>/",
        account_views.ResidentPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-vergessen/fertig/",
        account_views.ResidentPasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "registrieren/link-erneut-senden/",
        account_views.confirmation_resend,
        name="confirmation_resend",
    ),
    path("nutzungsbedingungen/", legal_views.terms, name="terms"),
    path("datenschutz/", legal_views.privacy, name="privacy"),
    path("konto/meine-daten.json", views.account_export, name="account_export"),
    path("konto/loeschen/", views.account_delete, name="account_delete"),
    path("nachrichten/", conversation_views.conversation_list, name="conversation_list"),
    path(
        "nachrichten/<int:pk>/", conversation_views.conversation_detail, name="conversation_detail"
    ),
    path(
        "nachrichten/<int:pk>/kontakt-teilen/",
        conversation_views.conversation_share_contact,
        name="conversation_share_contact",
    ),
    path(
        "nachrichten/<int:pk>/beenden/",
        conversation_views.conversation_close,
        name="conversation_close",
    ),
    path(
        "nachrichten/<int:pk>/blockieren/",
        conversation_views.conversation_block,
        name="conversation_block",
    ),
    path(
        "nachrichten/<int:pk>/vermitteln/",
        conversation_views.conversation_accept,
        name="conversation_accept",
    ),
    path("nachrichten/<int:pk>/bestaetigen/", conversation_views.help_confirm, name="help_confirm"),
    path("nachrichten/<int:pk>/widersprechen/", conversation_views.help_object, name="help_object"),
    path(
        "nachrichten/<int:pk>/rueckmeldung/", conversation_views.help_feedback, name="help_feedback"
    ),
    path("rueckmeldungen/", conversation_views.feedback_received, name="feedback_received"),
    path("nachweis/", conversation_views.certificate, name="certificate"),
    path("nachweis/<int:pk>.pdf", conversation_views.certificate_pdf, name="certificate_pdf"),
    path("nachweis/pruefen/", conversation_views.certificate_check, name="certificate_check"),
]
