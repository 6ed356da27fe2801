"""The HTML report in a real browser: Debian's chromium, headless.

``--dump-dom`` prints the page after its script ran, so these tests see what
an editor sees: the highlights on the flagged words, no element made from a
draft's markup, the policy letting our script run (the filters appear), and
the filters hiding what they should. A screenshot, decoded here without PIL,
shows that the page is painted and that the highlight colour is on it.

Skipped, with the reason, where chromium is not installed (``.ci/run``
installs it).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK)
                                        else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(apt-get install chromium; .ci/run installs it)")

PAYLOAD = '<script>alert(1)</script> and "><img src=x onerror=alert(1)>'
DRAFTS = {
    "lede.md": ("# Bakery results\n\n"
                "Experts say the bakery chain is recovering. Quarterly profits at the chain "
                "jumped 76% to $1.1bn.\n\nA truck delivered the first loaves on Monday.\n"),
    "letter.txt": f"Sales of electric bikes rose 40% last year.\n\nOne letter had {PAYLOAD} in it twice.\n",
}
REGISTER = "terms:\n  - use: lorry\n    instead_of: [truck]\n"
# The warning highlight and the page background (report.css: --warning-bg, body).
WARNING_BG = (0xFF, 0xF0, 0xB3)
BACKGROUND = (0xFF, 0xFF, 0xFF)


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    """Run headless chromium with everything that could reach the network switched off."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, timeout=90, check=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, Path]:
    """The drafts, their HTML report and their JSON findings, from one real run each."""
    root = tmp_path_factory.mktemp("site")
    for name, text in DRAFTS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "register.yaml").write_text(REGISTER, encoding="utf-8")
    (root / "factlint.yaml").write_text("register: [register.yaml]\n", encoding="utf-8")
    for fmt, out in (("html", "report.html"), ("json", "report.json")):
        result = run_cli("check", "--format", fmt, "--output-file", out, *DRAFTS, cwd=root)
        assert result.returncode == 1, result.stderr
    return {"root": root, "html": root / "report.html", "json": root / "report.json"}


class Dom(HTMLParser):
    """Marks (finding numbers and text), notes (id, rule, hidden) and every element's tag."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[dict] = []
        self.notes: dict[int, dict] = {}
        self._mark: dict | None = None
        self.text = ""
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self._mark = {"f": [int(n) for n in a["data-f"].split()], "text": "", **a}
        if tag == "li" and "note" in (a.get("class") or ""):
            self.notes[int(a["id"][1:])] = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append(self._mark)
            self._mark = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._mark is not None:
            self._mark["text"] += data

    def marked_texts(self) -> Counter:
        """Each finding's highlighted text, as a multiset."""
        return Counter("".join(m["text"] for m in self.marks if n in m["f"]) for n in self.notes)


def flagged_texts(site: dict[str, Path]) -> Counter:
    """The words each finding of the JSON report points at, read from the drafts."""
    found = Counter()
    for f in json.loads(site["json"].read_text(encoding="utf-8"))["findings"]:
        lines = DRAFTS[f["path"]].split("\n")
        assert f["line"] == f["end_line"]
        found[lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]] += 1
    return found


def dump_dom(page: Path, profile: Path, *args: str) -> Dom:
    return Dom(chromium("--dump-dom", *args, page.as_uri(), profile=profile).stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def shown(site, tmp_path_factory) -> tuple[Dom, Path]:
    """The report's DOM after its script ran, and a 1200x900 screenshot: one chromium run."""
    tmp = tmp_path_factory.mktemp("chromium")
    shot = tmp / "report.png"
    dom = dump_dom(site["html"], tmp / "profile", f"--screenshot={shot}", "--window-size=1200,900")
    return dom, shot


def test_highlights_sit_on_the_flagged_words_after_the_script_ran(site, shown):
    dom = shown[0]
    expected = flagged_texts(site)
    assert {"Experts say", "76%", "$1.1bn", "truck", "40%"} <= set(expected)
    assert dom.marked_texts() == expected
    # The script ran under the page's policy: the filters are shown, the hover notes filled.
    form = [a for t, a in dom.tags if t == "form" and a.get("id") == "filters"]
    assert form and "hidden" not in form[0]
    assert all(m.get("data-tip") for m in dom.marks)
    assert any(m["data-tip"].startswith("warning [term-prefer] Use \"lorry\"") for m in dom.marks)


def test_markup_in_a_draft_never_becomes_an_element(site, shown):
    dom = shown[0]
    tags = Counter(t for t, _ in dom.tags)
    assert tags["img"] == 0 and tags["script"] == 1
    assert not [name for _, attrs in dom.tags for name in attrs if name.startswith("on")]
    # ... and it is on the page as text.
    assert PAYLOAD in dom.text


def test_unchecking_a_rule_hides_its_notes_and_uncolours_its_marks(site, tmp_path):
    """A copy of the page with one more script (allowed by its own hash) that unticks a rule."""
    page = site["html"].read_text(encoding="utf-8")
    untick = ('document.querySelector("input[name=rule][value=stat-unattributed]").click();')
    digest = base64.b64encode(hashlib.sha256(untick.encode()).digest()).decode()
    page = page.replace("script-src ", f"script-src 'sha256-{digest}' ", 1)
    page = page.replace("</body>", f"<script>{untick}</script></body>", 1)
    copy = tmp_path / "filtered.html"
    copy.write_text(page, encoding="utf-8")
    dom = dump_dom(copy, tmp_path / "profile")
    hidden = {n: "hidden" in a for n, a in dom.notes.items()}
    stat = {n for n, a in dom.notes.items() if a["data-rule"] == "stat-unattributed"}
    assert stat and all(hidden[n] for n in stat)
    assert not any(hidden[n] for n in dom.notes if n not in stat)
    for m in dom.marks:
        only_stat = set(m["f"]) <= stat
        assert ("off" in (m.get("class") or "")) == only_stat, m


# -- the screenshot ---------------------------------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit RGB or RGBA PNG (what chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    pixels: list[tuple[int, int, int]] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), previous, channels)
        pixels.extend(zip(row[0::channels], row[1::channels], row[2::channels]))
        previous = row
    return width, height, pixels


def _unfilter(kind: int, row: bytearray, previous: bytearray, bpp: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        corner = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            row[i] = (row[i] + predictor) & 0xFF
    return row


def test_the_screenshot_shows_text_and_highlights(shown):
    width, height, pixels = png_pixels(shown[1].read_bytes())
    assert (width, height) == (1200, 900)
    colours = Counter(pixels)
    painted = 1 - colours[BACKGROUND] / len(pixels)
    assert painted > 0.03, f"only {painted:.1%} of the page differs from the background"
    assert colours[WARNING_BG] > 200, "no warning highlight on the first screen"
