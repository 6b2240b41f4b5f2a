"""Generate benchmarks/data/uk_pii_testset.jsonl: a varied, synthetic UK SEND PII test set.

Every line: {"id", "text", "spans": [{"start", "end", "type", "value"}], "kind"}.
``kind`` is "pii" (a sentence with personal data, gold character spans) or "clean" (an
ordinary SEND sentence with no personal data, to measure over-redaction).

All values are invented: names are drawn from self-written lists of given names and surnames
from many backgrounds (some deliberately absent from the anonymiser's own name list, so the
benchmark can report recall on names it has never seen), school names are made up from
parts, phone numbers mostly use Ofcom's drama ranges, NHS numbers get a valid modulus-11
check digit and UPNs a valid check letter.

Run: .venv/bin/python benchmarks/make_uk_pii_testset.py  (deterministic; seed 2025)
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "uk_pii_testset.jsonl"

GIVEN = {
    "english": "Oliver George Harry Jack Charlie Thomas Oscar William James Alfie Freddie Archie Leo "
               "Henry Joshua Ethan Isaac Samuel Daniel Lucas Logan Reggie Ronnie Bobby Tommy Theo "
               "Amelia Olivia Isla Ava Emily Sophie Grace Mia Poppy Ella Lily Evie Jessica Chloe "
               "Daisy Phoebe Ruby Isabella Millie Sienna Freya Matilda Esme Imogen Harriet Lottie "
               "Kayden Brooklyn Tayla Kelsey Jodie Leanne Darren Wayne Gary Karen Tracey Stacey "
               "Rafferty Barnaby Hattie Tabitha Cosmo Ottilie Peregrine Wilfred Clementine Bertie",
    "south_asian": "Aarav Arjun Rohan Dev Vihaan Reyansh Krish Kabir Ishaan Aryan Priya Ananya "
                   "Diya Saanvi Aadhya Anika Kavya Meera Riya Simran Harpreet Gurpreet Jaspreet "
                   "Manpreet Navjot Rajveer Sukhmani Amrit Pooja Neha Nikhil Sanjay Sunita Deepak "
                   "Hemal Jignesh Bhavna Tanvi Keerthana Vithusan Thanushan Abinaya Mathusha",
    "muslim": "Muhammad Mohammed Ibrahim Yusuf Hamza Zain Ayaan Ali Omar Bilal Rayyan Zakariya "
              "Idris Musa Aisha Fatima Maryam Zainab Hafsa Khadija Inaya Amira Iqra Hira Safa "
              "Sumaya Maida Eshal Anaya Haleema Rumaysa Umayr Zayd Abdirahman Hodan Ifrah Nasra",
    "polish_eastern": "Jakub Kacper Szymon Filip Bartek Mateusz Wojciech Oliwia Zuzanna Lena "
                      "Maja Zofia Wiktoria Julia Agnieszka Małgorzata Łucja Mikołaj Paweł Tomasz "
                      "Andrei Ionuț Bianca Ioana Lukas Gabija Emilija Dmytro Oleksandr Sofiia Yana",
    "west_african": "Kwame Kofi Kojo Ama Abena Akosua Chidi Chinedu Emeka Obinna Ngozi Chiamaka "
                    "Adaeze Tobi Temitope Oluwaseun Ayodele Folake Damilola Ifeoma Nkechi Uchenna "
                    "Ebuka Somto Zikora Amara Kelechi Babajide Titilayo Oreoluwa",
    "irish_welsh_scots": "Aoife Niamh Siobhan Saoirse Ciara Orla Roisin Caoimhe Cian Oisin "
                         "Padraig Seamus Ciaran Darragh Eoin Tadhg Osian Ioan Cerys Ffion Seren "
                         "Rhys Dafydd Gethin Eilidh Mhairi Catriona Hamish Fraser Lachlan",
    "arabic_other": "Youssef Karim Rania Layla Noor Yara Tariq Samir Nadia Hana Dalia Walid "
                    "Ahmad Mehmet Elif Zeynep Emre Reza Parisa Shirin Dawit Selam Yonas Meron",
    "chinese_vietnamese": "Wei Jie Hao Mei Ling Xiao Yan Jun Chen Zhang Minh Anh Linh Thao "
                          "Tuan Huong Ngoc Quang",
    # names the anonymiser's own list does not contain (checked by the benchmark)
    "rarer": "Tyreece Jaylen Kairo Nyla Zendaya Amaris Caspian Elowen Wrenley Kit-Ashton "
             "Aurelio Brontë Fenella Perpetua Thaddeus Evander Lysander Iolanthe Marisol "
             "Saoirse-Ann Tallulah-Mae Jaxson Bodhi Arlo-James Seraphina Keziah Jedidiah "
             "Oluwadamilare Chukwuemeka Nnamdi Adetokunbo Folasade Kehinde Taiwo Mbali "
             "Thandiwe Nomvula Sibusiso Rudransh Advik Vedant Ishanvi Myra Aarna Zoravar "
             "Wiktor Radosław Grzegorz Przemysław Jadwiga Kalina Xanthe Leocadia Ottoline",
}
SURNAMES = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson "
            "Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Ahmed Hussain "
            "Begum Ali Shah Singh Kaur Sharma Chowdhury Rahman Akhtar Iqbal Nowak Kowalski "
            "Wiśniewski Kowalczyk Lewandowski Popescu Ionescu Okafor Adeyemi Mensah Owusu "
            "Asante Boateng Okonkwo Eze Nwosu O'Brien O'Connell McCarthy Murphy Kelly Byrne "
            "MacDonald McLeod Campbell Hughes Price Pritchard Lloyd Llewellyn Nguyen Tran Li "
            "Wang Chen Zhang Liu Abdi Hassan Farah Yilmaz Demir Kaya Hosseini Karimi Haile "
            "Tesfaye Baxendale Pomfret Hepworth Castellano Ramsbottom Featherstone Oduya "
            "Fitzgerald-Hughes Smith-Jones Da_Silva De_Souza Van_Der_Berg").split()
SURNAMES = [s.replace("_", " ") for s in SURNAMES]
TITLES = ["Mrs", "Mr", "Ms", "Miss", "Dr", "Mx"]
ROLES = ["SENCO", "the SENCO", "our caseworker", "the headteacher", "the social worker",
         "the paediatrician", "his class teacher", "her key worker", "the educational psychologist",
         "the speech and language therapist", "the OT", "our family support worker"]
KIN = ["son", "daughter", "youngest", "eldest", "little boy", "little girl", "grandson",
       "granddaughter", "foster son", "stepdaughter", "child", "twins"]

SCHOOL_HEADS = ["Oakfield", "Brookside", "Moorview", "Greenacre", "Hillcrest", "Thornbury Brook",
                "Ashbrook", "Kingsway", "Beechwood", "Larkhill", "Northfield", "Westfield",
                "Elmwood", "Fernhill", "Hollybank", "Meadowbank", "Castleton", "Calder Park",
                "Hollins Lane", "Sandringham", "Pendle View", "Ribblesdale", "Marsden Heights",
                "Whitegate", "Bishopsgate", "Cherry Tree", "Appleton", "Kirkham Grange",
                "Lytham Hall Park", "Carr Head", "Brunswick", "Netherfield", "Wyre Side",
                "Longridge", "Hambleton", "Oswaldtwistle Moor End"]
SAINTS = ["St Mary's", "St Joseph's", "St Bede's", "St Anne's", "St Peter's", "St Wilfrid's",
          "St Aidan's", "Holy Trinity", "Our Lady of Lourdes", "St Thomas More", "Sacred Heart",
          "St John Fisher", "Christ the King", "St Cuthbert's"]
SCHOOL_TYPES = ["Primary School", "Primary", "Academy", "High School", "Infant School",
                "Junior School", "Nursery", "Community Primary School", "Special School",
                "College", "Primary Academy", "Church of England Primary School",
                "Pre-School", "Sixth Form College", "Nursery School", "Learning Centre"]
SAINT_TYPES = ["RC Primary", "Catholic Primary School", "C of E Primary", "CE Primary School",
               "RC High School", "Catholic College", "CE Academy", "Primary"]

STREETS = ["Acacia Avenue", "High Street", "Mill Lane", "Station Road", "Larch Grove",
           "Fieldfare Road", "Brunswick Terrace", "Orchard Mews", "Canal Street", "Sycamore Way",
           "Church Close", "Victoria Crescent", "Beech Drive", "Primrose Gardens", "Kings Court",
           "Hawthorn Rise", "Willow Walk", "Queens Parade", "Moss Bank", "Cedar Place"]
TOWNS = ["Leeds", "Preston", "Blackpool", "Lancaster", "Burnley", "Bradford", "Wigan", "Bolton"]
AREAS = ["LS", "M", "B", "BB", "FY", "PR", "LA", "NE", "CF", "G", "EH", "L", "S", "NG", "LE",
         "BD", "OL", "WN", "BL", "SK", "CH", "HU", "YO", "DN", "SW", "SE", "N", "E", "W", "EC",
         "WC", "NW", "CR", "BR", "TW", "KT", "SM", "HA", "UB", "EN", "IG", "RM", "DA"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


# --------------------------------------------------------------------------- value makers
def nhs_number(r: random.Random) -> str:
    while True:
        d = [r.randint(0, 9) for _ in range(9)]
        total = sum(x * w for x, w in zip(d, range(10, 1, -1)))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, d + [check]))
            return r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}", s])


def upn(r: random.Random) -> str:
    body = f"{r.choice(['888', '340', '889', '890', '876'])}{r.randint(2000, 7999)}" \
           f"{r.randint(10, 24):02d}{r.randint(0, 999):03d}"
    total = sum(int(c) * w for w, c in enumerate(body, start=2))
    return UPN_LETTERS[total % 23] + body


def ni_number(r: random.Random) -> str:
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = r.choice(first) + r.choice(second)
        if p not in ("BG", "GB", "NK", "KN", "NT", "TN", "ZZ"):
            break
    d = f"{r.randint(0, 999999):06d}"
    s = r.choice("ABCD")
    v = r.choice([f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}", f"{p}{d}{s}", f"{p} {d} {s}"])
    return v.lower() if r.random() < 0.1 else v


def phone(r: random.Random) -> str:
    kind = r.choice(["mobile", "mobile", "mobile", "leeds", "manc", "london", "drama", "brum"])
    if kind == "mobile":
        nsn = "7" + r.choice(["700900", "7" + f"{r.randint(10000, 99999)}", "9" + f"{r.randint(10000, 99999)}",
                              "4" + f"{r.randint(10000, 99999)}"]) + f"{r.randint(0, 999):03d}"
        a, b = nsn[:4], nsn[4:]
        fmt = r.choice([f"0{a} {b}", f"0{a}{b}", f"0{a} {b[:3]} {b[3:]}", f"+44 {a} {b}",
                        f"+44 (0){a} {b}", f"0044 {a} {b}", f"+44{a}{b}", f"0{a}-{b}",
                        f"(0{a}) {b}"])
    else:
        area = {"leeds": "113", "manc": "161", "london": "20", "drama": "1632", "brum": "121"}[kind]
        rest = {"113": "496", "161": "496", "20": "7946", "1632": "960", "121": "496"}[area]
        tail = f"{r.randint(0, 999):03d}" if area == "1632" else f"0{r.randint(0, 999):03d}"
        fmt = r.choice([f"0{area} {rest} {tail}", f"0{area}{rest}{tail}", f"(0{area}) {rest} {tail}",
                        f"+44 {area} {rest} {tail}", f"+44 (0){area} {rest} {tail}",
                        f"0{area}-{rest}-{tail}", f"0044 {area} {rest} {tail}"])
    return fmt


def postcode(r: random.Random) -> str:
    area = r.choice(AREAS)
    if area in ("SW", "EC", "WC", "NW", "SE") and r.random() < 0.4:
        out = f"{area}{r.randint(1, 9)}{r.choice('ABEHMNPRVWXY')}"
    elif area in ("W", "E", "N") and r.random() < 0.4:
        out = f"{area}{r.randint(1, 9)}{r.choice('ABCDEFGHJKPSTUW')}"
    else:
        out = f"{area}{r.randint(1, 29)}"
    inw = f"{r.randint(0, 9)}{r.choice(INWARD_LETTERS)}{r.choice(INWARD_LETTERS)}"
    v = r.choice([f"{out} {inw}", f"{out} {inw}", f"{out}{inw}"])
    return v.lower() if r.random() < 0.1 else v


def school(r: random.Random) -> str:
    if r.random() < 0.3:
        v = f"{r.choice(SAINTS)} {r.choice(SAINT_TYPES)}"
    else:
        v = f"{r.choice(SCHOOL_HEADS)} {r.choice(SCHOOL_TYPES)}"
    return v.lower() if r.random() < 0.08 else v


def address(r: random.Random) -> str:
    n = r.randint(1, 240)
    st = r.choice(STREETS)
    v = r.choice([f"{n} {st}", f"Flat {r.randint(1, 12)}, {n} {st}", f"{n}{r.choice('ab')} {st}",
                  f"{n} {st}, {r.choice(TOWNS)}"])
    return v.lower() if r.random() < 0.1 else v


def dob(r: random.Random) -> tuple[str, str]:
    d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2006, 2021)
    suf = "th" if d in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    date = r.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}.{m:02d}.{y}",
                     f"{d} {MONTHS[m - 1]} {y}", f"{d}{suf} {MONTHS[m - 1]} {y}",
                     f"{d}{suf} of {MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}",
                     f"{MONTHS[m - 1]} {d}, {y}", f"{d}-{m:02d}-{y % 100:02d}"])
    lead = r.choice(["born on {D}", "DOB: {D}", "d.o.b {D}", "date of birth {D}", "born {D}",
                     "DOB {D}", "(DOB {D})", "whose birthday is {D}", "born on the {D}"])
    return lead, date


def email(r: random.Random, first: str, last: str) -> str:
    f = re.sub(r"[^a-z]", "", first.lower().replace("ł", "l")) or "parent"
    la = re.sub(r"[^a-z]", "", last.lower()) or "family"
    return r.choice([f"{f}.{la}@gmail.com", f"{f}{r.randint(1, 99)}@hotmail.co.uk",
                     f"{f[0]}.{la}@oakfield.sch.uk", f"{la}.family@outlook.com",
                     f"mum.of.{f}@yahoo.co.uk", f"{f}_{la}{r.randint(70, 99)}@btinternet.com",
                     f"{f}@{la}-consulting.co.uk"])


def url(r: random.Random, last: str) -> str:
    la = re.sub(r"[^a-z]", "", last.lower()) or "family"
    return r.choice([f"www.{la}familyblog.co.uk", f"https://www.facebook.com/groups/{la}sendparents",
                     f"http://{la}-sen-support.org.uk/our-story", f"https://justgiving.com/{la}-appeal",
                     f"www.instagram.com/{la}_family", f"https://youtu.be/x{r.randint(1000, 9999)}"])


def handle(r: random.Random, first: str, last: str) -> str:
    f = re.sub(r"[^A-Za-z]", "", first) or "mum"
    la = re.sub(r"[^A-Za-z]", "", last) or "x"
    return r.choice([f"@{f}_{la}", f"@{f.lower()}{r.randint(10, 99)}", f"@sendmum_{f.lower()}",
                     f"@{la.lower()}family"])


# --------------------------------------------------------------------------- templates
# {CHILD} {CHILD2} {PARENT} {PARENT_FULL} {STAFF} (Title Surname) {ROLE} {STAFFFIRST} {SCHOOL}
# {PHONE} {POSTCODE} {NHS} {NI} {UPN} {EMAIL} {URL} {HANDLE} {ADDRESS} {DOBLEAD}
TEMPLATES = [
    "My {KIN} {CHILD} has been waiting 40 weeks for an EHC needs assessment.",
    "my {KIN} {child} is autistic and {child} has not been in school since March.",
    "Our {KIN}, {CHILD}, started at {SCHOOL} in September and the SENCO there is brilliant.",
    "{CHILD} (8) and {CHILD2} (5) both have ADHD and we still have no CAMHS appointment.",
    "I am mum to {CHILD} and {CHILD2}; both are on the waiting list for speech and language therapy.",
    "{ROLE} {STAFF} told us there was no funding for a 1:1 for {CHILD}.",
    "{STAFF} at {SCHOOL} has been fantastic with {CHILD}'s transition plan.",
    "Please call me on {PHONE} about {CHILD}'s annual review.",
    "You can reach me on {PHONE} or email {EMAIL}.",
    "We live at {ADDRESS}, {POSTCODE}, and the taxi to {SCHOOL} takes over an hour.",
    "My {KIN} {CHILD} ({DOBLEAD}) was diagnosed with autism last year.",
    "{CHILD}'s NHS number is {NHS} and the hospital still lost the referral.",
    "NHS no. {NHS} - please pass this to the community paediatrics team.",
    "My National Insurance number is {NI} if you need it for the carer's allowance form.",
    "Her UPN is {UPN} and the new school says they never received her file.",
    "The tribunal bundle for {CHILD} (UPN {UPN}) was sent late by the council.",
    "I run a support group, details at {URL} or follow us at {HANDLE}.",
    "Kind regards, {PARENT_FULL}",
    "Thanks, {PARENT} ({EMAIL})",
    "My name is {PARENT_FULL} and I am writing about my {KIN} {CHILD}.",
    "{CHILD} has Down syndrome and loves {SCHOOL}, but the transport from {POSTCODE} is unreliable.",
    "Our caseworker {STAFFFIRST} has changed three times this year.",
    "The headteacher, {STAFF}, said {CHILD} could only attend mornings.",
    "{PARENT_FULL}, {ADDRESS}, {POSTCODE}, tel {PHONE}.",
    "We moved from {SCHOOL} to {SCHOOL2} after {CHILD} was excluded twice.",
    "{CHILD} was born on {DOBDATE} and has had an EHCP since Year 1.",
    "I'm {PARENT}, mum of {child} who is in Year 6 at {SCHOOL}.",
    "The OT, {STAFF}, never replied to my emails ({EMAIL}).",
    "{child} loves swimming but the Local Offer lists nothing near {POSTCODE}.",
    "Since {CHILD} moved to {SCHOOL} the SALT sessions stopped.",
    "Please contact {PARENT} {SURNAME} on {PHONE}.",
    "Dad to {CHILD}, who has Tourette's and anxiety; we wait 18 months for everything.",
    "my {KIN} {child} {surname} has cerebral palsy and needs a wheelchair-accessible taxi.",
    "Social worker {STAFFFIRST} visited once and then the case was closed.",
    "My {KIN} is {CHILD} {SURNAME}, DOB {DOBDATE}, NHS number {NHS}.",
    "I contacted {STAFF} at the SEND team on {PHONE} but nobody called back.",
    "Follow our journey on Instagram {HANDLE} - {CHILD} is doing so well at {SCHOOL}.",
    "Our address is {ADDRESS}, {POSTCODE}.",
    "{CHILD} and {CHILD2} attend {SCHOOL}; {CHILD} has dyslexia.",
    "Mrs {SURNAME} in the office at {SCHOOL} has been the only person who listens.",
    "We were told by Dr {SURNAME} that {CHILD} would need a second assessment.",
    "I am a foster carer for {CHILD}, aged 7, who has attachment difficulties.",
    "Contact: {EMAIL} / {PHONE} ({PARENT_FULL})",
    "{PARENT_FULL} - parent governor at {SCHOOL}.",
    "When {CHILD} was refused a place at {SCHOOL} we appealed and won.",
    "The SENCO, {STAFF}, rang me on {PHONE} at 8pm to say {CHILD} had been restrained.",
    "{child}'s reviews keep being cancelled.",
    "{CHILD} {SURNAME} needs a specialist place from September.",
]

CLEAN = [
    "We waited 40 weeks for the EHC needs assessment and the council missed every deadline.",
    "The SENCO was supportive but the school had no money for extra TA hours.",
    "CAMHS waiting lists are over 18 months in our area.",
    "Speech and language therapy stopped when he moved to secondary school.",
    "The Local Offer website is hard to navigate and out of date.",
    "Annual reviews are often cancelled at short notice.",
    "Home to school transport has been unreliable since September.",
    "The tribunal found in our favour but the council still has not named a school.",
    "Parents need one named caseworker who actually answers the phone.",
    "My son has autism and ADHD and is currently out of education.",
    "My daughter has Down syndrome and needs a place in a specialist setting.",
    "The paediatrician said there is a two year wait for an ADHD assessment.",
    "Respite and short breaks have been cut again this year.",
    "Educational psychologists are stretched and reports arrive months late.",
    "We need more specialist school places close to home.",
    "The social worker was kind but overwhelmed with cases.",
    "Mainstream schools need better training on sensory needs and PDA.",
    "The Parent Carer Forum has been a lifeline for our family.",
    "Mediation was a waste of time because the council sent someone with no authority.",
    "Occupational therapy recommendations were never put in the plan.",
    "Tourette's is still misunderstood by many teachers.",
    "The headteacher told us they could not meet his needs.",
    "Part-time timetables are being used as informal exclusions.",
    "Reception class was overwhelming for her and nobody noticed.",
    "In May we finally got the draft plan, but Section F was vague.",
    "Will the council publish how long assessments actually take?",
    "Hope this consultation leads to real change.",
    "Grace periods for paperwork would help families who are struggling.",
    "Summer term transitions need planning from Easter at the latest.",
    "The key worker model in Early Help worked well for us.",
    "Year 6 to Year 7 transition was the hardest time for our family.",
    "Ofsted should look at how schools use reduced timetables.",
    "The SEND Information, Advice and Support Service helped with the appeal.",
    "Dyslexia screening should be available in every primary school.",
    "Our GP could not refer directly to the neurodevelopmental pathway.",
    "Children with SEMH needs are being excluded far too often.",
    "The EHCP said provision must be specified and quantified, but it was not.",
    "We were offered a personal budget but nobody explained how it works.",
    "Staff at the special school understand sensory overload.",
    "Waiting times for wheelchair services are unacceptable.",
    "Young people over 16 feel forgotten once they leave school.",
    "Preparing for Adulthood should start in Year 9, not Year 11.",
    "The council's SEND strategy sounds good on paper.",
    "Travel training gave my son real independence.",
    "Sixth form college was not ready for students with complex needs.",
    "Nursery staff noticed her delays before anyone else did.",
    "Portage visits were brilliant but ended when she turned three.",
    "Makaton signing should be used across all early years settings.",
    "The new inclusion hub at the academy trust is a step forward.",
    "There is no dentist in Eastfold who will treat autistic children.",
    "Monday mornings are the hardest for many anxious pupils.",
    "Autism awareness training for bus escorts would help.",
    "We were told to go private for a diagnosis, which costs thousands.",
    "Direct payments are difficult to use because there are no personal assistants.",
    "Children's Services and Education do not talk to each other.",
    "I would like the council to publish tribunal outcomes every year.",
    "EOTAS packages should be agreed faster.",
    "My child's anxiety got worse after the school stopped the nurture group.",
    "The Department for Education guidance is not followed locally.",
    "Good practice exists, but it depends on which SENCO you get.",
]
CLEAN_SUBJECTS = ["The council", "Our school", "The SENCO", "CAMHS", "The SEND team", "The academy trust",
                  "The paediatrician", "The caseworker", "Our GP", "The headteacher", "The Local Offer",
                  "The speech and language therapist", "Children's Services", "The special school",
                  "The educational psychologist", "Transport services", "The Parent Carer Forum",
                  "The tribunal", "Our social worker", "The nursery"]
CLEAN_VERBS = ["took months to reply about", "never explained", "was helpful with", "refused to fund",
               "delayed", "finally agreed", "kept cancelling", "did not understand", "made a real difference to",
               "lost the paperwork for", "promised but never delivered", "was honest about"]
CLEAN_OBJECTS = ["the EHC needs assessment", "the annual review", "speech and language therapy",
                 "a specialist place", "home to school transport", "respite care", "the draft plan",
                 "occupational therapy", "an autism assessment", "the reduced timetable",
                 "a personal budget", "the transition to Year 7", "sensory support in class",
                 "the ADHD medication review", "a place at a special school", "mediation",
                 "the Section F provision", "short breaks in the summer holidays"]
CLEAN_TAILS = ["", " last year", " in the spring term", " after the Christmas holidays", " since Covid",
               " in Year 9", " despite three complaints", " before the tribunal", " without any explanation",
               " on Monday", " in March", " this autumn"]


def fill(template: str, r: random.Random) -> tuple[str, list[dict]]:
    groups = list(GIVEN)
    kid = r.choice(GIVEN[r.choice(groups)].split())
    kid2 = r.choice(GIVEN[r.choice(groups)].split())
    while kid2 == kid:
        kid2 = r.choice(GIVEN[r.choice(groups)].split())
    parent = r.choice(GIVEN[r.choice(groups)].split())
    surname = r.choice(SURNAMES)
    staff_sur = r.choice(SURNAMES)
    staff_first = r.choice(GIVEN[r.choice(groups)].split())
    title = r.choice(TITLES)
    lead, date = dob(r)
    values = {
        "CHILD": (kid, "CHILD"), "child": (kid.lower(), "CHILD"), "CHILD2": (kid2, "CHILD"),
        "PARENT": (parent, "PERSON"), "PARENT_FULL": (f"{parent} {surname}", "PERSON"),
        "SURNAME": (surname, "PERSON"), "surname": (surname.lower(), "PERSON"),
        "STAFF": (f"{title} {staff_sur}", "STAFF"), "STAFFFIRST": (staff_first, "STAFF"),
        "SCHOOL": (school(r), "SCHOOL"), "SCHOOL2": (school(r), "SCHOOL"),
        "PHONE": (phone(r), "PHONE"), "POSTCODE": (postcode(r), "POSTCODE"),
        "NHS": (nhs_number(r), "NHS_NUMBER"), "NI": (ni_number(r), "NI_NUMBER"),
        "UPN": (upn(r), "UPN"), "EMAIL": (email(r, parent, surname), "EMAIL"),
        "URL": (url(r, surname), "URL"), "HANDLE": (handle(r, parent, surname), "HANDLE"),
        "ADDRESS": (address(r), "ADDRESS"), "DOBDATE": (date, "DATE_OF_BIRTH"),
        "ROLE": (r.choice(ROLES), None), "KIN": (r.choice(KIN), None),
    }
    if "{CHILD2}" in template or "{KIN}" not in template:
        values["KIN"] = (r.choice([k for k in KIN if k != "twins"]), None)
    text, spans = "", []
    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        text += template[pos:m.start()]
        key = m.group(1)
        if key == "DOBLEAD":
            pre, post = lead.split("{D}")
            text += pre
            spans.append({"start": len(text), "end": len(text) + len(date), "type": "DATE_OF_BIRTH",
                          "value": date})
            text += date + post
        else:
            val, typ = values[key]
            if typ == "STAFF" and key == "STAFF":
                # gold: the surname (the title is not personal); the system may take both
                text += val.split(" ", 1)[0] + " "
                val = val.split(" ", 1)[1]
            start = len(text)
            text += val
            if typ:
                spans.append({"start": start, "end": len(text), "type": typ, "value": val})
        pos = m.end()
    text += template[pos:]
    return text, spans


def main() -> None:
    r = random.Random(2025)
    rows = []
    n = 0
    for rep in range(14):
        for t in TEMPLATES:
            text, spans = fill(t, r)
            n += 1
            rows.append({"id": f"uk-{n:04d}", "text": text, "spans": spans, "kind": "pii"})
    for t in CLEAN:
        n += 1
        rows.append({"id": f"uk-{n:04d}", "text": t, "spans": [], "kind": "clean"})
    for _ in range(240):
        t = f"{r.choice(CLEAN_SUBJECTS)} {r.choice(CLEAN_VERBS)} {r.choice(CLEAN_OBJECTS)}{r.choice(CLEAN_TAILS)}."
        n += 1
        rows.append({"id": f"uk-{n:04d}", "text": t, "spans": [], "kind": "clean"})
    for row in rows:
        for s in row["spans"]:
            assert row["text"][s["start"]:s["end"]] == s["value"], (row, s)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds = {k: sum(1 for x in rows if x["kind"] == k) for k in ("pii", "clean")}
    print(f"wrote {len(rows)} texts ({kinds}) with {sum(len(x['spans']) for x in rows)} gold spans to {OUT}")


if __name__ == "__main__":
    main()
