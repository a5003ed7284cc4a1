"""An offline, deterministic machine translator for wagtail-localize.

It replaces the glossary's words and phrases (longest first) in the text of a string
and leaves everything else, HTML tags included, as it is. It needs no network and
gives the same answer every time, so it serves tests and the demo; in production
DeepL takes its place when DEEPL_AUTH_KEY is set (cms/settings/base.py). Either way a
machine translation is only a draft: it goes live after review like any other.
"""

import re

from bs4 import BeautifulSoup, NavigableString
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .glossary import GLOSSARY

MAX_PHRASE_WORDS = 4
# Words and everything between them (spaces, punctuation), so that the text can be
# put back together exactly.
_TOKEN = re.compile(r"(\w[\w'’-]*)", re.UNICODE)


def _language(code: str) -> str:
    return code.split("-")[0].lower()


class GlossaryTranslator(BaseMachineTranslator):
    """Translates by glossary: deterministic, offline, German to the platform's languages."""

    display_name = _("Glossar (offline)")

    def __init__(self, options):
        super().__init__(options)
        self.glossary = options.get("GLOSSARY", GLOSSARY)

    def can_translate(self, source_locale, target_locale) -> bool:
        target = _language(target_locale.language_code)
        return _language(source_locale.language_code) == "de" and any(
            target in entry for entry in self.glossary.values()
        )

    def translate(self, source_locale, target_locale, strings):
        target = _language(target_locale.language_code)
        return {string: StringValue(self.translate_html(string.data, target)) for string in strings}

    def translate_html(self, html: str, target: str) -> str:
        soup = BeautifulSoup(html, "html.parser")
        for node in list(soup.find_all(string=True)):
            if isinstance(node, NavigableString) and node.strip():
                node.replace_with(self.translate_text(str(node), target))
        return str(soup)

    def translate_text(self, text: str, target: str) -> str:
        parts = _TOKEN.split(text)  # even indexes: separators, odd: words
        words = parts[1::2]
        output, index = [parts[0]], 0
        while index < len(words):
            replacement, consumed = self._longest_match(words, index, parts, target)
            if replacement is None:
                output.append(words[index])
                consumed = 1
            else:
                starts_sentence = (
                    not "".join(output).strip() or "".join(output).rstrip()[-1:] in ".!?:"
                )
                output.append(_match_case(replacement, words[index], starts_sentence))
            index += consumed
            output.append(parts[2 * index])  # the separator after the last consumed word
        return "".join(output)

    def _longest_match(self, words, start, parts, target):
        for length in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
            # A phrase is the words joined by single spaces in the source.
            separators = [parts[2 * (start + offset) + 2] for offset in range(length - 1)]
            if any(separator != " " for separator in separators):
                continue
            phrase = " ".join(words[start : start + length]).lower()
            entry = self.glossary.get(phrase)
            if entry and target in entry:
                return entry[target], length
        return None, 1


def _match_case(replacement: str, original: str, starts_sentence: bool) -> str:
    """Capitalise the replacement where a capitalised source word begins a sentence
    (German capitalises every noun, most target languages do not)."""
    if starts_sentence and original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
