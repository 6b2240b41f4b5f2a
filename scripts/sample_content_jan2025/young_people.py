"""Young people's session, 23 January 2025: the facilitators' write-up (a Word document).

A title, the facilitators' header lines (date, venue, attendance, note takers), then one heading per conversation with the
young people's comments as bullets, in their own words where the note-takers could.
"""

TITLE = "Young People’s Session – SEND Strategy 2025-28"
DATE = "2025-01-23"
# Facilitators' header lines ("Key: value"), as their template has them.
INTRO = [
    "Date: Thursday 23 January 2025, 4.30–6.30pm",
    "Venue: Southgate Vale Youth Centre",
    "Attendance: 14 young people aged 12 to 19 (Youth Voice Panel and two special school groups)",
    "Notes taken by: youth participation team, keeping young people’s own words where we could",
]

SECTIONS = [
    ("School", [
        "Teachers don't read your plan. Or they read it once in September and then forget",
        "I like my school now. Before I was at a school where I got shouted at all the time",
        "The isolation room is horrible, no windows and you just sit there. It doesn't help you calm down",
        "Some people get sent to the 'reflection room' for things they can't help, like stimming",
        "Having a time out card is good but some teachers don't accept it",
        "Miss {P:Ferreira} my TA is the best, she gets me",
        "Lunch and break are the hardest part. Too many people and nowhere to go",
        "Homework club has helped me loads, Mr {P:Kaczmarek} runs it",
        "When supply teachers come they don't know anything about you",
    ]),
    ("Getting around", [
        "The taxi is fine but I want to learn to go on the bus by myself",
        "Travel training was really good, I can get the train to college on my own now",
        "If they charge for college transport my mum said I might not be able to go",
        "The driver keeps changing and I don't like new people",
        "My friend {P:Ciaran} uses a wheelchair and loads of buses say the ramp is broken",
    ]),
    ("Health and feeling OK", [
        "Waited 2 years for CAMHS and then they said I was too old and moved me to adults",
        "Hospital is scary, there are too many people and beeping noises",
        "The dentist was nice, they let me keep my headphones on",
        "I can't go to the dentist because of the sound of the drill. I haven't been for 3 years",
        "Online counselling is ok but I'd rather talk to a real person",
        "Nobody tells you what's happening with your own appointments, they only talk to your mum",
    ]),
    ("After school and weekends", [
        "There's nothing to do at the weekend that isn't for little kids",
        "The park by me has one swing for wheelchairs and it's always broken",
        "I can't go into town with my friends because there's no toilet I can use. We need more Changing Places",
        "Youth club on Tuesdays is the best bit of my week",
        "My little brother never gets to do anything because of me and that makes me feel bad",
        "Young carers group was good but it closed",
    ]),
    ("Growing up and what's next", [
        "I want to go to college to do animal care but they said there's no place",
        "I don't know what a 'preparing for adulthood' review is. Nobody explained it",
        "I want a job. Supported internships sound good but there are hardly any",
        "Worried about when I'm 18 and everything changes to adult services",
        "My EHCP says I want to be a footballer. I said that when I was 8",
        "I'd like to live on my own one day with a bit of help",
    ]),
    ("What would you tell the people in charge?", [
        "Ask us, not just our parents",
        "Come to our school and see what it's actually like",
        "Don't make us tell our story over and over again",
        "Make teachers do training about autism and ADHD, all of them",
        "Be nicer on the phone to my mum, she cries after",
        "Thank you for listening today, it was good",
        "The newsletter should have a bit for young people",
        "Put young people on the panel that decides stuff",
        "My name is {P:Magdalena} and I want you to remember we are people not paperwork",
        "I go to {S:Highfold Special School} and it's the best school, but it's an hour on the bus",
    ]),
]
