import pytest

from cms.core.text import german_slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Schalke", "schalke"),
        ("Buer-Ost", "buer-ost"),
        ("Hüllen", "huellen"),
        ("Schaffrath/Rosenhügel", "schaffrath-rosenhuegel"),
        ("Delbrück", "delbrueck"),
        ("Straße am Großen Teich", "strasse-am-grossen-teich"),
    ],
)
def test_german_slugify_writes_out_umlauts_and_separates_words(name, slug):
    assert german_slugify(name) == slug
