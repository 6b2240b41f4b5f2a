"""Written submissions received during the January 2025 round (typed up or e-mailed in).

LETTERS rows: (file name under written/, date, group code, text).  Plain text, UTF-8.
"""

LETTERS = [
    ("submission_01.txt", "2025-01-22", "PC", """\
{A:41 Sandpiper Way}
Hollins Green
{PC:PR1 9QW}

22nd January 2025

Dear SEND Strategy Team,

I am writing because I could not get to any of the January workshops - they were all either in working hours or on a school night when I have no childcare.

My son {P:Toby Achebe-Ward} (date of birth {D:03/07/2013}, NHS number {N:999 160 9083}) is in Year 6 at {S:Cragside Moor Primary School} and has an EHCP for autism and anxiety. His school are wonderful and his class teacher has bent over backwards for him. My worries are all about what happens next.

His annual review was held in June. The school sent the paperwork in the same week. We still do not have an amended plan, which means the plan that is being sent to secondary schools describes him as he was in Year 3. Three secondary schools have been consulted and all three have said they cannot meet his needs. Nobody has told me what happens if no school is named by 15 February.

I have tried to use the new EHCP portal. I uploaded my parental views three times and each time the portal said nothing had been received. The helpdesk told me to clear my cookies. In the end I posted a paper copy by recorded delivery. I can see the idea of the portal is good, being able to see where things are up to, but at the moment it just adds another thing to chase.

He has been on the CAMHS waiting list since March 2023. In that time he has stopped eating at school and has started hitting himself when he is overwhelmed.

I also want to mention his little sister. She is 8 and she is already doing things no 8 year old should - keeping him calm in the car, giving up her friends coming round. There is nothing for her. The young carers service said she did not meet their threshold.

One positive - the SEND newsletter is very good and it is the only reason I knew this consultation was happening.

I am happy to be contacted on {T:07700 900562} or {E:t.achebeward.family@example.co.uk}.

Yours faithfully,
{P:Natalie Achebe-Ward}
"""),
    ("submission_02.txt", "2025-01-27", "PR", """\
From: {P:Joanna Marsden-Oyelaran}, SENCO and Assistant Headteacher, {S:Wyrebank Community High School}
To: SEND Strategy consultation mailbox
Date: 27 January 2025
Subject: Response to the January consultation - a secondary school view

Thank you for the opportunity to respond. I have discussed this with our inclusion team and our governors' SEND link.

1. The Inclusion Hub. We have had two visits from the hub since it opened in November and the outreach advice has been practical and well received by staff. However, the criteria are unclear. We have been told the hub will not work with pupils who have an EHCP, and separately that a hub referral is "expected" before we request an EHC needs assessment. If the second is true it is a gatekeeping step that the law does not allow, and parents are already saying so. Please publish clear criteria.

2. Statutory timescales. Of the 14 needs assessments we supported last year, two were completed within 20 weeks. One pupil (UPN {U:F888412621047}) waited 31 weeks and by the time the plan arrived he had been out of school for a term. Annual review amendments are routinely taking longer than the whole of the previous year.

3. The EHCP portal. The principle is sound. In practice our network blocks the upload page, the annual review form does not match the template we were trained on, and we cannot see who the caseworker is. We have reverted to e-mail for most things.

4. Restrictive practice. After the October event we reviewed our own use of our internal exclusion room and of physical intervention. We have reduced both considerably and now record every use. We would welcome county-wide guidance, a recording standard and training, so that practice does not depend on which school a child happens to attend.

5. Educational psychology. The EP service is doing statutory work only. We now buy in a private EP at considerable cost to the school budget to get any early advice at all.

6. Post-16 transport. A significant number of our Year 11 leavers with EHCPs rely on home to school transport. The proposed contribution will deter some of them from staying in education. We ask that the strategy considers this alongside preparation for adulthood.

7. Training. Our staff have valued the autism training offered this year. We would like the same for ADHD and for teaching assistants, who are rarely released for training.

I am happy to discuss any of this. I can be reached on {T:01632 960 853} or {E:j.marsden-oyelaran@wyrebank.example.sch.uk}.

{P:Joanna Marsden-Oyelaran}
"""),
    ("submission_03.txt", "2025-01-29", "PC", """\
Westshore Autism Families - response to the SEND Strategy consultation, January 2025

We are a peer support group of around 60 families. This response was put together at our January coffee morning and on our members' group chat.

What has improved since October
- The SEND newsletter. Members like that it is short and lists dates. Several asked for a paper version at GP surgeries and libraries.
- The Local Offer website relaunch. The search works and the short breaks page is now clear. A few listings are still out of date.
- Some members have a new caseworker who returns calls. This has made a real difference to them.

What has not improved
- Health access. This came up more than anything else. Members described dentists refusing to treat autistic children, a two year wait for dental treatment under sedation, and hospital outpatient and A&E visits with no quiet space and no reasonable adjustments. One member's son was restrained by hospital security during a blood test. Health access needs to be part of the strategy, not left to each service.
- Restraint and isolation in schools. Five families in the group have children who have been restrained or put in isolation rooms in the last term. Parents were told afterwards, if at all. We want every incident recorded and parents told the same day.
- Play and leisure. The new play area on the seafront has no wheelchair-accessible equipment. There is one Changing Places toilet in Westshore and it is often locked. Families are planning days out around toilets.
- Siblings. Brothers and sisters are carrying a lot and there is nothing for them since the young carers group closed.
- The EHCP portal. Members who are not confident online, or who only have a phone, cannot use it. Please keep paper and phone routes.
- The proposed post-16 transport charge. Members are angry that this was announced over Christmas.

What we would like the strategy to do first
Publish realistic timescales and keep to them, and tell families honestly where they are in the queue.

Contact: {P:Ruth Cavanagh}, group coordinator, {T:(01632) 960 127}
"""),
    ("submission_04.txt", "2025-01-30", "PC", """\
to whom it may concern

i am writing as nan and special guardian of my grandson {P:Filip} who is 11 and has autism and global delay. i was given the form at the family hub but i am not on the computer so my neighbour is typing this for me.

we live at {A:Flat 3, 58 Moorside Terrace}, {PC:bb10 3ne} in case you need it. my national insurance number is {NI:JT 48 29 61 C} because the lady said my carers allowance is linked to this somehow, i dont know.

my worries are

the new computer system for the EHCP, i cant use it, nobody has sent me anything on paper since christmas and i dont know whats happening with his review.

the bus. they changed his escort and he screamed the whole way, the school rang me to fetch him. he needs the same people.

he was held down at school by 2 teachers in december, they said he was going to hurt himself. i wasnt told till the next day. i dont think thats right.

CAMHS said they would see him in the new year. its the new year.

people like me who are grandparents bringing up grandchildren get left out. the parent groups are all on facebook and in the daytime when im at the hospital with my husband.

i want to say Mrs {P:Threlfall} the family worker at his school is an angel, she rings me every week.

thank you for reading this

{P:Irene Wozniak}
"""),
]
