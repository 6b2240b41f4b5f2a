'''Written submissions (letters and emails), part B. Each: (file name, text).'''

LETTERS = [
    ("letter_08.txt", """Dear Councillors,

I would like to raise something that I think is always forgotten when SEND is discussed: disabled children's right to play and to go out like other families.

My daughter {P:Tilly} is 13. She has cerebral palsy, uses a wheelchair and needs changing. There is not one playground in Southgate Vale with equipment she can use. Not one. The "inclusive" roundabout in the park was broken for eighteen months. When her brother and sister go to the park she watches from the path.

There is also no Changing Places toilet anywhere in the district. The disabled toilets are too small for her chair and me, there is no hoist and no bench, so the choice is to change a 13 year old girl on a dirty toilet floor, or to go home. So we go home. We do not go to the beach, we do not go to the leisure centre, we do not go out for tea. Her world gets smaller every year.

Short breaks could help but the offer is a holiday club for two weeks in August that cannot cope with her feeding tube. I would much rather have a personal budget and choose something that works for her, like a PA to take her swimming.

Please include play, leisure and accessible toilets in your strategy. It may not sound like education but it is about whether disabled children get a childhood.

With thanks,

{P:Joanne Baxendale}
{A:3 Orchard Mews}, Southgate Vale, {PC:PR7 2QJ}
"""),
    ("letter_09.txt", """Response to SEND consultation - EBSA and education other than at school

My daughter {P:Niamh} stopped being able to go to school in year 8. She is autistic (diagnosed at 13, after she had already broken down) and has severe anxiety. For months we were sent attendance letters and threatened with fines while she was on the CAMHS waiting list. The school put her on a "reduced timetable" of one hour a day which she could not manage either.

Eventually, I deregistered her to home educate. I want to be clear that this was not a choice. It was the only way to stop the threats while she was unwell. Since then we have had no support at all. The council sees her as "electively home educated" and so not their problem. Her EHCP has lapsed.

I have since learned that she could have had EOTAS (education other than at school) funded through her plan. No one told us. If we had known our options we could have made a better decision.

I would like the strategy to commit to:
- Recognising emotionally based school avoidance as a need, not a parenting problem.
- Stopping fines and prosecution where a child has a known or suspected SEND need.
- Offering proper alternative provision quickly, not one hour of online tuition.
- Keeping in touch with families who home educate because school failed their child, and telling them about EOTAS and their rights.
- Tracking all the children who are "missing" from education: on part-time timetables, in alternative provision, on long-term sickness, or home educated not by choice.

{P:Niamh}'s UPN is {U:A888123412001} if you want to check her records - you will see her attendance fell off a cliff from the day her support was withdrawn.

Kind regards,
{P:Deborah O'Connell}
{E:debs.oconnell71@yahoo.co.uk}, {T:0161 496 0732}
"""),
    ("letter_10.txt", """Dear Sir / Madam

HOME TO SCHOOL TRANSPORT

I am the grandfather and legal guardian of {P:Mason}, aged 10, who attends {S:Fernlea Special School}. He has travelled there in a taxi with an escort since he was five. The escort, {P:Pauline}, knows him well and knows how to keep him calm.

In July we received a letter saying that from September he would travel from a "pick up point" half a mile from our house and without an escort. There was no consultation. I am 74 and I cannot walk him half a mile twice a day in all weathers, and he has no sense of danger around traffic. We were told we could appeal, which we did, and the appeal took nine weeks. He missed most of September.

I understand that the council must save money. But the transport policy must be explained clearly, in writing, before decisions are made, and families must be able to talk to a person. I also understand from other families that the policy is applied differently in different districts.

Yours faithfully,

{P:Geoffrey Marsh}
{A:41 Canal Street}, Eastfold
"""),
    ("letter_11.txt", """Dear SEND Team,

So many of the responses to this consultation will, rightly, be complaints. I wanted to write with something positive, because I think you should know when things go right and learn from it.

Our son {P:Ibrahim} has Down syndrome. He moved up to secondary school in September, to {S:Ashbrook Junior School}'s partner high school, and it has gone better than we ever dared hope. The reason is the planning. His primary SENCO, his new SENCO and his caseworker met three times in year 6. He had six extra visits, a photo book of the new school, and a 'buddy' from year 8. His EHCP was reviewed in the autumn of year 5 so that the new school was named in good time. His speech therapist went into the new school to train his TA before he started.

His caseworker, Mrs {P:Achterberg}, knew {P:Ibrahim}. She had met him. She answered emails. When something was going to be late she rang and told us why.

Everything in that list is something that could happen for every child. Please make it the standard, not the exception.

With gratitude,

{P:Samira} and {P:Yusuf Haddad}
"""),
    ("letter_12.txt", """Consultation response: preparing for adulthood

I am the mother of a young man of 19 with a learning disability and epilepsy. My son {P:Owen} is in his final year at a specialist college and I am writing because nobody seems to know what happens to him next July.

Adult social care have not assessed him. The transitions team say they are "aware". His EHCP will cease when he leaves education and he will lose his therapy, his structure and most of his friends overnight. The only day service offered is a day centre where the next youngest person is 50.

His plan has had "preparing for adulthood" outcomes since year 9 but they have never been meaningful. "{P:Owen} will develop independence skills." How? When? No one taught him to use money, cook a meal, or travel. He could have done a supported internship - he would be a brilliant worker - but there were only four places and he wasn't told about them until it was too late.

At 14, 16, 18 I asked the same question: what is the plan for adulthood? I was told it was too early. Now it is too late.

Please put preparing for adulthood at the heart of the strategy, start at 14, bring adult services, colleges and employers into the room, and give families honest information about what is really available.

{P:Carol Ashdown}
NI number for his benefits enquiry, which the council asked me to send and never acknowledged: {NI:JM 48 22 61 C}
"""),
    ("letter_13.txt", """Dear Sirs

I write in English is not my first language, please forgive mistakes.

My daughter {P:Oliwia} she is 7 and she have autism. We are from Poland, we live in Westshore 4 years. The school is good, the teacher is very kind, Mrs {P:Kowalczyk} help us very much and she speak Polish also.

But the council letters is very difficult. Many words I dont understand, EHCP, SEN support, annual review, section F. I use google translate but is not good. In the meeting nobody is translate for me, I say yes to everything because I am embarassed.

Please give information in Polish and other languages. Please give interpreter at meetings. Many parents like me dont know what is the rights for our children.

Thank you

{P:Agnieszka Nowak}
{T:07700 900 127}
"""),
    ("letter_14.txt", """Submission from Calderbrook Inclusive Sport Club

We are a volunteer-run multi-sport club for disabled children and young people, with around 90 members aged 5 to 25. We are writing because leisure and sport are not mentioned in the SEND strategy and for many of our families they are as important as school.

Our members regularly tell us that ours is the only activity outside school they can take part in. Mainstream clubs often turn them away ("we don't have the training") and public leisure facilities are hard to use. The main leisure centre has no Changing Places toilet and no working pool hoist. Two of our wheelchair users cannot use the changing rooms at all. Many playgrounds in the area have no accessible equipment.

We have a waiting list of 40 children and no money to expand. A small amount of short breaks funding, or a partnership with the council's leisure provider, would let us run more sessions and train coaches in other clubs.

We would ask the council to include accessible play, sport and leisure in the strategy, to require new and refurbished leisure facilities to include Changing Places toilets and hoists, and to involve community clubs like ours when designing the short breaks offer.

{P:Darren Hepworth}, Club Secretary
{E:darren.hepworth@cisc-club.org.uk}
"""),
    ("letter_15.txt", """Response from Northmoor & Calderbrook Parent Carer Forum

The Forum represents over 1,100 parent carer members. This response summarises what our members told us at four coffee mornings and through an online poll in September 2024 (212 responses).

What members say is working
- SENDIASS is trusted and valued.
- Where caseworkers meet children and keep families informed, the experience is transformed.
- Outreach from special schools and the new Inclusion Service area teams are building confidence in mainstream schools.
- Nurture groups, resource bases and inclusion hubs are praised wherever they exist.

What members want changed
1. Timeliness. 81% of members with a recent needs assessment waited longer than 20 weeks. Annual review amendments are months late.
2. Quality. Plans are often generic and unspecified. Members want the council to quality assure plans and learn from tribunal decisions.
3. Communication. Emails and calls go unanswered; decision letters are unexplained. Members want a named contact and regular updates.
4. Co-production. Members feel consulted after decisions are made. The transport changes are the clearest example. Co-production must mean involving families before decisions, and telling them afterwards what changed as a result ("you said, we did").
5. Data. The council should publish, every term, timeliness of plans, annual reviews completed, numbers of children out of school or on part-time timetables, and waiting times for health assessments.
6. Early help. Families reach crisis before they are helped. Support should not depend on a diagnosis.
7. Equity. Members in Westshore and Harbourside report fewer services and longer journeys.

Issues not in the draft priorities that members raised repeatedly
- Restraint and isolation/seclusion in schools, and the lack of reporting to parents.
- Support for siblings and young carers.
- Access to dentists, hospital appointments and GPs for autistic children and children with learning disabilities.
- Accessible playgrounds, leisure and Changing Places toilets.

We are committed to working with the council on the final strategy and its action plan.

{P:Fiona Ratcliffe}, Chair
"""),
]

# Respondent group of each letter's writer (fixed per file in round.yaml).
LETTER_GROUPS = {
    "letter_01.txt": "Parent carer",
    "letter_02.txt": "Parent carer",
    "letter_03.txt": "Young person",
    "letter_04.txt": "Professional",
    "letter_05.txt": "Professional",
    "letter_06.txt": "Other",
    "letter_07.txt": "Parent carer",
    "letter_08.txt": "Parent carer",
    "letter_09.txt": "Parent carer",
    "letter_10.txt": "Parent carer",
    "letter_11.txt": "Parent carer",
    "letter_12.txt": "Parent carer",
    "letter_13.txt": "Parent carer",
    "letter_14.txt": "Other",
    "letter_15.txt": "Other",
}
