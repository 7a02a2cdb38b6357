"""The leaders' behaviours and dilemmas of the handbook (Hæfte 2, §3.5), as 360° items.

Leaders rate themselves on them, and employees and fellow leaders rate the same items
anonymously. The behaviours are worded without a subject, so the same text serves the
self-assessment ("I …") and the others' view ("Min leder …"). The dilemmas are reflection items:
how well the leader holds both sides.
"""

BEHAVIOUR_SCALE = "1 = i meget lav grad, 5 = i meget høj grad"
DILEMMA_SCALE = "1 = meget dårligt, 5 = meget godt"

ROLE_MODEL = "Rollemodel"
KNOWLEDGE = "Vidensbaseret kvalitetsudvikling"
HUMAN_SIDE = "Den menneskelige side af forandringer"
DILEMMAS = "Dilemmaer"

# (theme, statements, is reflection item), in the handbook's order.
LEADERSHIP_ITEMS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    (
        ROLE_MODEL,
        (
            "Går foran som rollemodel for en kultur, hvor vi lærer af det, vi gør.",
            "Reagerer på fejl i organisationen med læring frem for fejlfinding.",
            "Deltager i de rette møder og har de rigtige roller på møderne.",
            "Tør vise usikkerhed eller sige, at der ikke er et endeligt svar.",
        ),
        False,
    ),
    (
        KNOWLEDGE,
        (
            "Har samlet medarbejderne om en fælles vision og et stærkt fagligt projekt.",
            "Opmuntrer og motiverer medarbejderne til konstruktivt at udfordre hinanden og "
            "status quo.",
            "Anerkender og fremhæver medarbejdere, der er undersøgende i forhold til egen "
            "praksis og arbejder med positive forandringer.",
            "Efterspørger data (fx observationer) som grundlag for faglige vurderinger.",
            "Skaber rammer for god faglig refleksion og faciliterer den, så den skaber værdi "
            "for borgerne.",
        ),
        False,
    ),
    (
        HUMAN_SIDE,
        (
            "Udviser en oprigtig forståelse for medarbejdernes bekymringer og indsigelser.",
            "Udviser åbenhed for nye idéer.",
            "Giver faglig støtte og opmuntring til medarbejdere, der bliver usikre.",
        ),
        False,
    ),
    (
        DILEMMAS,
        (
            "Fastholder retningen i udviklingsarbejdet og anerkender samtidig egen usikkerhed "
            "om fremtiden.",
            "Er robust og vedholdende og imødekommer samtidig medarbejdernes bekymringer.",
            "Skaber entusiasme og motivation, også når det er svært.",
            "Balancerer en understøttende tilgang med tydelige forventninger om en indsats af "
            "høj kvalitet.",
            "Træffer upopulære, men nødvendige beslutninger, der kan isolere på kort sigt.",
        ),
        True,
    ),
)
