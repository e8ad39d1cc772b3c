"""The trigger lexicon and the context words the extractor reads (etl/lexicons/triggers.toml)."""

from __future__ import annotations

from pathlib import Path

from etl.lexicon import load_lexicon


class Lexicons:
    """Every word list the extractor reads, loaded once per process."""

    def __init__(self, lexicon_dir: str | Path | None) -> None:
        trig = load_lexicon("triggers.toml", lexicon_dir)
        self.verbs: dict[str, dict] = trig.get("verbs", {})
        self.nouns: dict[str, dict] = trig.get("nouns", {})
        ctx = trig.get("context", {})

        def words(key: str) -> set[str]:
            return {w.lower() for w in ctx.get(key, [])}

        self.light_verbs = words("light_verbs")
        self.receiving_verbs = words("receiving_verbs")
        self.host_verbs = words("host_verbs")
        self.hosted_events = words("hosted_events")
        self.quantity_nouns = words("quantity_nouns")
        self.phone_words = words("phone_words")
        self.video_words = words("video_words")
        self.excluded_compounds = words("excluded_compounds")
        self.excluded_noun_preps = {k: set(v) for k, v in ctx.get("excluded_noun_preps", {}).items()}
        self.reporting_verbs = words("reporting_verbs")
        self.planning_verbs = words("planning_verbs")
        self.planning_adjectives = words("planning_adjectives")
        self.planning_nouns = words("planning_nouns")
        self.planning_adverbs: dict[str, str] = {k.lower(): v.lower() for k, v in
                                                 ctx.get("planning_adverbs", {}).items()}
        self.accepting_verbs = words("accepting_verbs")
        self.negation_words = words("negation_words")
        self.negating_verbs = words("negating_verbs")
        self.calling_off_verbs = words("calling_off_verbs")
        self.negating_nouns = words("negating_nouns")
        self.hypothetical_words = words("hypothetical_words")
        self.generic_words = words("generic_words")
        self.report_nouns = words("report_nouns")
        self.completion_verbs = words("completion_verbs")
        self.caption_markers = list(ctx.get("caption_markers", []))
        self.place_nouns = words("place_nouns")
        self.venue_nouns = words("venue_nouns")
        self.entourage_verbs = words("entourage_verbs")
        self.area_nouns = words("area_nouns")
        self.building_nouns = words("building_nouns")
        self.movement_verbs = words("movement_verbs")
        self.journey_verbs = words("journey_verbs")
        self.office_visit_modifiers = words("office_visit_modifiers")
        self.distributive_modifiers = words("distributive_modifiers")
        self.combat_titles = words("combat_titles")
        self.member_markers = words("member_markers")
        self.group_subjects = words("group_subjects")
        self.auspices_nouns = words("auspices_nouns")
        self.course_verbs = words("course_verbs")
        self.scheduling_verbs = words("scheduling_verbs")
        self.internal_bodies = words("internal_bodies")
        self.broker_verbs = words("broker_verbs")
        self.contact_verbs = words("contact_verbs")
        self.address_verbs = words("address_verbs")
        self.opposition_nouns = words("opposition_nouns")
        self.relation_nouns = words("relation_nouns")
        self.topic_verbs = words("topic_verbs")
        self.gathering_verbs = words("gathering_verbs")
        self.sideline_nouns = words("sideline_nouns")
        self.attending_verbs = words("attending_verbs")
        self.coming_day_words = words("coming_day_words")
        self.reciprocal_blocking_preps = words("reciprocal_blocking_preps")
        self.group_nouns = words("group_nouns")
        self.collective_group_nouns = words("collective_group_nouns")
        self.domestic_group_modifiers = words("domestic_group_modifiers")
        self.faction_nouns = words("faction_nouns")
