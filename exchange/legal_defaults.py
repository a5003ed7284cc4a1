# ruff: noqa: E501  (the texts keep one paragraph per line, as an editor would paste them)
"""The platform's default wording of the terms of use and the privacy notice.

Shown, and agreed to, where a municipality has not yet published its own text
(`LegalText`); the demo publishes these as each municipality's first version. Plain
German, short sentences: many members are old, some read German as a second language.
"""

from .enums import ConsentDocument

DEFAULT_TERMS = """Nutzungsbedingungen der Nachbarschaftshilfe

1. Worum es geht
Die Nachbarschaftshilfe bringt Menschen zusammen, die einander helfen: beim Einkaufen, im Garten, mit Papieren, mit Zeit. Die Kommune betreibt die Plattform. Die Hilfe selbst vereinbaren Sie mit den anderen Mitgliedern.

2. Wer mitmachen kann
Mitmachen kann jede Person, die in der Kommune wohnt oder dort hilft. Die Kommune prüft jede Anmeldung. Kinder und Jugendliche unter 18 Jahren brauchen die Einwilligung ihrer Eltern und sehen nur passende Kategorien.

3. Was Sie schreiben
Schreiben Sie ehrlich und freundlich. Schreiben Sie keine Adresse, keine Telefonnummer und keine E-Mail-Adresse in einen Eintrag. Antworten kommen über die Plattform. Werbung, Beleidigungen und verbotene Angebote sind nicht erlaubt.

4. Was die Kommune darf
Die Kommune darf Einträge entfernen und Mitglieder sperren, wenn jemand gegen diese Regeln verstößt. Sie sagt Ihnen den Grund.

5. Haftung
Die Kommune vermittelt nur. Für die Hilfe selbst sind die Beteiligten verantwortlich. Bei Taschengeldjobs gelten die Regeln für Minderjährige und den Jugendschutz.

6. Ende der Teilnahme
Sie können jederzeit aufhören: unter „Mein Konto“ löschen Sie Ihr Konto und alle Ihre Daten.
"""

DEFAULT_PRIVACY = """Datenschutzhinweise der Nachbarschaftshilfe

1. Wer verantwortlich ist
Verantwortlich ist Ihre Kommune. Die Kontaktdaten der Kommune und ihres Datenschutzbeauftragten finden Sie im Impressum.

2. Was wir speichern
Ihre E-Mail-Adresse, Ihr Passwort (verschlüsselt), den Namen, den Sie angeben, Ihr Quartier, Ihre Einträge und Nachrichten, und wann Sie eingewilligt haben.

3. Wer was sieht
Andere sehen nur Ihren angezeigten Namen und Ihre Einträge. Ihre E-Mail-Adresse sieht niemand, es sei denn, Sie geben sie selbst weiter. Die Kommune sieht Ihre Angaben, um Anmeldungen zu prüfen und bei Problemen zu helfen.

4. Wofür wir die Daten nutzen
Nur für die Nachbarschaftshilfe: damit Sie Einträge schreiben, Antworten bekommen und wir Sie über Ihre Anmeldung und Ihre Einträge informieren. Wir geben nichts an Werbefirmen weiter.

5. Wie lange wir speichern
Abgelaufene Einträge und alte Nachrichten löschen wir nach festen Fristen von selbst. Wenn Sie Ihr Konto löschen, löschen wir alle Ihre Daten.

6. Ihre Rechte
Sie können Ihre Daten jederzeit unter „Mein Konto“ herunterladen, ändern oder löschen und Ihre Einwilligung widerrufen. Sie können sich bei der Datenschutzaufsicht Ihres Landes beschweren.
"""

DEFAULT_TEXTS = {ConsentDocument.TERMS: DEFAULT_TERMS, ConsentDocument.PRIVACY: DEFAULT_PRIVACY}
