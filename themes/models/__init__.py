from .feedback import AccessibilityFeedback
from .pages import AccessibilityStatementPage, EasyLanguageIndexPage, SignLanguagePage
from .tokens import CONTRAST_RULES, DEFAULT_COLOURS, TOKENS, Theme

__all__ = [
    "CONTRAST_RULES",
    "DEFAULT_COLOURS",
    "TOKENS",
    "AccessibilityFeedback",
    "AccessibilityStatementPage",
    "EasyLanguageIndexPage",
    "SignLanguagePage",
    "Theme",
]
