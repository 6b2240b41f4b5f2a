"""A large generated set of UK structured identifiers in varied contexts, for measuring recall.

The UK SEND test set (``make_uk_pii_testset.py``) has 350 structured identifiers: too few to
show 99.9% recall.  This module writes, from a seed, any number of sentences each holding
one identifier of one of eight types - phone numbers (UK mobiles, geographic, non-geographic
and freephone numbers in every common spacing, +44 / 0044 / (0) forms, extensions), full
postcodes (all six outward shapes over the 124 real postcode areas, spaced or not, any case),
NHS numbers (modulus-11 valid), National Insurance numbers, UPNs (check letter valid),
e-mail addresses, URLs and social-media handles - at the start, middle or end of a sentence,
in brackets, after a colon, in a form line or a list, followed by any punctuation.

Values are random and fictional (not drawn from any register).  Seed 1 is the DEV set (its
misses may be looked at); seed 2, the TEST set, is the one reported.  The recognizers were
written before this generator, from the formats' specifications; the generator's formats are
those a careful tester would list, so it measures breadth of format, not unseen wording.
"""
from __future__ import annotations

import random
import re

AREAS = ("AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN "
         "DT DY E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD "
         "LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE "
         "SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS "
         "WV YO ZE").split()
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
TYPES = ("PHONE", "POSTCODE", "NHS_NUMBER", "NI_NUMBER", "UPN", "EMAIL", "URL", "HANDLE")
FIRST = ["sam", "aisha", "jo", "mohammed", "olu", "kasia", "priya", "liam", "zoe", "tariq", "mei",
         "grace", "dawid", "fatima", "ellie", "kwame", "ioana", "niamh", "yusuf", "hannah"]
LAST = ["smith", "khan", "okafor", "nowak", "patel", "obrien", "wright", "begum", "chen", "jones",
        "popescu", "hussain", "evans", "mensah", "kowalski", "ahmed", "taylor", "ali", "murphy", "lee"]


def _d(r: random.Random, n: int) -> str:
    return "".join(str(r.randint(0, 9)) for _ in range(n))


def phone(r: random.Random) -> str:
    kind = r.choice(["mobile"] * 4 + ["geo5", "geo4", "geo3", "london", "non_geo", "free"])
    if kind == "mobile":
        nsn = "7" + r.choice("1234579") + _d(r, 8)          # 07xxx xxxxxx
        a, b = nsn[:4], nsn[4:]
    elif kind == "geo5":                                     # 01524 123456 (Lancaster-style)
        nsn = "1" + r.choice("2345679") + _d(r, 2) + r.choice("23456789") + _d(r, 5)
        a, b = nsn[:4], nsn[4:]
    elif kind == "geo4":                                     # 0113 496 0000 / 0161 ...
        nsn = "1" + r.choice("1") + r.choice("3456789") + r.choice("23456789") + _d(r, 6)
        a, b = nsn[:3], nsn[3:]
    elif kind == "geo3":                                     # 0141 / 0121 style 01x1
        nsn = "1" + r.choice("2345689") + "1" + r.choice("23456789") + _d(r, 6)
        a, b = nsn[:3], nsn[3:]
    elif kind == "london":                                   # 020 7946 0000
        nsn = "20" + r.choice("378") + _d(r, 7)
        a, b = nsn[:2], nsn[2:]
    elif kind == "non_geo":                                  # 0300 123 4567 / 0345 ...
        nsn = "3" + r.choice("04") + r.choice("03") + r.choice("23456789") + _d(r, 6)
        a, b = nsn[:3], nsn[3:]
    else:                                                    # 0800 123 4567
        nsn = "80" + r.choice("08") + r.choice("23456789") + _d(r, 6)
        a, b = nsn[:3], nsn[3:]
    half = len(b) // 2
    fmts = [f"0{a} {b}", f"0{a}{b}", f"0{a} {b[:half]} {b[half:]}", f"0{a}-{b}", f"0{a}.{b}",
            f"(0{a}) {b}", f"(0{a}){b}", f"+44 {a} {b}", f"+44{a}{b}", f"+44 (0){a} {b}",
            f"+44 (0) {a} {b}", f"0044 {a} {b}", f"00 44 {a} {b}", f"+44-{a}-{b}",
            f"0{a} {b[:3]} {b[3:]}"]
    v = r.choice(fmts)
    if r.random() < 0.05:
        v += r.choice([f" ext {r.randint(2, 999)}", f" ext. {r.randint(2, 999)}", f" x{r.randint(2, 999)}"])
    return v


def postcode(r: random.Random) -> str:
    area = r.choice(AREAS)
    shape = r.random()
    if len(area) == 1:
        out = f"{area}{r.randint(1, 9)}{r.choice('ABCDEFGHJKPSTUW')}" if shape < 0.25 else f"{area}{r.randint(1, 99)}"
    else:
        out = f"{area}{r.randint(1, 9)}{r.choice('ABEHMNPRVWXY')}" if shape < 0.15 else f"{area}{r.randint(1, 99)}"
    inw = f"{r.randint(0, 9)}{r.choice(INWARD)}{r.choice(INWARD)}"
    v = r.choice([f"{out} {inw}"] * 4 + [f"{out}{inw}", f"{out}  {inw}"])
    return v.lower() if r.random() < 0.1 else v


def nhs_number(r: random.Random) -> str:
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        check = 11 - sum(x * w for x, w in zip(d, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, d + [check]))
            return r.choice([f"{s[:3]} {s[3:6]} {s[6:]}"] * 3 + [f"{s[:3]}-{s[3:6]}-{s[6:]}", s])


def ni_number(r: random.Random) -> str:
    while True:
        p = r.choice("ABCEGHJKLMNOPRSTWXYZ") + r.choice("ABCEGHJKLMNPRSTWXYZ")
        if p not in ("BG", "GB", "NK", "KN", "NT", "TN", "ZZ"):
            break
    d = _d(r, 6)
    s = r.choice("ABCD")
    v = r.choice([f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}", f"{p}{d}{s}", f"{p} {d} {s}", f"{p}{d[:2]} {d[2:4]} {d[4:]}{s}"])
    return v.lower() if r.random() < 0.1 else v


def upn(r: random.Random) -> str:
    body = f"{r.randint(201, 938):03d}{r.randint(1000, 9999)}{r.randint(0, 99):02d}{r.randint(0, 999):03d}"
    if r.random() < 0.1:  # temporary UPNs end in a letter
        body = body[:-1] + r.choice(UPN_LETTERS)
    total = sum((int(c) if c.isdigit() else UPN_LETTERS.index(c)) * w for w, c in enumerate(body, start=2))
    v = UPN_LETTERS[total % 23] + body
    return v.lower() if r.random() < 0.05 else v


def email(r: random.Random) -> str:
    f, la = r.choice(FIRST), r.choice(LAST)
    local = r.choice([f"{f}.{la}", f"{f}{la}", f"{f}_{la}", f"{f[0]}{la}{r.randint(1, 99)}",
                      f"{f}.{la}+send", f"{la}-family", f"{f}{r.randint(1970, 2005)}", f"{f.upper()}.{la.title()}"])
    dom = r.choice(["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com",
                    "icloud.com", "nhs.net", "lancashire.gov.uk", "oakfield.lancs.sch.uk",
                    "uclan.ac.uk", "sendsupport.org.uk", "mail.example-family.me", "live.co.uk",
                    "virginmedia.com", "protonmail.com", "stmarys.sch.uk"])
    return f"{local}@{dom}"


def url(r: random.Random) -> str:
    la = r.choice(LAST)
    host = r.choice([f"www.{la}familyblog.co.uk", f"{la}sendjourney.wordpress.com", f"www.{la}-appeal.org.uk",
                     "www.facebook.com", "facebook.com", "www.instagram.com", "twitter.com", "x.com",
                     "www.justgiving.com", "www.gofundme.com", "youtu.be", "www.tiktok.com"])
    path = r.choice(["", f"/{la}", f"/groups/{la}sendparents", f"/{la}_family/", f"/p/{_d(r, 8)}",
                     f"/watch?v={_d(r, 6)}", f"/our-story-{r.randint(1, 9)}"])
    scheme = r.choice(["https://", "http://", ""]) if host.startswith("www.") else r.choice(["https://", "http://"])
    return scheme + host + path


def handle(r: random.Random) -> str:
    f, la = r.choice(FIRST), r.choice(LAST)
    return "@" + r.choice([f"{f}_{la}", f"{f}{la}{r.randint(1, 99)}", f"send_mum_{f}", f"{la}.family",
                           f"{f.title()}{la.title()}", f"{la}_{r.randint(10, 99)}"])


MAKERS = {"PHONE": phone, "POSTCODE": postcode, "NHS_NUMBER": nhs_number, "NI_NUMBER": ni_number,
          "UPN": upn, "EMAIL": email, "URL": url, "HANDLE": handle}
LEADS = {
    "PHONE": ["my number is", "call me on", "ring", "mobile:", "Tel:", "phone", "you can reach me on",
              "text", "landline", "contact:", "or", "the school rang from", "WhatsApp"],
    "POSTCODE": ["we live in", "postcode", "our postcode is", "near", "address:", "at", "moved to",
                 "the centre in", "Post code:", "in"],
    "NHS_NUMBER": ["NHS number", "NHS no.", "his NHS number is", "NHS No:", "nhs number", "ref", "number"],
    "NI_NUMBER": ["NI number", "National Insurance number", "my NI no.", "NINO:", "NI", "ni number"],
    "UPN": ["UPN", "her UPN is", "unique pupil number", "pupil number:", "UPN:", "upn"],
    "EMAIL": ["email me at", "e-mail:", "contact", "write to", "Email", "at", "from", "cc"],
    "URL": ["see", "our blog is at", "link:", "visit", "petition at", "I posted on", "watch"],
    "HANDLE": ["follow me", "I'm", "message", "on Twitter as", "Instagram:", "tag", "DM"],
}
FRAMES = [
    "{lead} {v}",
    "{lead} {v}.",
    "{lead} {v}, thanks.",
    "Please {lead_l} {v} if the panel needs anything else.",
    "I have been waiting since March ({lead_l} {v}) for a reply about the EHCP.",
    "{v} is the best way to get hold of us.",
    "Details below\n{lead}: {v}\nThanks",
    "{lead} {v}; the SENCO has it too.",
    "{lead} {v}? Nobody has used it in months.",
    "Name withheld | {lead} | {v} | Parent",
    "They lost the form again - {lead_l} {v} - so I am writing it here.",
    "\"{lead} {v}\"",
    "{lead} {v}!!",
    "{lead}\t{v}",
    "I gave them everything: {lead_l} {v}, the letters, the reports.",
    "({v})",
    "- {lead} {v}\n- reports attached",
]


def generate(n_per_type: int = 500, seed: int = 2) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """[(text, [(start, end, TYPE)])]: ``n_per_type`` sentences per type, from ``seed``."""
    r = random.Random(seed)
    out = []
    for typ in TYPES:
        for _ in range(n_per_type):
            v = MAKERS[typ](r)
            lead = r.choice(LEADS[typ])
            frame = r.choice(FRAMES)
            lead_l = lead if lead[1:2].isupper() else lead[0].lower() + lead[1:]  # "NI", "UPN" stay
            text = frame.replace("{lead_l}", lead_l).replace("{lead}", lead)
            text = re.sub(r"^\{v\}", "{v}", text)
            i = text.index("{v}")
            text = text[:i] + v + text[i + 3:]
            out.append((text, [(i, i + len(v), typ)]))
    return out
