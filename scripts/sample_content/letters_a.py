'''Written submissions (letters and emails), part A. Each: (file name, text).'''

LETTERS = [
    ("letter_01.txt", """Dear Sir or Madam,

I am writing in response to your consultation on the new SEND strategy. I have tried to fill in the online survey twice but it timed out both times so I am putting my views in a letter instead, which I hope still counts.

My son {P:Jack Whitworth} is 11 and has autism, ADHD and a severe language disorder. We requested an EHC needs assessment in November 2023. The council agreed to assess in the January, which was already past the six week deadline, and his final plan was not issued until the end of August 2024. That is 41 weeks. During that time he was moved from one school to another because his first school said openly that they could not meet his needs without the plan and the funding that comes with it.

When the plan arrived it was poor. Section F said things like "access to adult support" and "regular opportunities for speech and language therapy" without saying how much or who would provide it. The speech and language advice itself recommended weekly direct therapy from a therapist. That was simply left out. I had to go to tribunal to get the plan specified, and the council conceded two working days before the hearing. I was not offered an apology, only an amended plan. I am a teaching assistant myself, I know how the system is supposed to work, and I still found it almost impossible. I don't know how parents who don't know the law manage at all.

What I would like to see in the strategy is simple. Keep to the legal deadlines. Write plans that are specific. Learn from the tribunals you lose instead of fighting them. And when you get it wrong, say so.

I would be happy to talk to anyone about our experience. I can be reached on {T:07700 900782}.

Yours faithfully,

{P:Karen Whitworth}
{A:8 Sycamore Way}, Calderbrook, {PC:BB4 6TL}
"""),
    ("letter_02.txt", """Subject: Consultation response - restraint and the 'reflection room'

To the SEND strategy team,

I want this to be recorded as part of the consultation because I don't think restraint or isolation is mentioned anywhere in your draft priorities and it should be.

My daughter {P:Maya} is 9 and autistic. Last term she was restrained at school on at least six occasions that we know of. On one occasion two members of staff held her face down on the floor of the corridor. We found out from another parent, not from the school. When I asked for the records I was told the school "doesn't do written records for minor holds". She was also put in what the school calls the "reflection room", which is a small room with no window and the door held shut from the outside. She now has nightmares and will not go past the door of her classroom.

I have since found out from other parents on the local Facebook group that this is not unusual. Many of us have similar stories from different schools. There does not seem to be any council policy on it, any requirement for schools to report restraint to parents or to the local authority, or anyone checking.

I would ask that the strategy includes: a clear policy on restraint and seclusion for every school and setting the council funds; parents told on the same day every time their child is restrained; records kept and reported to the council; training for staff in de-escalation; and an end to locked or held-shut rooms for children.

I am also concerned about the effect this has had on my son, who is 12 and has been very frightened by what has happened to his sister. Nobody has offered him anything.

Regards,
{P:Nadia Farouk}
{E:nadia.farouk.home@outlook.com}
"""),
    ("letter_03.txt", """hi,

my name is {P:Callum} and I am 16. my support worker is helping me write this but the words are mine.

I have an EHCP because of my autism and dyspraxia. I go to college now doing IT. college is much better than school was. at school I was in the isolation room a lot because I couldn't cope in lessons and people thought I was being rude. at college they let me wear my headphones and I can go to the library when it gets too much.

the thing I want to change is that nobody asked me what I wanted at my reviews. my mum and the teachers talked and I sat there. when I was 14 someone asked me what job I wanted and I said I dont know and that was it, they wrote it down and didnt ask again. I want to work with computers, maybe fixing them. I need help to get work experience and to learn how to get the bus on my own because my taxi stops when I finish college.

also I want there to be stuff to do for people my age. the clubs are all for kids. and I want my little sister to get some help because she had to put up with me when I was really struggling and she never got anything.

thanks for reading this

{P:Callum}
"""),
    ("letter_04.txt", """Response from the headteacher, {S:Riverside Primary School}, Westshore

Dear colleagues,

Thank you for the opportunity to respond to the draft SEND strategy priorities. I write as the headteacher of a 420 place primary school in Westshore with 31 pupils with EHCPs and a further 74 on SEN support, numbers which have roughly doubled in five years.

First, what is working. The special school outreach service has been exceptional this year. Ms {P:Lindqvist} from the outreach team has modelled strategies in our classrooms, coached our teaching assistants and helped us set up a nurture provision. Our teachers are noticeably more confident as a result. I would urge the council to protect and expand this service; it is far more effective than one-off training days.

Second, the pressures. We are routinely holding children whose needs cannot be met in mainstream while they wait, sometimes for over a year, for a specialist place. We do our best but it is not fair on them or on the other children. The banding and top-up funding system is opaque: we often receive less than half the cost of the provision written in a child's plan, and no explanation of how the figure was reached. I would like the strategy to commit to transparent, published funding criteria.

Third, process. The annual review portal is unreliable and the volume of paperwork takes our SENCO away from children. Our SENCO teaches three days a week and spends the rest on paperwork, chasing health advice and attending meetings where health colleagues rarely appear.

Finally, equity. Westshore has fewer specialist places per head than other districts and the longest travel times. Please make clear in the strategy what the priorities are for each district and how new provision will be distributed.

I would welcome the chance to contribute further, particularly to the development of an inclusion framework, which we would be glad to pilot.

Yours sincerely,

{P:Andrew Pennington}
Headteacher
{T:01632 960 157}
"""),
    ("letter_05.txt", """To: SEND Strategy consultation
From: {P:Helen Castellano}, SENCO, {S:Kingsway High School}

I have been a SENCO for 12 years, in three local authorities, and I want to offer some practical suggestions rather than just a list of problems.

1. The EHC needs assessment request form. It asks for the same information in four different places. A good request takes me a day and a half. Please shorten it and let us attach existing documents (provision maps, APDR cycles) instead of retyping them.

2. Panel decisions. We regularly receive 'refuse to assess' decisions with no reasons. If we knew what the panel thought was missing we could improve our practice. A short rationale would help schools learn and would save appeals.

3. Annual reviews. The LA is not issuing amended plans after reviews, sometimes for a year. I currently have 14 students whose plans do not reflect their current needs or their current school. Please publish how many reviews are outstanding and a plan to clear them.

4. Training. The training offer for teachers is fine but I can't release staff to attend. Short online modules, and training aimed at lunchtime supervisors and cover supervisors, would make a real difference. I would also value reflective supervision for SENCOs; it is an isolating role and we carry a lot.

5. Preparing for adulthood. Year 9 reviews should have PfA outcomes and the colleges should be there. At the moment colleges meet our students for the first time in the spring of year 11.

6. Restraint and isolation. I know some schools in the area use isolation booths and seclusion. I think the council should set a clear expectation, collect data and support schools to move away from these practices. I have seen the harm they do.

Our school would be happy to be involved in co-producing any of this. I can be reached at {E:h.castellano@kingsway-high.sch.uk}.

{P:Helen}
"""),
    ("letter_06.txt", """Consultation response on behalf of Harbourside Young Carers Project

About us: we are a small local charity supporting young carers aged 5-18 in Harbourside and Southgate Vale. Around 40% of the young people we support care for a brother or sister with SEND, usually autism, learning disabilities or complex health needs.

We were disappointed to see that the draft priorities do not mention siblings or young carers at all. Brothers and sisters of disabled children take on practical and emotional caring roles from a very young age. They miss school for hospital appointments, they lose sleep, they cannot bring friends home, and they often feel that their own needs are invisible because all of the family's energy goes into getting support for their sibling. Several of the children we work with have been hurt during a sibling's meltdown. Many have anxiety of their own.

Our waiting list currently has 63 children on it. The council's young carers assessment is rarely offered to siblings because they are not seen as "carers" in the traditional sense. We would like the strategy to:

- recognise siblings and young carers as part of every family assessment, including EHC needs assessments and short breaks assessments;
- fund sibling support groups and holiday activities;
- make sure schools know which pupils are young carers and support them;
- include siblings in short breaks planning, so the whole family gets a break.

We also hear constantly from families about how hard it is to access health care for their disabled child: dentists who will not see children who cannot sit in the chair, hospital appointments with long waits in busy rooms, blood tests that fail again and again. These are not education matters but they are part of the picture for SEND families and we hope the strategy can push health partners to make reasonable adjustments.

We would be glad to help the council hear directly from young carers.

{P:Bernadette Quigley}
Project Coordinator
{E:bernadette@harbourside-youngcarers.org.uk}
"""),
    ("letter_07.txt", """Dear SEND team

I don't usually write letters like this but I've reached the end of my rope.

My son {P:Reuben} (born {D:03/05/2014}, NHS number {N:485 777 3457}) is autistic and has a learning disability. He has had toothache for over a year. No NHS dentist in Eastfold will see him because he can't cope with sitting in the chair, having someone's hands in his mouth, the bright light. We were referred to the community dental service who said he needs treatment under general anaesthetic and put him on a list. The list is 2 years.

Every time he is in pain he hits his head. He can't tell us where it hurts. We give him calpol and wait.

It's not just the dentist. Last month he needed a blood test. We went to the hospital, waited 90 minutes in a crowded room with a TV blaring, and by the time they called us he was under a chair screaming. They told us to rebook. I asked for a quiet room and the first appointment of the day and was told they "don't do that on this clinic". We have now been waiting for a 'special' appointment for 4 months.

I know this is a consultation about education but I'm told the strategy covers health as well. Please, please make health services make reasonable adjustments for children like mine. It doesn't take money to give someone the first appointment of the day.

Sorry if this is not the right place.

{P:Lorraine}
{T:+44 7700 900 315}
"""),
]
