"""Reading what the printed views produce: QR codes in inline SVG, pages of a PDF.

No QR decoder is installed, so a QR code is compared module by module: the SVG path
segno wrote is drawn back into a matrix and compared with the matrix segno makes for
the expected URL. The same content gives the same matrix, any other content a
different one.
"""

import re
import zlib

import segno

from cms.printing.qr import QUIET_ZONE

_SVG_BY_LABEL = r'<span class="qr" role="img" aria-label="{label}">(<svg.*?</svg>)</span>'


def qr_svg_labelled(html: str, label: str) -> str:
    """The SVG of the QR code whose accessible name is `label` (HTML-escaped as needed)."""
    match = re.search(_SVG_BY_LABEL.format(label=re.escape(label)), html, flags=re.S)
    assert match, f"no QR code labelled {label!r}"
    return match[1]


def svg_matrix(svg: str) -> list[list[bool]]:
    """Draw segno's SVG path ("M2 2.5h7m3 0h1…": runs of dark modules) into rows."""
    width, height = (int(n) for n in re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
    path = re.search(r'\sd="([^"]+)"', svg)[1]
    rows = [[False] * width for _ in range(height)]
    x = y = 0.0
    for command, first, second in re.findall(r"([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            end = float(first) if command == "H" else x + float(first)
            for column in range(int(x), int(end)):
                rows[int(y)][column] = True
            x = end
    return rows


def expected_matrix(url: str) -> list[list[bool]]:
    """The modules of the QR code segno makes for the URL, with the quiet zone drawn."""
    code = segno.make(url, micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def pdf_page_count(data: bytes) -> int:
    """Count the page objects of a PDF, also inside compressed object streams."""
    assert data.startswith(b"%PDF-")
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            chunks.append(zlib.decompressobj().decompress(data[match.end() : end]))
        except zlib.error:
            continue  # not a Flate stream (an image or a font); pages are never in those
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", b"".join(chunks)))
