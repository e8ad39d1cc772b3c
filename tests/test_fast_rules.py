"""The compiled attribute ruler and lemmatizer annotate exactly as the stock components do."""

from __future__ import annotations

from conftest import SEEDS
from etl.fast_rules import speed_up_rule_components
from etl.nlp import load_model

TRICKY = [
    "We're gonna go, y'all ain't nothin' but c'mon. Let's see: I gave it to you, he gets what he got.",
    "\n\n  There is a dog.  It doesn't matter; do it! Which one did you have? That's that, isn't it?",
    "The talks, which were held in Astana on 14 December, ended; Lavrov said he'd been to Geneva twice.",
    "Houses, mice and geese: the best-known leaders were meeting, having met, and will meet again.",
]


def annotations(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_annotations_as_the_stock_components() -> None:
    stock, fast = load_model(), load_model()
    speed_up_rule_components(fast)
    assert [name for name, _ in fast.pipeline] == [name for name, _ in stock.pipeline]
    texts = TRICKY + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert annotations(got) == annotations(expected)
