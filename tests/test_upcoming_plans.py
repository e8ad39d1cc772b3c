"""`upcoming` lists plans whose date is today or later, and undated plans reported in the last 30 days; never a plan
that a later report says happened, nor a stale undated one."""

from __future__ import annotations

from datetime import date, timedelta

from test_consolidation import store
from test_pairing import run_report

from etl.records import ActorRef, DateRef, ExtractedEvent, MentionRef, ParticipantRef

TODAY = date.today()


def plan(sentence: str, *names: str, day: date | None = None, status: str = "planned") -> ExtractedEvent:
    return ExtractedEvent(
        type="CONSULT", mode="meeting", status=status,
        participants=[ParticipantRef(ActorRef(name, "PERSON", "USA", []), "participant") for name in names],
        mentions=[MentionRef(sentence, 0, len(sentence), "meet")],
        date=DateRef(day, day, "day", "then") if day else None)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_upcoming_shows_future_and_fresh_plans_only(cli, db_url: str) -> None:
    store(db_url, "soon", plan("Ann Able will meet Bo Baker next month.", "Ann Able", "Bo Baker", day=days(20)),
          published=days(-5))
    store(db_url, "past", plan("Cy Cole was to meet Di Dunn.", "Cy Cole", "Di Dunn", day=days(-20)),
          published=days(-40))
    store(db_url, "fresh", plan("Ed Eby plans to meet Flo Fox.", "Ed Eby", "Flo Fox"), published=days(-10))
    store(db_url, "stale", plan("Gus Gray plans to meet Hal Hunt.", "Gus Gray", "Hal Hunt"), published=days(-200))
    # A plan, and a later report that it happened: the event is no longer planned.
    store(db_url, "done-plan", plan("Ivy Ives plans to meet Jo Jay.", "Ivy Ives", "Jo Jay"), published=days(-60))
    store(db_url, "done", plan("Ivy Ives met Jo Jay.", "Ivy Ives", "Jo Jay", day=days(-30), status="occurred"),
          published=days(-29))

    listed = run_report(cli, db_url, "upcoming")
    assert [r["sentence"] for r in listed] == ["Ann Able will meet Bo Baker next month.",
                                               "Ed Eby plans to meet Flo Fox."]
    dated_only = run_report(cli, db_url, "upcoming", undated="no")
    assert [r["participants"] for r in dated_only] == ["Ann Able; Bo Baker"]
    # Looking back further in time brings the stale and past plans, never the one that happened.
    history = run_report(cli, db_url, "upcoming", date_from=days(-365).isoformat(),
                         undated_since=days(-365).isoformat())
    assert {r["participants"] for r in history} == {"Ann Able; Bo Baker", "Cy Cole; Di Dunn", "Ed Eby; Flo Fox",
                                                    "Gus Gray; Hal Hunt"}
