"""Time split_sentences over the BBC news corpus.

The splitter runs on every lint, so it has to stay far below a second for the
whole 5 MB corpus; this script is how we check that without putting timing
assertions into the test suite.  It calls the splitter once per paragraph,
as factlint's document model does.

Usage: python bench/sentences_bbc.py [CORPUS_DIR] [--repeat N] [--sample N]

The best of --repeat runs is reported, since a busy machine only ever makes a
run slower.
"""

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factlint.sentences import split_sentences  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news"
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*")


def load(corpus: Path) -> list[str]:
    """Article texts; one corpus file is Latin-1, so fall back to it."""
    texts = []
    for path in sorted(corpus.rglob("*.txt")):
        data = path.read_bytes()
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(data.decode("latin-1"))
    return texts


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated paragraph ranges."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the best of")
    parser.add_argument("--sample", type=int, default=0, help="print N random sentences")
    args = parser.parse_args()

    texts = load(args.corpus)
    paras = [(text, paragraphs(text)) for text in texts]
    elapsed = float("inf")
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        spans = [(text, split_sentences(text, a, b)) for text, ranges in paras for a, b in ranges]
        elapsed = min(elapsed, time.perf_counter() - t0)

    n_sentences = sum(len(s) for _, s in spans)
    n_chars = sum(len(t) for t in texts)
    print(f"files={len(texts)} chars={n_chars} sentences={n_sentences} seconds={elapsed:.3f}")
    if args.sample:
        flat = [text[a:b] for text, s in spans for a, b in s]
        for sentence in random.Random(0).sample(flat, args.sample):
            print("-", sentence.replace("\n", " "))


if __name__ == "__main__":
    main()
