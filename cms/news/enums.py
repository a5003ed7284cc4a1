from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    """Whether an article is neighbourhood news or an official press release."""

    NEWS = "news", _("Nachricht")
    PRESS_RELEASE = "press_release", _("Pressemitteilung")
