"""The demo's places, pages, contacts and accounts, as plain data.

Kept apart from the loader so that the content can be read and changed without
reading code. The texts are realistic but invented; names of people are fictitious.
"""

DEMO_PASSWORD = "quartier-demo"  # noqa: S105 - printed by `make run`, demo only

REGIONS = [
    {"name": "Ruhrgebiet", "slug": "ruhrgebiet"},
    {"name": "Kreis Paderborn", "slug": "kreis-paderborn"},
]

# Each municipality: its places, its portal (a Wagtail Site of its own) and its pages.
MUNICIPALITIES = [
    {
        "name": "Gelsenkirchen",
        "region": "ruhrgebiet",
        "official_key": "05513000",
        "site": {"hostname": "gelsenkirchen.localhost", "default": True},
        "portal": {
            "title": "Quartiersnetz Gelsenkirchen",
            "slug": "gelsenkirchen",
            "intro": (
                "In Buer-Ost, Hüllen, Schaffrath/Rosenhügel und Schalke bauen Nachbarinnen "
                "und Nachbarn, Vereine, Kirchengemeinden und Dienste gemeinsam Netzwerke auf, "
                "damit alle gut und selbstbestimmt im Quartier älter werden können."
            ),
        },
        "districts": [
            {
                "name": "Buer-Ost",
                "intro": (
                    "Zwischen Berger See und Schloss Berge: Im Quartiersnetz Buer-Ost treffen "
                    "sich Menschen jeden Alters zum Spazierengehen, Singen und Helfen."
                ),
                "social_spaces": [
                    ("Kath. Kirchengemeinde St. Urbanus", "parish"),
                    ("Familienzentrum Buer-Ost", "kindergarten"),
                ],
                "meeting_places": (
                    "Der Nachbarschaftstreff im Gemeindehaus ist dienstags und donnerstags von "
                    "10 bis 12 Uhr geöffnet. Der Eingang ist stufenlos, eine barrierefreie "
                    "Toilette ist vorhanden."
                ),
            },
            {
                "name": "Hüllen",
                "intro": (
                    "Hüllen ist ein lebendiger Stadtteil mit vielen alteingesessenen Familien. "
                    "Das Quartiersbüro an der Hüller Straße ist Ihre erste Anlaufstelle."
                ),
                "social_spaces": [
                    ("Ev. Kirchengemeinde Hüllen", "parish"),
                    ("Grundschule Hüllen", "school"),
                ],
                "meeting_places": (
                    "Im Quartiersbüro gibt es jeden Mittwoch ein offenes Frühstück. "
                    "Wer nicht gut zu Fuß ist, kann den Fahrdienst der Nachbarschaftshilfe nutzen."
                ),
            },
            {
                "name": "Schaffrath/Rosenhügel",
                "intro": (
                    "Im grünen Norden der Stadt vernetzen sich Nachbarschaften, Sportvereine "
                    "und die Seniorenbegegnungsstätte am Rosenhügel."
                ),
                "social_spaces": [
                    ("Seniorenbegegnungsstätte Rosenhügel", "centre"),
                    ("Siedlung Schaffrath", "neighbourhood"),
                ],
                "meeting_places": (
                    "Die Begegnungsstätte lädt montags zum Spielenachmittag und freitags zum "
                    "Erzählcafé ein. Alle sind willkommen, eine Anmeldung ist nicht nötig."
                ),
            },
            {
                "name": "Schalke",
                "intro": (
                    "Schalke ist mehr als Fußball: Im Quartier arbeiten Stadtteilbüro, "
                    "Kirchengemeinden, Vereine und Nachbarschaftshilfe eng zusammen."
                ),
                "social_spaces": [
                    ("Kath. Kirchengemeinde St. Joseph", "parish"),
                    ("Kita Grillostraße", "kindergarten"),
                    ("Stadtteilbüro Schalke", "centre"),
                ],
                "meeting_places": (
                    "Das Stadtteilbüro an der Grillostraße ist montags bis donnerstags von 9 bis "
                    "13 Uhr geöffnet. Hier gibt es Beratung, Kaffee und die Termine der Woche."
                ),
            },
        ],
        "contacts": [
            {
                "name": "Stadtteilbüro Schalke",
                "role": "Quartiersmanagement",
                "organisation": "Stadt Gelsenkirchen",
                "phone": "0209 123 456 0",
                "email": "schalke@quartier.invalid",
                "address": "Grillostraße 12\n45881 Gelsenkirchen",
                "office_hours": "Mo–Do 9–13 Uhr",
                "district": "schalke",
            },
            {
                "name": "Quartiersbüro Hüllen",
                "role": "Quartierskoordination",
                "organisation": "Stadt Gelsenkirchen",
                "phone": "0209 123 456 1",
                "email": "huellen@quartier.invalid",
                "address": "Hüller Straße 40\n45888 Gelsenkirchen",
                "office_hours": "Di und Do 10–16 Uhr",
                "district": "huellen",
            },
        ],
        "portal_pages": [
            {
                "title": "Über das Quartiersnetz",
                "slug": "ueber-uns",
                "intro": "Wer wir sind und wie das Quartiersnetz arbeitet.",
                "text": (
                    "<p>Das Quartiersnetz Gelsenkirchen ist ein Zusammenschluss von Menschen, "
                    "Vereinen, Kirchengemeinden, Wohlfahrtsverbänden und der Stadt. Unser Ziel: "
                    "Alle sollen so lange wie möglich gut und sicher in ihrem Quartier leben "
                    "können.</p><h2>Was wir tun</h2><ul><li>Treffpunkte und Begegnung</li>"
                    "<li>Nachbarschaftshilfe</li><li>Beratung rund ums Älterwerden</li></ul>"
                ),
                "faq": [
                    (
                        "Kostet das Mitmachen etwas?",
                        "<p>Nein. Alle Angebote des Quartiersnetzes sind kostenlos, sofern bei "
                        "einem Termin nichts anderes steht.</p>",
                    ),
                    (
                        "Ich habe kein Internet. Wie erfahre ich von Terminen?",
                        "<p>Rufen Sie Ihr Quartiersbüro an oder kommen Sie vorbei. Das "
                        "Wochenprogramm hängt auch in den Schaukästen der Kirchengemeinden "
                        "aus.</p>",
                    ),
                ],
            },
            {
                "title": "Mitmachen",
                "slug": "mitmachen",
                "intro": "Ob eine Stunde im Monat oder jede Woche: Jede Hilfe zählt.",
                "text": (
                    "<p>Sie möchten Ihre Nachbarschaft unterstützen, einen Treff mitgestalten oder "
                    "ein Angebot eintragen? Sprechen Sie uns an. Anbieter und Vereine erhalten "
                    "einen eigenen Zugang, um ihr Profil und ihre Beiträge selbst zu pflegen.</p>"
                ),
            },
            {
                "title": "Impressum",
                "slug": "impressum",
                "intro": "",
                "text": (
                    "<p>Stadt Gelsenkirchen, Referat Gesundheit und Senioren (Demo-Angaben).</p>"
                ),
                "show_in_menus": False,
            },
            {
                "title": "Datenschutz",
                "slug": "datenschutz",
                "intro": "",
                "text": (
                    "<p>Wir verarbeiten personenbezogene Daten nur, soweit es für die Plattform "
                    "nötig ist. Diese Seite ist ein Platzhalter der Demo.</p>"
                ),
                "show_in_menus": False,
            },
        ],
    },
    {
        "name": "Delbrück",
        "region": "kreis-paderborn",
        "official_key": "",
        "site": {"hostname": "delbrueck.localhost", "default": False},
        "portal": {
            "title": "Nachbarschaft Delbrück",
            "slug": "delbrueck",
            "intro": (
                "Delbrück und seine Ortsteile helfen sich gegenseitig: mit der "
                "Taschengeldbörse, mit Zeitspenden und mit offenen Treffs in den Dörfern."
            ),
        },
        "districts": [
            {
                "name": "Delbrück-Mitte",
                "intro": "Rund um den Kirchplatz: Rathaus, Bürgerbüro und Seniorentreff.",
                "social_spaces": [("Kath. Pfarrei St. Johannes Baptist", "parish")],
                "meeting_places": "Der Seniorentreff am Kirchplatz ist werktags ab 14 Uhr offen.",
            },
            {
                "name": "Ostenland",
                "intro": "Dorfgemeinschaft mit Schützenverein, Landfrauen und Kindergarten.",
                "social_spaces": [
                    ("Ortsteil Ostenland", "village"),
                    ("Kindergarten Ostenland", "kindergarten"),
                ],
                "meeting_places": "Das Pfarrheim ist donnerstags Treffpunkt für Jung und Alt.",
            },
            {
                "name": "Westenholz",
                "intro": "Im Westen der Stadt: aktive Vereine und eine starke Nachbarschaft.",
                "social_spaces": [("Ortsteil Westenholz", "village")],
                "meeting_places": "Im Dorfgemeinschaftshaus trifft sich mittwochs das Erzählcafé.",
            },
            {
                "name": "Boke",
                "intro": "An der Lippe gelegen, mit Grundschule und Heimatverein.",
                "social_spaces": [("Ortsteil Boke", "village"), ("Grundschule Boke", "school")],
                "meeting_places": "Der Heimatverein lädt jeden ersten Sonntag zum Kaffee ein.",
            },
        ],
        "contacts": [
            {
                "name": "Seniorenbüro Delbrück",
                "role": "Beratung und Nachbarschaftshilfe",
                "organisation": "Stadt Delbrück",
                "phone": "05250 996 000",
                "email": "senioren@quartier.invalid",
                "address": "Lange Straße 45\n33129 Delbrück",
                "office_hours": "Mo–Fr 9–12 Uhr",
                "district": "delbrueck-mitte",
            },
        ],
        "portal_pages": [
            {
                "title": "Über die Nachbarschaftshilfe",
                "slug": "ueber-uns",
                "intro": "So funktioniert die Nachbarschaftshilfe in Delbrück.",
                "text": (
                    "<p>Die Stadt Delbrück betreibt eine Börse für Nachbarschaftshilfe, "
                    "Taschengeldjobs und Zeitspenden. Jede Teilnehmerin und jeder Teilnehmer "
                    "wird vorher von der Stadt freigeschaltet.</p>"
                ),
            },
            {
                "title": "Impressum",
                "slug": "impressum",
                "intro": "",
                "text": "<p>Stadt Delbrück (Demo-Angaben).</p>",
                "show_in_menus": False,
            },
        ],
    },
]

MUNICIPALITIES.append(
    {
        "name": "Hövelhof",
        "region": "kreis-paderborn",
        "official_key": "",
        "site": {"hostname": "hoevelhof.localhost", "default": False},
        "portal": {
            "title": "Nachbarschaft Hövelhof",
            "slug": "hoevelhof",
            "intro": "Die Sennegemeinde Hövelhof teilt ihr Anbieterverzeichnis mit Delbrück.",
        },
        "districts": [
            {
                "name": "Hövelhof-Mitte",
                "intro": "Rund um den Marktplatz und das Rathaus.",
                "social_spaces": [("Kath. Pfarrei St. Johannes Nepomuk", "parish")],
                "meeting_places": (
                    "Im Bürgertreff am Marktplatz gibt es dienstags ein Seniorenfrühstück."
                ),
            },
        ],
        "contacts": [],
        "portal_pages": [],
    }
)

# Articles: where they go ("portal" or a district slug), who wrote them, what state.
# States: "published", "draft", "in_review" (submitted to the editorial workflow).
ARTICLES = [
    {
        "municipality": "Gelsenkirchen",
        "where": "portal",
        "author": "redaktion-ge",
        "state": "published",
        "kind": "press_release",
        "days_ago": 2,
        "title": "Vier Quartiere, ein Netz: Stadt startet Quartiersplattform",
        "intro": (
            "Ab sofort finden Bürgerinnen und Bürger aus Buer-Ost, Hüllen, Schaffrath/Rosenhügel "
            "und Schalke alle Angebote ihres Quartiers an einem Ort."
        ),
        "text": (
            "<p>Die neue Plattform bündelt Termine, Nachrichten und Ansprechpartner der vier "
            "Quartiersnetze. Sie ist gut lesbar, funktioniert ohne Anmeldung und wird von den "
            "Quartiersbüros gemeinsam mit Ehrenamtlichen gepflegt.</p>"
        ),
        "quote": (
            "Gute Nachbarschaft ist das beste Mittel gegen Einsamkeit im Alter.",
            "Quartierskoordination Gelsenkirchen",
        ),
        "tags": ["Quartiersnetz", "Digitales"],
        "image": "plattform",
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "portal",
        "author": "journalist-ge",
        "state": "published",
        "kind": "news",
        "days_ago": 9,
        "title": "Sicher unterwegs mit Rollator: Übungstag an der Haltestelle",
        "intro": (
            "Wie steige ich mit dem Rollator sicher in den Bus? Beim Übungstag erklärten "
            "Busfahrerinnen und Busfahrer geduldig jeden Schritt."
        ),
        "text": (
            "<p>Rund dreißig Seniorinnen und Senioren nutzten die Gelegenheit, an einem echten "
            "Linienbus zu üben. Der nächste Übungstag ist im Frühjahr geplant.</p>"
        ),
        "tags": ["Mobilität", "Senioren"],
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "schalke",
        "author": "quartier-schalke",
        "state": "published",
        "kind": "news",
        "days_ago": 4,
        "title": "Erzählcafé im Stadtteilbüro: „Schalke, wie es früher war“",
        "intro": (
            "Beim Erzählcafé teilten ältere Schalkerinnen und Schalker Erinnerungen an Zechen, "
            "Trinkhallen und den Markt an der Grillostraße."
        ),
        "text": (
            "<p>Bei Kaffee und Kuchen entstand eine lange Liste von Geschichten, die das "
            "Stadtteilbüro nun in einem kleinen Heft sammelt. Wer etwas beitragen möchte, ist "
            "herzlich eingeladen.</p>"
        ),
        "tags": ["Erzählcafé", "Begegnung"],
        "image": "erzaehlcafe",
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "schalke",
        "author": "anbieter-caritas",
        "state": "published",
        "kind": "news",
        "days_ago": 12,
        "title": "Neue Sprechstunde: Hilfe bei Anträgen zur Pflege",
        "intro": (
            "Die Caritas berät ab sofort jeden Dienstag im Stadtteilbüro zu Pflegegrad, "
            "Entlastungsbetrag und Hilfsmitteln."
        ),
        "text": (
            "<p>Die Beratung ist kostenlos und vertraulich. Bitte bringen Sie vorhandene "
            "Bescheide mit. Eine Anmeldung ist nicht nötig.</p>"
        ),
        "tags": ["Pflege", "Beratung"],
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "schalke",
        "author": "anbieter-caritas",
        "state": "in_review",
        "kind": "news",
        "days_ago": 0,
        "title": "Mittagstisch für Seniorinnen und Senioren startet im Januar",
        "intro": (
            "Jeden Donnerstag wird im Gemeindehaus St. Joseph gemeinsam gekocht und gegessen. "
            "Der Beitrag wartet auf die redaktionelle Prüfung."
        ),
        "text": "<p>Ein warmes Essen kostet 4,50 Euro. Wer wenig Geld hat, isst kostenlos.</p>",
        "tags": ["Essen", "Begegnung"],
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "huellen",
        "author": "quartier-huellen",
        "state": "published",
        "kind": "news",
        "days_ago": 6,
        "title": "Offenes Frühstück im Quartiersbüro Hüllen",
        "intro": "Jeden Mittwoch um 9 Uhr: Brötchen, Kaffee und gute Gespräche.",
        "text": (
            "<p>Das Frühstück wird von Ehrenamtlichen vorbereitet. Ein kleiner Beitrag für "
            "die Kaffeekasse ist willkommen, aber kein Muss.</p>"
        ),
        "tags": ["Begegnung"],
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "huellen",
        "author": "anbieter-sportverein",
        "state": "draft",
        "kind": "news",
        "days_ago": 0,
        "title": "Sitzgymnastik für alle ab 60 (Entwurf)",
        "intro": "Der Sportverein bietet ab Februar Sitzgymnastik in der Turnhalle an.",
        "text": "<p>Entwurf: Uhrzeit und Ort werden noch ergänzt.</p>",
        "tags": ["Bewegung"],
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "buer-ost",
        "author": "redaktion-ge",
        "state": "published",
        "kind": "news",
        "days_ago": 15,
        "title": "Spaziergruppe am Berger See sucht Mitgehende",
        "intro": "Jeden Freitag um 10 Uhr geht es gemütlich einmal um den See.",
        "text": (
            "<p>Treffpunkt ist der Parkplatz am Schloss Berge. "
            "Bänke zum Ausruhen gibt es genug.</p>"
        ),
        "tags": ["Bewegung", "Begegnung"],
        "image": "see",
    },
    {
        "municipality": "Gelsenkirchen",
        "where": "schaffrath-rosenhuegel",
        "author": "redaktion-ge",
        "state": "published",
        "kind": "news",
        "days_ago": 20,
        "title": "Spielenachmittag in der Begegnungsstätte Rosenhügel",
        "intro": "Rommé, Mensch ärgere Dich nicht und Skat: montags ab 14 Uhr.",
        "text": "<p>Neue Mitspielerinnen und Mitspieler sind immer willkommen.</p>",
        "tags": ["Begegnung"],
    },
    {
        "municipality": "Delbrück",
        "where": "portal",
        "author": "redaktion-delbrueck",
        "state": "published",
        "kind": "press_release",
        "days_ago": 3,
        "title": "Taschengeldbörse: Jugendliche helfen im Garten und beim Einkauf",
        "intro": (
            "Die Stadt Delbrück bringt Jugendliche ab 14 Jahren und ältere Menschen zusammen, "
            "die kleine Hilfen im Alltag brauchen."
        ),
        "text": (
            "<p>Für jede Stunde gibt es ein kleines Taschengeld. Alle Jugendlichen brauchen das "
            "Einverständnis ihrer Eltern; die Stadt schaltet jede Teilnahme persönlich frei.</p>"
        ),
        "tags": ["Taschengeldbörse", "Nachbarschaftshilfe"],
        "image": "garten",
    },
    {
        "municipality": "Delbrück",
        "where": "ostenland",
        "author": "anbieter-landfrauen",
        "state": "published",
        "kind": "news",
        "days_ago": 8,
        "title": "Landfrauen Ostenland laden zum Adventskaffee",
        "intro": "Am ersten Adventssonntag im Pfarrheim: Kuchen, Musik und ein Fahrdienst.",
        "text": "<p>Wer abgeholt werden möchte, meldet sich bis Freitag im Seniorenbüro.</p>",
        "tags": ["Begegnung"],
    },
    {
        "municipality": "Delbrück",
        "where": "boke",
        "author": "anbieter-landfrauen",
        "state": "in_review",
        "kind": "news",
        "days_ago": 0,
        "title": "Zeitspende: Vorlesen in der Grundschule Boke",
        "intro": "Lesepatinnen und Lesepaten gesucht – eine Stunde pro Woche genügt.",
        "text": "<p>Der Beitrag wartet auf die redaktionelle Prüfung.</p>",
        "tags": ["Zeitspende"],
    },
]

# Demo images, drawn by the loader (no files in the repository): colour and caption.
IMAGES = {
    "plattform": ("Quartiersplattform auf einem Tablet", (0, 90, 140)),
    "erzaehlcafe": ("Erzählcafé im Stadtteilbüro Schalke", (140, 60, 20)),
    "see": ("Spazierweg am Berger See", (30, 110, 60)),
    "garten": ("Jugendliche helfen bei der Gartenarbeit", (90, 120, 30)),
}

# Demo accounts: username, display name, role, where.
# role: "admin" | "editorial_team" | "district_editor" | "provider"
ACCOUNTS = [
    ("admin", "Plattform-Admin", "admin", None),
    ("redaktion-ge", "Renate Redaktion", "editorial_team", "Gelsenkirchen"),
    ("journalist-ge", "Jonas Journalist", "editorial_team", "Gelsenkirchen"),
    ("quartier-schalke", "Sabine Schalke", "district_editor", "schalke"),
    ("quartier-huellen", "Hans Hüllen", "district_editor", "huellen"),
    ("anbieter-caritas", "Caritasverband Gelsenkirchen", "provider", "Gelsenkirchen"),
    ("anbieter-sportverein", "SV Hüllen 1912", "provider", "Gelsenkirchen"),
    ("redaktion-delbrueck", "Doris Delbrück", "editorial_team", "Delbrück"),
    ("anbieter-landfrauen", "Landfrauen Ostenland", "provider", "Delbrück"),
    # The help exchange's roles; its residents are in cms/demo/exchange.py.
    ("kommune-ge", "Karla Kommune", "municipality_admin", "Gelsenkirchen"),
    ("helfer-ge", "Bernd Beauftragt", "proxy_helper", "Gelsenkirchen"),
    ("kommune-delbrueck", "Dieter Delbrück", "municipality_admin", "Delbrück"),
    ("helfer-delbrueck", "Hanna Helferin", "proxy_helper", "Delbrück"),
]

# The offer finder's categories (shared by the municipalities of a region).
SERVICE_CATEGORIES = [
    ("pflege-gesundheit", "Pflege und Gesundheit"),
    ("beratung", "Beratung"),
    ("alltag-einkauf", "Alltag und Einkauf"),
    ("begegnung-freizeit", "Begegnung und Freizeit"),
    ("bewegung-sport", "Bewegung und Sport"),
    ("wohnen-hilfsmittel", "Wohnen und Hilfsmittel"),
]

# Providers in every state. consent: "valid", "expiring" (in 14 days), "withdrawn".
# pending_change: a newer version written by the owner waits in the editorial review.
PROVIDERS = [
    {
        "municipality": "Gelsenkirchen",
        "title": "Caritasverband Gelsenkirchen",
        "kind": "institution",
        "owner": "anbieter-caritas",
        "consent": "valid",
        "summary": "Beratung zu Pflege, Demenz und Hilfen im Alter – kostenlos und vertraulich.",
        "description": (
            "<p>Der Caritasverband berät ältere Menschen und ihre Angehörigen zu Pflegegrad, "
            "Entlastungsleistungen und Hilfen im Haushalt. Wir kommen auch zu Ihnen nach "
            "Hause.</p>"
        ),
        "categories": ["pflege-gesundheit", "beratung"],
        "districts": ["schalke", "huellen"],
        "services": [
            ("Pflegeberatung", "Hilfe bei Anträgen zu Pflegegrad und Entlastungsbetrag."),
            ("Demenzsprechstunde", "Für Angehörige von Menschen mit Demenz."),
        ],
        "address": ("Kirchstraße 51", "45879", "Gelsenkirchen"),
        "phone": "0209 158 06 0",
        "email": "info@caritas-ge.invalid",
        "show": ("address", "phone", "email"),
        "hours": [(0, "09:00", "16:00"), (2, "09:00", "16:00"), (3, "13:00", "18:00")],
        "accessibility": ["step_free_access", "accessible_wc", "hearing_loop", "seating"],
        "tags": ["Pflege", "Demenz"],
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "SV Hüllen 1912",
        "kind": "volunteer",
        "owner": "anbieter-sportverein",
        "consent": "expiring",
        "pending_change": "Neu ab Februar: Sitzgymnastik für alle ab 60, donnerstags 10 Uhr.",
        "summary": "Sportverein mit Angeboten für Ältere: Spaziergänge, Gymnastik, Tanz.",
        "description": (
            "<p>Bewegung hält fit und macht gemeinsam mehr Spaß. Unsere Übungsleiterinnen "
            "haben Erfahrung mit Menschen, die nicht mehr so gut zu Fuß sind.</p>"
        ),
        "categories": ["bewegung-sport", "begegnung-freizeit"],
        "districts": ["huellen"],
        "services": [("Spaziergruppe", "Jeden Dienstag um 10 Uhr ab dem Vereinsheim.")],
        "address": ("Sportplatzweg 3", "45888", "Gelsenkirchen"),
        "phone": "0209 22 33 44",
        "email": "senioren@sv-huellen.invalid",
        "show": ("address", "email"),
        "hours": [(1, "10:00", "12:00")],
        "accessibility": ["step_free_access", "seating"],
        "tags": ["Bewegung"],
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Nachbarschaftshilfe Buer-Ost e. V.",
        "kind": "volunteer",
        "owner": None,
        "consent": "withdrawn",
        "summary": "Ehrenamtliche helfen beim Einkaufen und bei Arztbesuchen.",
        "description": (
            "<p>Dieses Profil ist nicht öffentlich: Die Einwilligung wurde widerrufen.</p>"
        ),
        "categories": ["alltag-einkauf"],
        "districts": ["buer-ost"],
        "services": [("Einkaufshilfe", "")],
        "address": ("", "", ""),
        "phone": "",
        "email": "",
        "show": (),
        "hours": [],
        "accessibility": [],
        "tags": [],
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Sanitätshaus am Rosenhügel",
        "kind": "business",
        "owner": None,
        "consent": "valid",
        "summary": "Rollatoren, Pflegebetten und Beratung zur Wohnungsanpassung.",
        "description": (
            "<p>Wir beraten Sie zu Hilfsmitteln und zum Umbau von Bad und Wohnung, "
            "auf Wunsch bei Ihnen zu Hause.</p>"
        ),
        "categories": ["wohnen-hilfsmittel", "pflege-gesundheit"],
        "districts": ["schaffrath-rosenhuegel", "buer-ost"],
        "services": [("Wohnraumberatung", "Wir kommen zu Ihnen und zeigen, was hilft.")],
        "address": ("Rosenhügelstraße 8", "45897", "Gelsenkirchen"),
        "phone": "0209 55 66 77",
        "email": "",
        "show": ("address", "phone"),
        "hours": [(0, "08:30", "18:00"), (1, "08:30", "18:00"), (4, "08:30", "13:00")],
        "accessibility": ["step_free_access", "accessible_parking"],
        "tags": ["Hilfsmittel"],
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Netzwerk Demenz Gelsenkirchen",
        "kind": "network",
        "owner": None,
        "consent": "valid",
        "summary": "Zusammenschluss von Diensten, Kirchengemeinden und Ehrenamtlichen.",
        "description": "<p>Gemeinsam machen wir Quartiere demenzfreundlich.</p>",
        "categories": ["beratung", "begegnung-freizeit"],
        "districts": ["schalke", "huellen", "buer-ost", "schaffrath-rosenhuegel"],
        "services": [("Demenz-Café", "Einmal im Monat im Stadtteilbüro Schalke.")],
        "address": ("", "", ""),
        "phone": "",
        "email": "netzwerk@demenz-ge.invalid",
        "show": ("email",),
        "hours": [],
        "accessibility": ["easy_language"],
        "tags": ["Demenz"],
        "partners": ["Caritasverband Gelsenkirchen"],
    },
    {
        "municipality": "Delbrück",
        "title": "Landfrauen Ostenland",
        "kind": "volunteer",
        "owner": "anbieter-landfrauen",
        "consent": "valid",
        "summary": "Adventskaffee, Besuchsdienst und Fahrdienst zu Veranstaltungen.",
        "description": "<p>Wir besuchen ältere Menschen im Dorf und nehmen sie mit.</p>",
        "categories": ["begegnung-freizeit"],
        "districts": ["ostenland"],
        "services": [("Besuchsdienst", "Einmal pro Woche, auf Wunsch auch öfter.")],
        "address": ("", "", ""),
        "phone": "05250 12 34",
        "email": "",
        "show": ("phone",),
        "hours": [],
        "accessibility": [],
        "tags": ["Besuch"],
    },
    {
        "municipality": "Hövelhof",
        "title": "Seniorenhilfe Hövelhof e. V.",
        "kind": "volunteer",
        "owner": None,
        "consent": "valid",
        "summary": "Hilfe beim Einkaufen, Begleitung zu Ärzten und ein offener Treff.",
        "description": "<p>Ehrenamtliche aus der Sennegemeinde helfen, wo es nötig ist.</p>",
        "categories": ["alltag-einkauf", "begegnung-freizeit"],
        "districts": ["hoevelhof-mitte"],
        "services": [("Einkaufsbegleitung", "Dienstags und freitags.")],
        "address": ("Marktplatz 1", "33161", "Hövelhof"),
        "phone": "05257 50 09 0",
        "email": "",
        "show": ("address", "phone"),
        "hours": [(1, "09:00", "11:00")],
        "accessibility": ["step_free_access", "accessible_wc"],
        "tags": ["Einkaufen"],
    },
]

# Events: days are counted from the next Tuesday, so the demo calendar is always current.
# "series" events repeat weekly; "skip" and "move" name occurrence numbers (0 = first).
EVENTS = [
    {
        "municipality": "Gelsenkirchen",
        "title": "Spieleabend im Quartierstreff",
        "districts": ["schalke"],
        "day": 0,
        "time": (19, 0),
        "hours": 2,
        "rule": "FREQ=WEEKLY;COUNT=20",
        "skip": [2],
        "move": {4: (1, 18)},  # the fifth evening moves to Wednesday 18:00
        "venue": ("Quartierstreff Schalke", "Schalker Straße 160", "45881", "Gelsenkirchen"),
        "social_spaces": ["Stadtteilbüro Schalke"],
        "categories": ["begegnung-freizeit"],
        "tags": ["spiele", "begegnung"],
        "description": "<p>Brettspiele, Karten und Gespräche – für Jung und Alt. "
        "Eigene Spiele dürfen gerne mitgebracht werden.</p>",
        "accessibility": ["step_free_access", "accessible_wc", "seating"],
        "state": "published",
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Nachbarschaftsfest Hüllen",
        "districts": ["huellen"],
        "day": 18,
        "time": (14, 0),
        "hours": 4,
        "venue": ("Marktplatz Hüllen", "Hüller Straße 1", "45888", "Gelsenkirchen"),
        "categories": ["begegnung-freizeit"],
        "tags": ["fest"],
        "description": "<p>Musik, Kuchen und Stände der Vereine aus dem Quartier.</p>",
        "accessibility": ["step_free_access", "seating"],
        "state": "published",
        "article": "Nachbarschaftsfest: Helferinnen und Helfer gesucht",
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Digitale Sprechstunde für Ältere",
        "districts": ["schalke", "huellen", "buer-ost"],
        "day": 6,
        "time": (10, 0),
        "hours": 1,
        "rule": "FREQ=MONTHLY;BYDAY=1MO;COUNT=6",
        "mode": "hybrid",
        "online": (
            "https://meet.quartier.invalid/sprechstunde",
            "0209 123 456 78, Zugangscode 4711",
        ),
        "venue": ("Stadtteilbüro Schalke", "Schalker Straße 160", "45881", "Gelsenkirchen"),
        "social_spaces": ["Stadtteilbüro Schalke"],
        "organiser": "Caritasverband Gelsenkirchen",
        "target_group": "seniors",
        "categories": ["beratung"],
        "description": "<p>Fragen zu Smartphone, Tablet und Videotelefonie – vor Ort oder "
        "am Telefon, auch ohne Computer.</p>",
        "accessibility": ["step_free_access", "hearing_loop"],
        "state": "published",
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Erzählcafé in St. Joseph",
        "districts": ["schalke"],
        "day": 2,
        "time": (15, 0),
        "hours": 2,
        "rule": "FREQ=WEEKLY;COUNT=12",
        "venue": ("Pfarrheim St. Joseph", "Grillostraße 60", "45881", "Gelsenkirchen"),
        "social_spaces": ["Kath. Kirchengemeinde St. Joseph"],
        "categories": ["begegnung-freizeit"],
        "free": False,
        "price": "Kaffee und Kuchen 2 €",
        "registration_required": True,
        "registration_info": "Pfarrbüro St. Joseph, Telefon 0209 147 147",
        "description": "<p>Bei Kaffee und Kuchen erzählen Ältere aus ihrem Leben im "
        "Quartier – und Jüngere hören zu.</p>",
        "accessibility": ["step_free_access", "hearing_loop", "seating"],
        "state": "published",
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Seniorenkino: Das Wunder von Bern",
        "districts": ["schaffrath-rosenhuegel"],
        "day": 10,
        "time": (15, 0),
        "hours": 2,
        "venue": ("Gemeindesaal St. Josef", "Rosenhügeler Straße 5", "45889", "Gelsenkirchen"),
        "status": "cancelled",
        "free": False,
        "price": "3 € inklusive Kaffee",
        "description": "<p>Leider muss die Vorführung ausfallen.</p>",
        "state": "published",
    },
    {
        "municipality": "Gelsenkirchen",
        "title": "Offenes Training für Ältere",
        "districts": ["huellen"],
        "day": 9,
        "time": (17, 0),
        "hours": 1,
        "venue": ("Sporthalle Hüllen", "Am Sportplatz 3", "45888", "Gelsenkirchen"),
        "organiser": "SV Hüllen 1912",
        "owner": "anbieter-sportverein",
        "target_group": "seniors",
        "description": "<p>Bewegung, die Spaß macht – ohne Vorkenntnisse.</p>",
        "state": "in_review",
    },
    {
        "municipality": "Delbrück",
        "title": "Landfrauen-Kaffee",
        "districts": ["ostenland"],
        "day": 3,
        "time": (15, 0),
        "hours": 2,
        "rule": "FREQ=WEEKLY;INTERVAL=2;COUNT=10",
        "venue": ("Dorfgemeinschaftshaus Ostenland", "Kirchstraße 2", "33129", "Delbrück"),
        "organiser": "Landfrauen Ostenland",
        "description": "<p>Kaffee, Kuchen und Neuigkeiten aus dem Dorf.</p>",
        "state": "published",
    },
]

# Info screens (kiosk pages) of district centres, below the district's home page.
INFO_SCREENS = [
    {
        "municipality": "Gelsenkirchen",
        "district": "schalke",
        "title": "Stadtteilbüro Schalke",
        "slug": "infobildschirm",
        "info_boxes": [
            (
                "Öffnungszeiten",
                "Montag bis Donnerstag 9 bis 13 Uhr.\nKommen Sie einfach vorbei – "
                "Kaffee ist immer da.",
            ),
            (
                "Nachbarschaftshilfe ohne Internet",
                "Wir tragen Ihr Angebot oder Gesuch für Sie ein und drucken einen "
                "Aushang mit Abreißzetteln.",
            ),
        ],
    },
]
