"""The hand coding of bench/gold/consolidation_pairs.json, written as code so each event carries its note and the
JSON is rebuilt the same way: `python bench/gold/consolidation_pairs_coding.py` (needs ../shared/corpora for the
articles' dates and lines)."""
import json
from collections import defaultdict
from functools import partial
from itertools import combinations
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SHARED = PROJECT.parent / "shared" / "corpora"
META = {}
for f in ("news_2015_2025.jsonl", "guardian_dev.jsonl"):
    for n, line in enumerate((SHARED / f).open(encoding="utf-8")):
        d = json.loads(line)
        META[d["id"]] = {"published_at": d["published_at"], "source": d.get("source"), "corpus": f, "line": n}


def p(*names, cc=None, optional=False):
    out = {"names": list(names)}
    if cc:
        out["country_code"] = cc
    if optional:
        out["optional"] = True
    return out


def country(name, cc, *more, optional=False):
    return p(name, *more, cc=cc, optional=optional)


MODI = p("Narendra Modi", "Modi")
SHARIF = p("Nawaz Sharif", "Sharif")
PUTIN = p("Vladimir Putin", "Putin")
ERDOGAN = p("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan", "Tayyip Erdogan", "Erdoğan", "Erdogan", "Erdogăn")
ABE = p("Shinzo Abe", "Abe")
TRUMP = p("Donald Trump", "Trump")
XI = p("Xi Jinping", "Xi")
KIM = p("Kim Jong-un", "Kim Jong Un", "Kim")
BLINKEN = p("Antony Blinken", "Blinken")
LAVROV = p("Sergei Lavrov", "Sergey Lavrov", "Lavrov")
RUBIO = p("Marco Rubio", "Rubio")
WANG_YI = p("Wang Yi", "Wang")
SWARAJ = p("Sushma Swaraj", "Swaraj")
VUCIC = p("Aleksandar Vučić", "Aleksandar Vucic", "Vučić", "Vucic")
KURTI = p("Albin Kurti", "Aljbin Kurti", "Kurti")
BORRELL = p("Josep Borrell", "Borrell")
LAJCAK = p("Miroslav Lajcak", "Miroslav Lajčák", "Lajcak", "Lajčák")
MICHEL = p("Charles Michel", "Michel")
SCHOLZ = p("Olaf Scholz", "Scholz")
MACRON = p("Emmanuel Macron", "Macron")
MELONI = p("Giorgia Meloni", "Giargia Meloni", "Meloni")
ROUHANI = p("Hassan Rouhani", "Rouhani")
ZELENSKYY = p("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelenskyy", "Zelensky")
KULEBA = p("Dmytro Kuleba", "Kuleba")
BAERBOCK = p("Annalena Baerbock", "Baerbock")
BIDEN = p("Joe Biden", "Biden")
TILLERSON = p("Rex Tillerson", "Tillerson")
MOON = p("Moon Jae-in", "Moon")


def opt(participant):
    return {**participant, "optional": True}


EVENTS = []


def e(article, cluster, mode, status, parts, location, date, note, optional=False, match_min=None, gold=EVENTS):
    assert article in META, article
    n = sum(1 for x in gold if x["article"] == article) + 1
    ev = {"id": f"c-{article}-{n}", "article": article, "cluster": cluster, "type": "CONSULT", "mode": mode,
          "status": status, "participants": parts, "location": location,
          "date": None if date is None else {"start": date[0], "end": date[-1]}, "optional": optional, "note": note}
    if match_min is not None:
        ev["match_min"] = match_min
    gold.append(ev)


UFA = ["Ufa"]
# --- Modi and Sharif at Ufa, July 2015 (planned twice, then held); Lahore, December 2015 (a look-alike) -------
a = "n-12d9bc2fd3"
e(a, "modi-sharif-ufa-2015-07-10", "meeting", "planned", [MODI, SHARIF], UFA, ("2015-07-09", "2015-07-10"),
  "Modi is likely to meet Sharif at Ufa next Thursday or Friday")
e(a, "modi-uzbekistan-visit-2015-07-06", "visit", "occurred", [MODI, country("Uzbekistan", "UZB", optional=True)],
  ["Uzbekistan", "Tashkent"], ("2015-07-06",), "Modi on Monday commenced his tour with a visit to Uzbekistan",
  optional=True, match_min=1)
e(a, "modi-kazakhstan-visit-2015-07-07", "visit", "planned", [MODI, country("Kazakhstan", "KAZ", optional=True)],
  ["Kazakhstan", "Astana"], ("2015-07-07",), "He will visit Kazakhstan on Tuesday", optional=True, match_min=1)
e(a, "sco-summit-ufa-2015-07-10", "multilateral", "planned", [MODI, SHARIF], UFA, ("2015-07-10",),
  "Modi and Sharif take part in the SCO summit in Ufa (Sharif on Friday)", optional=True)
e(a, "brics-sco-leaders-ufa-2015-07-09", "multilateral", "planned", [SHARIF, opt(PUTIN), opt(MODI)], UFA,
  ("2015-07-09",), "Sharif invited by Putin to meet the BRICS leaders on Thursday (the evening of Putin's dinner)",
  optional=True, match_min=1)
a = "n-9938cd7c51"
e(a, "modi-sharif-ufa-2015-07-10", "meeting", "planned", [MODI, SHARIF], UFA, ("2015-07-10",),
  "Modi and Sharif will meet on the sidelines of the SCO Summit here on July 10")
e(a, "sco-summit-ufa-2015-07-10", "multilateral", "planned", [MODI, SHARIF], UFA, ("2015-07-10",),
  "the two leaders will attend the SCO summit", optional=True)
e(a, "saarc-summit-kathmandu-2014-11", "multilateral", "occurred", [MODI, SHARIF], ["Kathmandu"],
  ("2014-11-01", "2014-11-30"), "Modi and Sharif had last met in Kathmandu in November at the SAARC Summit",
  optional=True)
e(a, "modi-sharif-call-2015-06", "phone", "occurred", [MODI, SHARIF], None, ("2015-06-16", "2015-06-20"),
  "at the beginning of Ramzan the Prime Minister had called Sharif", optional=True)
a = "n-e23498e3ca"
e(a, "modi-sharif-ufa-2015-07-10", "meeting", "occurred", [MODI, SHARIF], UFA, ("2015-07-10",),
  "Modi on Friday warmly received Sharif before their meeting on the sidelines of the SCO Summit")
e(a, "brics-sco-leaders-ufa-2015-07-09", "multilateral", "occurred", [MODI, SHARIF, opt(PUTIN)], UFA, ("2015-07-09",),
  "Modi and Sharif chatted at a dinner hosted by Putin last night", optional=True)
e(a, "saarc-summit-kathmandu-2014-11", "multilateral", "occurred", [MODI, SHARIF], ["Kathmandu"],
  ("2014-11-01", "2014-11-30"), "Modi and Sharif were last together in Kathmandu in November", optional=True)
LAHORE = ["Lahore", "Raiwind", "Jati Umra", "Jatti Umra"]
a = "n-10a11eeefb"
e(a, "modi-sharif-lahore-2015-12-25", "visit", "occurred", [MODI, SHARIF], LAHORE, ("2015-12-25",),
  "Modi landed in Lahore this afternoon and met Sharif")
e(a, "modi-sharif-call-2015-12-25", "phone", "occurred", [MODI, SHARIF], None, ("2015-12-25",),
  "he had spoken to Sharif to wish him for his birthday", optional=True)
e(a, "modi-kabul-visit-2015-12-25", "visit", "occurred", [MODI, country("Afghanistan", "AFG", optional=True)],
  ["Kabul", "Afghanistan"], ("2015-12-25",), "on his way back from Kabul", optional=True, match_min=1)
a = "n-bd1a61d0ce"
e(a, "modi-sharif-lahore-2015-12-25", "visit", "occurred", [MODI, SHARIF], LAHORE, ("2015-12-25",),
  "Modi joined Sharif at his ancestral home near Lahore on Christmas")
e(a, "modi-putin-moscow-2015-12", "visit", "occurred", [MODI, PUTIN], ["Moscow"], None,
  "Modi had flown to Moscow for an annual summit with Putin", optional=True)
e(a, "india-pakistan-foreign-secretaries-2016-01", "meeting", "planned",
  [country("India", "IND"), country("Pakistan", "PAK")], ["Islamabad"], ("2016-01-01", "2016-01-31"),
  "the foreign secretaries are to meet in Islamabad in January", optional=True)

# --- Putin and Erdoğan in St Petersburg, 9 August 2016 ------------------------------------------------------
SPB = ["St. Petersburg", "Saint Petersburg", "St Petersburg"]
for a, status, note in (("n-a10981e159", "occurred", "Erdogan on Tuesday met Putin in St. Petersburg"),
                        ("n-0cb876c57f", "occurred", "Putin and Erdogan on Tuesday met in Saint Petersburg"),
                        ("n-3e6539302f", "planned",
                         "Erdogan departed on Tuesday heading to St Petersburg to meet Putin")):
    e(a, "putin-erdogan-st-petersburg-2016-08-09", "visit", status, [PUTIN, ERDOGAN], SPB, ("2016-08-09",), note)
e("n-3e6539302f", "putin-erdogan-call-2016-07", "phone", "occurred", [PUTIN, ERDOGAN], None,
  ("2016-07-15", "2016-07-31"), "when Putin called me to present his condolences after the attempted putsch",
  optional=True)

# --- Putin in Nagato, 15 December 2016; Abe in Moscow, 27 April 2017 (a look-alike) -----------------------------
NAGATO = ["Nagato", "Japan"]
e("n-3b4457dd4d", "putin-abe-nagato-2016-12-15", "visit", "occurred", [PUTIN, ABE], NAGATO, ("2016-12-15",),
  "Putin met with Abe at a resort in Nagato on Thursday")
e("n-e356451e8b", "putin-abe-nagato-2016-12-15", "visit", "occurred", [PUTIN, ABE], NAGATO, ("2016-12-15",),
  "Abe and Putin met at a hot spring resort on Thursday")
a = "n-d9e44ec635"
e(a, "abe-putin-moscow-2017-04-27", "host", "occurred", [PUTIN, ABE], ["Moscow", "Kremlin"], ("2017-04-27",),
  "Putin was hosting Abe on Thursday")
e(a, "putin-abe-nagato-2016-12-15", "visit", "occurred", [PUTIN, ABE], NAGATO, ("2016-12-01", "2016-12-31"),
  "after Putin made a state visit to Japan in December", optional=True)
e(a, "abe-putin-vladivostok-2016-09", "meeting", "occurred", [PUTIN, ABE], ["Vladivostok", "Russia's Far East"],
  ("2016-09-01", "2016-09-30"), "Abe met Putin in Russia's Far East in September", optional=True)

# --- Trump and Xi: Mar-a-Lago 2017, Beijing 2017, Buenos Aires 2018, Osaka 2019 ----------------------------------
MARALAGO = ["Mar-a-Lago", "Florida", "Palm Beach"]
e("n-9648757884", "trump-xi-mar-a-lago-2017-04-06", "meeting", "planned", [TRUMP, XI], MARALAGO,
  ("2017-04-06", "2017-04-07"), "Xi will meet with Trump at his Mar-a-Lago resort on April 6 and 7")
e("n-9648757884", "xi-finland-visit-2017-04", "visit", "planned", [XI, country("Finland", "FIN", optional=True)],
  ["Finland"], None, "Xi will visit Florida after a trip to Finland", optional=True, match_min=1)
a = "n-68564e69b0"
e(a, "trump-xi-mar-a-lago-2017-04-06", "meeting", "planned", [TRUMP, XI], MARALAGO, ("2017-04-06", "2017-04-07"),
  "meetings that will take place Thursday and Friday at Mar-a-Lago")
e(a, "tillerson-xi-palm-beach-2017-04-06", "meeting", "occurred", [TILLERSON, XI], ["Palm Beach", "Florida"],
  ("2017-04-06",), "Tillerson was the first to greet Xi on the tarmac", optional=True)
a = "n-37da5bebf9"
e(a, "trump-xi-mar-a-lago-2017-04-06", "meeting", "occurred", [TRUMP, XI], MARALAGO, ("2017-04-06",),
  "the pair met for the first time at Mar-a-Lago on Thursday")
e(a, "trump-china-state-visit-2017-11-08", "visit", "planned", [TRUMP, XI], ["China", "Beijing"],
  ("2017-04-08", "2017-12-31"), "Xi has invited Trump to a state visit in China later this year", optional=True)
a = "n-82727d9957"
e(a, "trump-china-state-visit-2017-11-08", "visit", "occurred", [TRUMP, XI], ["Beijing", "China"],
  ("2017-11-08", "2017-11-10"), "Trump arrived in Beijing Wednesday, beginning his state visit, and will hold talks "
  "with Xi (one exchange: the talks are what the visit is for)")
e(a, "trump-xi-mar-a-lago-2017-04-06", "meeting", "occurred", [TRUMP, XI], MARALAGO, ("2017-04-01", "2017-04-30"),
  "their first meeting at Mar-a-Lago in April", optional=True)
e(a, "trump-xi-hamburg-2017-07", "meeting", "occurred", [TRUMP, XI], ["Hamburg"], ("2017-07-01", "2017-07-31"),
  "the second in Hamburg on the sidelines of the G20 summit in July", optional=True)
OSAKA = ["Osaka", "Japan"]
a = "n-c08556e361"
e(a, "trump-xi-osaka-2019-06-29", "meeting", "occurred", [TRUMP, XI], OSAKA, ("2019-06-29",),
  "Trump broke the news Saturday in Osaka, after meeting Xi")
e(a, "trump-xi-buenos-aires-2018-12-01", "meeting", "occurred", [TRUMP, XI], ["Buenos Aires"],
  ("2018-12-01", "2018-12-31"), "the first tete-a-tete since the last G20 in December", optional=True)
a = "n-dffe2f4d17"
e(a, "trump-xi-osaka-2019-06-29", "meeting", "occurred", [TRUMP, XI], OSAKA, ("2019-06-29",),
  "after sitting down with each other for 80 minutes at the G20 Summit in Osaka on Saturday")
e(a, "trump-xi-buenos-aires-2018-12-01", "meeting", "occurred", [TRUMP, XI], ["Buenos Aires"], ("2018-12-01",),
  "Back on Dec. 1 last year the two had agreed at the G20 summit in Buenos Aires", optional=True)
e(a, "trump-xi-osaka-informal-2019-06-28", "meeting", "occurred", [TRUMP, XI], OSAKA, ("2019-06-28",),
  "Trump and Xi had also an unofficial meeting the previous day", optional=True)

# --- Modi and Xi in Wuhan, 27-28 April 2018 -------------------------------------------------------------------
WUHAN = ["Wuhan"]
a = "n-a73ede9f9e"
e(a, "modi-xi-wuhan-2018-04-27", "meeting", "planned", [MODI, XI], WUHAN, ("2018-04-27", "2018-04-28"),
  "Modi will travel to Wuhan for an informal summit with Xi from April 27 to 28")
e(a, "wang-swaraj-beijing-2018-04-22", "meeting", "occurred", [WANG_YI, SWARAJ], ["Beijing"], ("2018-04-22",),
  "announcing this on Sunday in Beijing after talks with Swaraj")
e(a, "modi-sco-qingdao-2018-06", "multilateral", "planned", [MODI, country("China", "CHN", optional=True)],
  ["China", "Qingdao"], ("2018-06-01", "2018-06-30"), "He is expected to visit again for the SCO summit in June",
  optional=True, match_min=1)
a = "n-739206e84e"
e(a, "modi-xi-wuhan-2018-04-27", "meeting", "occurred", [MODI, XI], WUHAN, ("2018-04-27", "2018-04-28"),
  "Modi and Xi had a 40-minute one-on-one meeting in Wuhan on Friday; more on Saturday")
e(a, "xi-india-informal-summit-2019", "meeting", "planned", [MODI, XI], ["India"], ("2019-01-01", "2019-12-31"),
  "He invited Xi to India next year for a similar summit", optional=True)
a = "n-71aac33a0d"
e(a, "modi-xi-wuhan-2018-04-27", "meeting", "occurred", [MODI, XI], WUHAN, ("2018-04-27", "2018-04-28"),
  "Modi and Xi who met yesterday in Wuhan will spend more time together today")
e(a, "xi-india-informal-summit-2019", "meeting", "planned", [MODI, XI], ["India"], ("2019-01-01", "2019-12-31"),
  "Modi invited Xi to an informal summit in India next year", optional=True)

# --- Trump and Kim: Hanoi, 27-28 February 2019; the DMZ, 30 June 2019 ------------------------------------------
HANOI = ["Hanoi", "Vietnam"]
for a, note in (("n-c8d5b2d068", "talks cut short in the final hours of a two-day summit in Vietnam"),
                ("n-fdfd0cd494", "Trump and Kim abruptly cut short their second summit on Thursday"),
                ("n-972d6d285d", "Trump and Kim early Thursday cut short their summit in Hanoi")):
    e(a, "trump-kim-hanoi-2019-02-27", "meeting", "occurred", [TRUMP, KIM], HANOI, ("2019-02-27", "2019-02-28"), note)
# --- Putin and Kim in Vladivostok, 25 April 2019 --------------------------------------------------------------
VLADIVOSTOK = ["Vladivostok", "Russky Island"]
for a, note in (("n-5c2a90d378", "Kim began his first summit with Putin in Vladivostok on Thursday"),
                ("n-cf3c5f9b00", "his summit meeting Thursday in Vladivostok with Kim"),
                ("n-bd45d223c5", "Kim met Putin on Thursday at a summit"),
                ("n-bb2c4b64c9", "Kim and Putin met in Vladivostok on Thursday")):
    e(a, "putin-kim-vladivostok-2019-04-25", "meeting", "occurred", [PUTIN, KIM], VLADIVOSTOK, ("2019-04-25",), note)
e("n-cf3c5f9b00", "putin-china-leaders-2019-04-26", "meeting", "planned",
  [PUTIN, country("China", "CHN", "Beijing")], ["Beijing"], ("2019-04-26",),
  "I will speak tomorrow in Beijing with the leadership of China", optional=True)
e("n-bd45d223c5", "trump-kim-hanoi-2019-02-27", "meeting", "occurred", [TRUMP, KIM], HANOI, None,
  "two months after Kim's summit with Trump ended in disagreement", optional=True)
e("n-bb2c4b64c9", "trump-kim-hanoi-2019-02-27", "meeting", "occurred", [TRUMP, KIM], HANOI, None,
  "a month after Kim and Trump's failed summit in Vietnam", optional=True)
DMZ = ["Panmunjom", "Demilitarized Zone", "DMZ", "Freedom House"]
e("n-1e776afe7a", "trump-kim-dmz-2019-06-30", "meeting", "occurred", [TRUMP, KIM], DMZ, ("2019-06-30",),
  "Trump greeted Kim at the DMZ on Sunday")
e("n-49c559e8bc", "trump-kim-dmz-2019-06-30", "meeting", "occurred", [TRUMP, KIM], DMZ, ("2019-06-30",),
  "Trump on Sunday crossed into the DMZ to hold a meeting with Kim")
e("n-49c559e8bc", "trump-kim-hanoi-2019-02-27", "meeting", "occurred", [TRUMP, KIM], HANOI,
  ("2019-01-01", "2019-06-30"), "the unsuccessful summit earlier this year in Vietnam", optional=True)
e("n-49c559e8bc", "trump-moon-seoul-2019-06-30", "meeting", "occurred", [TRUMP, MOON], ["Seoul"], ("2019-06-30",),
  "an earlier press conference with Moon Jae-in", optional=True)

# --- Blinken and Lavrov in Geneva, 21 January 2022 -------------------------------------------------------------
a = "n-e65861d7cb"
e(a, "blinken-lavrov-geneva-2022-01-21", "meeting", "planned", [BLINKEN, LAVROV], ["Geneva"], ("2022-01-21",),
  "Blinken and Lavrov have agreed to meet in Geneva on Friday")
e(a, "blinken-zelenskyy-kyiv-2022-01-19", "visit", "planned", [BLINKEN, ZELENSKYY, opt(KULEBA)], ["Kyiv"],
  ("2022-01-19",), "Blinken will meet Zelenskyy and Kuleba in Kyiv on January 19", optional=True)
e(a, "blinken-baerbock-berlin-2022-01-20", "visit", "planned", [BLINKEN, BAERBOCK], ["Berlin"], ("2022-01-20",),
  "On January 20, Blinken will travel to Berlin to meet Baerbock", optional=True)
e(a, "biden-putin-call-2021-12", "phone", "occurred", [BIDEN, PUTIN], None, None,
  "Earlier, Putin and Biden held a telephonic dialogue", optional=True)
e("n-a05f8972d3", "blinken-lavrov-geneva-2022-01-21", "meeting", "occurred", [BLINKEN, LAVROV], ["Geneva"],
  ("2022-01-21",), "Blinken met with Lavrov in Geneva Friday")

# --- Xi in Moscow, 20-22 March 2023 ------------------------------------------------------------------------------
MOSCOW = ["Moscow", "Russia"]
e("n-10850a0556", "xi-putin-moscow-2023-03-20", "visit", "planned",
  [XI, PUTIN, country("Russia", "RUS", optional=True)], MOSCOW, ("2023-03-20", "2023-03-22"),
  "Xi will pay a state visit to Russia on 20 to 22 March")
e("n-49e93e61fb", "xi-putin-moscow-2023-03-20", "visit", "occurred",
  [XI, opt(PUTIN), country("Russia", "RUS", optional=True)], MOSCOW, ("2023-03-20", "2023-03-22"),
  "Xi arrived in Moscow on Monday for a state visit", match_min=1)

# --- Rubio in Kuala Lumpur, 10-11 July 2025 --------------------------------------------------------------------
KL = ["Kuala Lumpur", "Malaysia"]
a = "n-b72b9c7798"
e(a, "rubio-wang-kuala-lumpur-2025-07-11", "meeting", "occurred", [RUBIO, WANG_YI], KL, ("2025-07-11",),
  "Rubio sat down with Wang Yi in Kuala Lumpur")
e(a, "rubio-malaysia-visit-2025-07-10", "visit", "occurred", [RUBIO, country("Malaysia", "MYS", optional=True)],
  KL, ("2025-07-10",), "Rubio arrived in Malaysia on Thursday", optional=True, match_min=1)
a = "n-36aa9d4807"
e(a, "rubio-wang-kuala-lumpur-2025-07-11", "meeting", "planned", [RUBIO, WANG_YI], KL, ("2025-07-11",),
  "Rubio and Wang are scheduled to hold their first in-person meeting Friday in Malaysia")
e(a, "rubio-lavrov-kuala-lumpur-2025-07-10", "meeting", "occurred", [RUBIO, LAVROV], KL, ("2025-07-10",),
  "On Thursday, shortly after holding talks with Lavrov")
e(a, "rubio-wang-call-2025-01", "phone", "occurred", [RUBIO, WANG_YI], None, ("2025-01-01", "2025-01-31"),
  "He last spoke with Wang by phone in January", optional=True)
a = "n-cba36f0c69"
e(a, "rubio-wang-kuala-lumpur-2025-07-11", "meeting", "planned", [RUBIO, WANG_YI], KL, ("2025-07-11",),
  "Rubio is poised to hold a meeting with Wang Yi in Kuala Lumpur this Friday")
e(a, "rubio-lavrov-kuala-lumpur-2025-07-10", "meeting", "occurred", [RUBIO, LAVROV], KL, ("2025-07-10",),
  "Arriving on Thursday, Rubio partook in bilateral discussions with Lavrov")
e(a, "rubio-malaysia-visit-2025-07-10", "visit", "occurred", [RUBIO, country("Malaysia", "MYS", optional=True)],
  KL, ("2025-07-10",), "Arriving in Malaysia on Thursday", optional=True, match_min=1)

# --- Vučić, Kurti and the EU in Brussels: 27 February 2023 (planned), 26 October 2023 ---------------------------
BRUSSELS = ["Brussels"]
e("n-392f2cda31", "eu-vucic-kurti-brussels-2023-02-27", "third-party", "planned",
  [BORRELL, VUCIC, KURTI, opt(LAJCAK)], BRUSSELS, ("2023-02-27",),
  "Borrell called a high-level meeting with Vučić and Kurti for Monday, February 27")
SIX = [MICHEL, BORRELL, LAJCAK, SCHOLZ, MACRON, MELONI]
for a in ("n-a028f580d4", "n-86ebad3be7"):
    e(a, "eu-vucic-brussels-2023-10-26", "meeting", "occurred", [VUCIC, *SIX], BRUSSELS, ("2023-10-26",),
      "Vučić met Michel, Borrell, Lajcak, Scholz, Macron and Meloni")
e("n-a028f580d4", "eu-kurti-brussels-2023-10-26", "meeting", "occurred", [KURTI, *map(opt, SIX)], BRUSSELS,
  ("2023-10-26",), "Previously, the European officials spoke with Kurti", match_min=1)
e("n-86ebad3be7", "eu-kurti-brussels-2023-10-26", "meeting", "occurred", [KURTI, *SIX], BRUSSELS, ("2023-10-26",),
  "a meeting between Lajcak, Borrell, Michel and the leaders of France, Germany and Italy with Kurti")

# --- Guardian: Trump and Erdoğan's calls; the Sochi summits; Erdoğan's calls of April 2018 -----------------------
for a, date, note in (("guardian-c8c18b6853", ("2018-12-14",), "Trump talked to Erdoğan by phone on Friday"),
                      ("guardian-696cd9b316", ("2018-12-14",), "On Monday, three days after Trump and Erdoğan spoke"),
                      ("guardian-e528b00c1a", None, "the decision during a conversation with Erdoğan"),
                      ("guardian-fab71d073b", ("2018-12-01", "2018-12-25"),
                       "a phone call with Erdoğan earlier this month")):
    e(a, "trump-erdogan-call-2018-12-14", None if a == "guardian-e528b00c1a" else "phone", "occurred",
      [TRUMP, ERDOGAN], None, date, note)
e("guardian-fab71d073b", "trump-turkey-visit-2019", "visit", "planned",
  [TRUMP, country("Turkey", "TUR", optional=True)], ["Turkey"], ("2019-01-01", "2019-12-31"),
  "Trump has received an invitation to visit Turkey in 2019", optional=True, match_min=1)
e("guardian-19a24b41d1", "trump-erdogan-call-2018-01-24", "phone", "occurred", [TRUMP, ERDOGAN], None,
  ("2018-01-24",), "Trump called Erdoğan on Wednesday")
e("guardian-364ce24310", "trump-erdogan-call-2018-01-24", "phone", "occurred", [TRUMP, ERDOGAN], None, None,
  "opposing accounts of a phone call between Trump and Erdoğan")
SOCHI = ["Sochi"]
e("guardian-c814acf1ae", "sochi-summit-2019-02-14", "multilateral", "planned", [PUTIN, ERDOGAN, ROUHANI], SOCHI,
  ("2019-02-14",), "Putin, Erdoğan and Rouhani are due to meet in Sochi on Thursday")
e("guardian-06b9790425", "sochi-summit-2019-02-14", "multilateral", "occurred",
  [p("Russia", "Vladimir Putin", "Putin", cc="RUS"), p("Iran", "Hassan Rouhani", "Rouhani", cc="IRN"),
   p("Turkey", "Recep Tayyip Erdoğan", "Erdoğan", cc="TUR", optional=True)], SOCHI, ("2019-02-11", "2019-02-17"),
  "celebrations in Sochi last week when Assad's main backers met")
e("guardian-542c0f33fa", "sochi-summit-2017-11-22", "multilateral", "occurred",
  [p("Russia", "Vladimir Putin", "Putin", cc="RUS"), p("Turkey", "Recep Tayyip Erdoğan", "Erdoğan", cc="TUR"),
   p("Iran", "Hassan Rouhani", "Rouhani", cc="IRN", optional=True)], SOCHI, ("2017-11-01", "2017-11-30"),
  "a trilateral summit in Sochi last November")
a = "guardian-20262c13eb"
e(a, "erdogan-trump-call-2018-04-12", "phone", "occurred", [ERDOGAN, TRUMP], None, ("2018-04-11", "2018-04-13"),
  "separate phone calls with both Trump and Putin in the last 48 hours (Trump)")
e(a, "erdogan-putin-call-2018-04-12", "phone", "occurred", [ERDOGAN, PUTIN], None, ("2018-04-11", "2018-04-13"),
  "separate phone calls with both Trump and Putin in the last 48 hours (Putin)")
e("guardian-46d666e1a8", "putin-erdogan-call-2018-04-09", "phone", "occurred", [PUTIN, ERDOGAN], None,
  ("2018-04-09",), "Erdoğan received a phone call later that day (Monday) from Putin")



# === Held out: coded after the rules were fixed, scored once ====================================================
HELD_OUT = []
h = partial(e, gold=HELD_OUT)
KOVIND = p("Ram Nath Kovind", "Kovind")
ALBANESE = p("Anthony Albanese", "Albanese")
ZHAO_LEJI = p("Zhao Leji", "Zhao")
WONG = p("Penny Wong", "Wong")
KISHIDA = p("Fumio Kishida", "Kishida")
YOON = p("Yoon Suk-yeol", "Yoon Suk Yeol", "Yoon")
SALMAN = p("Salman bin Abdulaziz Al Saud", "King Salman", "Salman")
MBS = p("Mohammed bin Salman", "Crown Prince Mohammed bin Salman")
SAUDI = country("Saudi Arabia", "SAU", "Riyadh", "Saudi", optional=True)

# --- Putin in New Delhi, 4-5 October 2018: the summit, and the dinner the evening he landed -----------------------
DELHI = ["New Delhi", "Delhi", "India"]
h("n-9ec94f654b", "putin-modi-delhi-summit-2018-10-05", "visit", "planned", [PUTIN, MODI], DELHI,
  ("2018-10-04", "2018-10-05"), "Putin will pay an official visit to New Delhi on October 4 and 5 ... talks with Modi")
h("n-9ec94f654b", "putin-kovind-delhi-2018-10", "meeting", "planned", [PUTIN, KOVIND], DELHI,
  ("2018-10-04", "2018-10-05"), "Putin will also meet with President Ram Nath Kovind", optional=True)
h("n-aa12ddebc7", "putin-modi-delhi-summit-2018-10-05", "meeting", "occurred", [PUTIN, MODI], DELHI,
  ("2018-10-05",), "the deal was finalised today in New Delhi in a meeting between Putin and Modi")
h("n-9f75733b85", "putin-modi-delhi-summit-2018-10-05", "meeting", "planned", [PUTIN, MODI], DELHI,
  ("2018-10-05",), "the detailed talks to be held between the two leaders at the annual summit on Friday")
h("n-9f75733b85", "putin-modi-dinner-2018-10-04", "host", "occurred", [PUTIN, MODI], DELHI, ("2018-10-04",),
  "Putin landed on Thursday evening ... met Modi, who hosted a dinner for him")
h("n-9f75733b85", "putin-swaraj-delhi-2018-10-04", "meeting", "occurred", [PUTIN, SWARAJ], DELHI, ("2018-10-04",),
  "was warmly received by external affairs minister Sushma Swaraj", optional=True)

# --- Biden and Putin in Geneva, 16 June 2021 --------------------------------------------------------------------
GENEVA = ["Geneva", "Villa La Grange"]
h("n-45fe8a7504", "biden-putin-geneva-2021-06-16", "meeting", "occurred", [BIDEN, PUTIN], GENEVA, ("2021-06-16",),
  "Biden and Putin exchanged a handshake before a U.S.-Russia summit in Geneva")
h("n-45fe8a7504", "reagan-gorbachev-geneva-1985", "meeting", "occurred",
  [p("Ronald Reagan", "Reagan"), p("Mikhail Gorbachev", "Gorbachev")], ["Geneva"], ("1985-01-01", "1985-12-31"),
  "the 1985 meeting between Ronald Reagan and Mikhail Gorbachev", optional=True)
h("n-9b600f47c8", "biden-putin-geneva-2021-06-16", "meeting", "occurred", [BIDEN, PUTIN], GENEVA, ("2021-06-16",),
  "Putin flew into Geneva on Wednesday shortly before the scheduled start of the meeting")

# --- Xi in Riyadh, 7-9 December 2022 ------------------------------------------------------------------------------
RIYADH = ["Riyadh", "Saudi Arabia"]
for a, note in (("n-99a3fadf82", "Xi arrived here Wednesday afternoon to pay a state visit to Saudi Arabia"),
                ("n-3c8287edc5", "Xi arrived in Riyadh on Wednesday for a three-day visit"),
                ("n-247a702173", "Xi has arrived in Saudi Arabia to attend meetings with Gulf Arab nations"),
                ("n-d3c4f3bf60", "Xi arrived in Saudi Arabia on Wednesday on an official visit")):
    h(a, "xi-saudi-visit-2022-12-07", "visit", "occurred", [XI, SAUDI], RIYADH, ("2022-12-07",), note, match_min=1)
h("n-3c8287edc5", "xi-salman-summit-2022-12", "meeting", "planned", [XI, SALMAN, opt(MBS)], RIYADH,
  ("2022-12-07", "2022-12-09"), "a Saudi-Chinese summit headed by King Salman and the Chinese president will be held")
h("n-3c8287edc5", "china-gcc-summit-2022-12-09", "multilateral", "planned",
  [XI, p("Gulf Cooperation Council", "GCC", optional=True)], RIYADH, ("2022-12-09",),
  "The Gulf-Chinese summit will be held on Friday", optional=True, match_min=1)
h("n-d3c4f3bf60", "xi-saudi-visit-2016", "visit", "occurred", [XI, SAUDI], ["Saudi Arabia"],
  ("2016-01-01", "2016-12-31"), "He last visited the kingdom in 2016", optional=True, match_min=1)

# --- Zelensky in Washington, 21 December 2022 ---------------------------------------------------------------------
WASHINGTON = ["Washington", "White House", "Washington, D.C."]
h("n-8ab0f9e9ee", "zelensky-biden-washington-2022-12-21", "visit", "occurred", [ZELENSKYY, BIDEN], WASHINGTON,
  ("2022-12-21",), "Zelensky arrived in Washington on Wednesday for a summit with Biden")
h("n-6475d02bb0", "zelensky-biden-washington-2022-12-21", "visit", "occurred", [ZELENSKYY, BIDEN], WASHINGTON,
  ("2022-12-21",), "Zelensky met with Biden earlier in the day after flying to Washington")
h("n-aa3572a3fe", "zelensky-biden-washington-2022-12-21", "visit", "planned", [ZELENSKYY, BIDEN], WASHINGTON,
  ("2022-12-21",), "Zelensky will meet Biden in Washington on Wednesday")

# --- Albanese and Xi in Beijing, 6 November 2023 -------------------------------------------------------------------
BEIJING = ["Beijing", "Great Hall of the People"]
h("n-b136d7a6e8", "albanese-xi-beijing-2023-11-06", "meeting", "occurred", [ALBANESE, XI], BEIJING, ("2023-11-06",),
  "Xi shook Albanese's hand at the start of the bilateral talks on Monday")
h("n-b136d7a6e8", "albanese-xi-g20-bali-2022-11", "meeting", "occurred", [ALBANESE, XI], ["Bali"],
  ("2022-11-01", "2022-11-30"), "having first met at the G20 Summit a year ago", optional=True)
h("n-9f67ad12cc", "albanese-xi-beijing-2023-11-06", "meeting", "occurred", [ALBANESE, XI, opt(WONG)], BEIJING,
  ("2023-11-06",), "Albanese met with Xi today at the Great Hall of the People")
h("n-9f67ad12cc", "zhao-albanese-beijing-2023-11-06", "meeting", "occurred", [ZHAO_LEJI, ALBANESE], BEIJING,
  ("2023-11-06",), "Zhao Leji welcomed Albanese in his first meeting")
h("n-9f67ad12cc", "albanese-xi-g20-bali-2022-11", "meeting", "occurred", [ALBANESE, XI], ["Bali"],
  ("2022-01-01", "2022-12-31"), "after they met at the G20 in Bali last year", optional=True)
h("n-b752d0cdc3", "albanese-xi-beijing-2023-11-06", "meeting", "occurred", [ALBANESE, XI], BEIJING,
  ("2023-11-06",), "Albanese has met with Xi at the Great Hall of the People on Monday evening")
h("n-b752d0cdc3", "biden-albanese-washington-2023-10", "meeting", "occurred", [BIDEN, ALBANESE], None,
  ("2023-10-23", "2023-11-06"), "Less than two weeks ago, Biden told Albanese", optional=True)

# --- Modi in Moscow, 8-9 July 2024 --------------------------------------------------------------------------------
MOSCOW_2024 = ["Moscow", "Novo-Ogaryovo", "Kremlin"]
for a, note in (("n-099fca565e", "Modi landed in Moscow on Monday ... the leaders spent several hours together"),
                ("n-ebde47997b", "Modi, on a two-day official visit to Russia, during an informal meeting with Putin"),
                ("n-fa1accbc85", "The meeting between Modi and Putin ... at Putin's residence in Novo-Ogaryovo")):
    h(a, "modi-putin-moscow-2024-07-08", "visit", "occurred", [MODI, PUTIN], MOSCOW_2024, ("2024-07-08", "2024-07-09"),
      note)
h("n-ebde47997b", "modi-austria-visit-2024-07-10", "visit", "planned", [MODI, country("Austria", "AUT", optional=True)],
  ["Austria", "Vienna"], ("2024-07-10",), "On July 10, he will travel to Austria", optional=True, match_min=1)
h("n-ebde47997b", "biden-modi-video-2022-04", "video", "occurred", [BIDEN, MODI], None, ("2022-04-01", "2022-04-30"),
  "In April 2022, Biden and Modi held virtual talks", optional=True)

# --- Biden, Kishida and Yoon at Camp David, 18 August 2023 ----------------------------------------------------------
for a, note in (("n-8d16373e68", "Biden hosted a summit at Camp David Friday with Kishida and Yoon"),
                ("n-1ff27f2ca6", "Kishida, Biden and Yoon held a trilateral summit at Camp David on Friday")):
    h(a, "camp-david-trilateral-2023-08-18", "multilateral", "occurred", [BIDEN, KISHIDA, YOON], ["Camp David"],
      ("2023-08-18",), note)


def write(events, name, description):
    """Writes one gold file and prints its article pairs: those that tell the same exchange in required events, and
    look-alikes (events of the same two parties in different clusters only)."""
    articles = sorted({ev["article"] for ev in events})
    gold = {"description": description.format(n=len(articles)), "articles": {a: META[a] for a in articles},
            "events": events}
    (PROJECT / "bench" / "gold" / name).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    by_cluster = defaultdict(set)
    for ev in events:
        if not ev["optional"]:
            by_cluster[ev["cluster"]].add(ev["article"])
    same = {frozenset(x) for arts in by_cluster.values() for x in combinations(sorted(arts), 2)}
    parties = defaultdict(set)
    for ev in events:
        parties[ev["article"]].add((ev["cluster"], frozenset(pp["names"][0] for pp in ev["participants"])))
    alike = {frozenset((a, b)) for a, b in combinations(articles, 2) if frozenset((a, b)) not in same
             and any(len(pa & pb) >= 2 and ca != cb for ca, pa in parties[a] for cb, pb in parties[b])}
    print(f"{name}: {len(articles)} articles, {len(events)} events ({sum(not e['optional'] for e in events)} "
          f"required), {len(same)} article pairs telling one exchange (required events), {len(alike)} look-alike pairs")


write(EVENTS, "consolidation_pairs.json",
      "Cluster gold for cross-article consolidation: the CONSULT events of {n} articles of "
      "../shared/corpora/news_2015_2025.jsonl and guardian_dev.jsonl that tell the same real-world exchanges (same "
      "`cluster`) or look-alike ones (other clusters of the same parties), coded by hand per ../shared/eval/CODING.md. "
      "Only the consolidation figure of score.py is meaningful on it: in the long Guardian articles only the exchanges "
      "of the coded parties are coded. The rules were adjusted while reading its errors. See README.md.")
write(HELD_OUT, "consolidation_heldout.json",
      "Held-out cluster gold for cross-article consolidation: the CONSULT events of {n} articles of "
      "../shared/corpora/news_2015_2025.jsonl, coded by hand per ../shared/eval/CODING.md after the consolidation "
      "rules were fixed, and scored once, never tuned against. See README.md.")
