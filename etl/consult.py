"""CONSULT event extraction on a parsed Doc (first crude version)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from etl.lexicon import load_lexicon


class ConsultExtractor:
    def __init__(self, lexicon_dir: str | Path | None = None) -> None:
        trig = load_lexicon("triggers.toml", lexicon_dir)
        self.verbs = {k: v["mode"] for k, v in trig.get("verbs", {}).items()}
        self.nouns = {k: v["mode"] for k, v in trig.get("nouns", {}).items()}

    def extract(self, doc: Doc) -> list[dict]:
        events = []
        for sent in doc.sents:
            for tok in sent:
                mode = self.verbs.get(tok.lemma_) if tok.pos_ == "VERB" else None
                if mode is None:
                    continue
                people = [e for e in sent.ents if e.label_ in ("PERSON", "GPE")]
                if not people:
                    continue
                status = "planned" if any(c.lower_ == "will" for c in tok.children) else "occurred"
                events.append({
                    "type": "CONSULT", "mode": mode, "status": status,
                    "participants": [{"name": e.text, "kind": "PERSON" if e.label_ == "PERSON" else "COUNTRY",
                                      "char_start": e.start_char, "char_end": e.end_char} for e in people],
                    "mentions": [{"char_start": sent.start_char, "char_end": sent.end_char, "trigger": tok.text}],
                    "date": None, "location": None, "issues": [], "confidence": 0.3,
                })
        return events
