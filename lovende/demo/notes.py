"""Short Danish observations and citizen feedback for the demo courses. All invented.

Observations are (kind, text, tags), chosen by the intervention and by how the course is going.
"""

from lovende.citizens.models import Observation
from lovende.demo.interventions import FAMILY, INFANT, RESIDENTIAL, YOUTH

K = Observation.Kind
START, GOOD, NEUTRAL, BAD = "start", "good", "neutral", "bad"
LOW_ALLIANCE, FALLING_ALLIANCE = "low alliance", "falling alliance"
GAP, DROPOUT, WAITING = "gap", "dropout", "waiting"
PRAISE, CRITICISM = "praise", "criticism"

OBSERVATIONS: dict[tuple[str, str], tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    (FAMILY, START): (
        (K.PARENTING, "Første hjemmebesøg. Forældrene beskriver mange konflikter ved sengetid og om morgenen; vi aftaler at starte dér.", ("døgnrytme", "konflikter")),
        (K.WELLBEING, "Barnet trækker sig, når forældrene skændes. Mor fortæller, at skolen også er bekymret.", ("skole", "trivsel")),
        (K.RELATIONS, "Familien har et lille netværk; mormor hjælper med at hente, men far har ingen at tale med.", ("netværk",)),
    ),
    (FAMILY, GOOD): (
        (K.PARENTING, "Forældrene har holdt fast i den faste aftenrutine i tre uger. Færre konflikter, og barnet falder hurtigere i søvn.", ("døgnrytme", "søvn")),
        (K.RESOURCE, "Far tog selv initiativ til at ringe til skolen og aftale et møde. Stor stolthed over det.", ("skole",)),
        (K.WELLBEING, "Barnet smiler mere og fortæller selv om sin dag ved aftensmaden.", ("trivsel",)),
        (K.DEVELOPMENT, "Skolen melder om bedre fremmøde og færre konflikter i frikvartererne.", ("skole",)),
    ),
    (FAMILY, NEUTRAL): (
        (K.DAILY_LIFE, "Hverdagen kører nogenlunde, men morgenerne er stadig svære. Vi afprøver et billedskema.", ("døgnrytme",)),
        (K.COOPERATION, "Vi har drøftet målene igen. Forældrene oplever ikke, at der er sket meget endnu; vi justerer planen.", ("mål",)),
        (K.PARENTING, "Mor bruger de aftalte redskaber, når hun husker det. Far er mere skeptisk.", ("forældrekompetence",)),
    ),
    (FAMILY, BAD): (
        (K.CONCERN, "Flere konflikter i hjemmet siden sidst. Barnet har været væk fra skole fire dage. Drøftes på teammødet.", ("skole", "konflikter")),
        (K.CONCERN, "Mor virker udkørt og fortæller, at hun sover dårligt. Vi taler om støtte fra egen læge.", ("forælderens trivsel", "søvn")),
        (K.WELLBEING, "Barnet er mere indelukket og vil ikke tale om skolen. Læreren har kontaktet familien.", ("skole", "trivsel")),
    ),
    (INFANT, START): (
        (K.PARENTING, "Opstartsmøde med myndighed og sundhedsplejerske. Mor er usikker på amning og på at aflæse barnets signaler.", ("amning", "samspil")),
        (K.WELLBEING, "Barnet græder meget om aftenen, og forældrene er trætte. Vi aftaler ugentlige besøg de første måneder.", ("søvn", "gråd")),
        (K.RELATIONS, "Mor har kun lidt kontakt med sin familie. Far arbejder meget og er sjældent med til besøgene.", ("netværk",)),
    ),
    (INFANT, GOOD): (
        (K.PARENTING, "Videovejledning: mor følger barnets blik og venter på svar. Hun ser det selv på optagelsen.", ("samspil", "video")),
        (K.DEVELOPMENT, "Sundhedsplejersken melder om fin vægtøgning; barnet følger sin kurve.", ("vægt",)),
        (K.RESOURCE, "Forældrene har fundet en mødregruppe og kommer der hver uge.", ("netværk",)),
        (K.WELLBEING, "Mor siger, at hun for første gang nyder at være alene med barnet.", ("forælderens trivsel",)),
    ),
    (INFANT, NEUTRAL): (
        (K.DAILY_LIFE, "Søvnen er stadig uregelmæssig, men forældrene skiftes nu til at tage natten.", ("søvn",)),
        (K.COOPERATION, "Tværfagligt opfølgningsmøde. Vi holder fast i planen og ser på den igen om fire uger.", ("opfølgning",)),
        (K.PARENTING, "Far var med til besøget og prøvede selv at bade barnet. Usikker, men nysgerrig.", ("samspil",)),
    ),
    (INFANT, BAD): (
        (K.CONCERN, "Mor virker nedtrykt og har svært ved at komme op om morgenen. Vi taler om egen læge og efterfødselsreaktion.", ("forælderens trivsel",)),
        (K.CONCERN, "Barnet har tabt sig lidt siden sidst. Sundhedsplejersken kommer ekstra i næste uge.", ("vægt",)),
        (K.PARENTING, "Forældrene er uenige om, hvordan de skal reagere på gråd, og det fylder meget i hjemmet.", ("gråd", "samspil")),
    ),
    (YOUTH, START): (
        (K.DEVELOPMENT, "Første samtale. Den unge har ikke gået i skole i et halvt år og vil gerne prøve noget med hænderne.", ("praktik", "uddannelse")),
        (K.DAILY_LIFE, "Den unge sover til langt op ad dagen og spiller om natten. Vi taler om en realistisk start på praktikken.", ("døgnrytme",)),
        (K.RELATIONS, "Den unge har få venner uden for nettet. Mor er bekymret, men støttende.", ("netværk",)),
    ),
    (YOUTH, GOOD): (
        (K.DEVELOPMENT, "Praktikken på værkstedet går godt. Mesteren fortæller, at den unge møder til tiden og spørger ind til opgaverne.", ("praktik",)),
        (K.RESOURCE, "Den unge har selv skrevet til en produktionsskole om optagelse efter sommerferien.", ("uddannelse",)),
        (K.DAILY_LIFE, "Står op med vækkeur hver dag og har fået en fast rytme.", ("døgnrytme",)),
        (K.RELATIONS, "Har fået en kammerat i praktikken og spiser frokost med de andre.", ("netværk", "praktik")),
    ),
    (YOUTH, NEUTRAL): (
        (K.COOPERATION, "Vi har talt med praktikstedet om færre timer de første uger. Den unge er enig.", ("praktik",)),
        (K.DAILY_LIFE, "Kommer i praktik tre ud af fem dage. Fraværet hænger sammen med søvnen.", ("døgnrytme", "fravær")),
        (K.DEVELOPMENT, "Den unge er i tvivl om, hvad der skal ske efter praktikken. Vi ser på flere muligheder.", ("uddannelse",)),
    ),
    (YOUTH, BAD): (
        (K.CONCERN, "Den unge er udeblevet fra praktikken hele ugen og svarer ikke på sms. Kontakt til mor.", ("fravær", "praktik")),
        (K.CONCERN, "Har fortalt om hash i weekenderne for at kunne sove. Vi tager det op igen og inddrager rusmiddelrådgivningen, hvis den unge vil.", ("rusmidler",)),
        (K.WELLBEING, "Den unge virker opgivende og siger, at det hele alligevel ikke nytter.", ("trivsel",)),
    ),
    (RESIDENTIAL, START): (
        (K.WELLBEING, "Første uge på institutionen. Barnet er stille, spiser lidt og spørger meget efter mor.", ("anbringelse", "trivsel")),
        (K.DEVELOPMENT, "Skolestart aftalt i den interne skole. Barnet læser under alderssvarende niveau.", ("skole",)),
        (K.PARENTING, "Første forældresamtale. Forældrene er vrede over anbringelsen, men vil gerne være med i hverdagen.", ("forældresamarbejde",)),
    ),
    (RESIDENTIAL, GOOD): (
        (K.WELLBEING, "Barnet er faldet godt til og har fået en god ven i gruppen.", ("trivsel", "venskaber")),
        (K.DEVELOPMENT, "Går i skole hver dag og er stolt over at have læst en hel bog selv.", ("skole",)),
        (K.PARENTING, "Forældrene har været med til fodboldtræning to gange og kommer til forældresamtalen hver måned.", ("forældresamarbejde", "fritid")),
        (K.RESOURCE, "Samværet i weekenden gik godt. Vi taler om flere weekender hjemme som led i hjemgivelsen.", ("hjemgivelse", "samvær")),
    ),
    (RESIDENTIAL, NEUTRAL): (
        (K.DAILY_LIFE, "Aftenerne er stadig urolige, men barnet tager imod hjælp fra kontaktpædagogen.", ("døgnrytme",)),
        (K.COOPERATION, "Statusmøde med myndighed og forældre. Planen for hjemgivelse fortsætter uændret.", ("hjemgivelse",)),
        (K.RELATIONS, "Barnet leger mest med de voksne og har svært ved at komme ind i legen med de andre børn.", ("venskaber",)),
    ),
    (RESIDENTIAL, BAD): (
        (K.CONCERN, "Voldsom konflikt efter samvær. Barnet sparkede en pædagog og var svær at berolige.", ("samvær", "konflikter")),
        (K.CONCERN, "Barnet vil ikke i skole og har haft ondt i maven flere morgener. Aftale med skolen og sundhedsplejen.", ("skole", "trivsel")),
        (K.RELATIONS, "Forældrene aflyste to samvær i træk. Barnet blev meget ked af det.", ("samvær",)),
    ),
}  # fmt: skip

# The same in every intervention.
GENERAL_OBSERVATIONS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    LOW_ALLIANCE: (
        (K.COOPERATION, "Borgeren oplever ikke, at vi arbejder med det rigtige. Vi gennemgår målene igen næste gang.", ("alliance", "mål")),
        (K.COOPERATION, "Drøftet på teammødet: lav alliance over flere sessioner. Vi overvejer, om en kollega skal tage over.", ("alliance",)),
    ),
    FALLING_ALLIANCE: (
        (K.COOPERATION, "SRS faldt i dag. Vi talte om, hvad der skal til, for at samtalerne giver mening; borgeren vil gerne have mere fokus på egne mål.", ("alliance", "srs")),
        (K.COOPERATION, "Lavere SRS end sidst. Borgeren syntes, vi brugte for meget tid på skemaer; næste gang starter vi med borgerens eget emne.", ("alliance", "srs")),
    ),
    GAP: (
        (K.COOPERATION, "Flere aftaler er aflyst, og vi har ikke kunnet komme i kontakt. Brev sendt med tilbud om ny tid.", ("aflysninger", "kontakt")),
        (K.OTHER, "Pause i forløbet efter borgerens ønske. Vi tager kontakt igen om en måneds tid.", ("pause",)),
    ),
    DROPOUT: (
        (K.COOPERATION, "Borgeren er udeblevet fra de seneste aftaler og ønsker ikke at fortsætte. Myndighed er orienteret.", ("udeblivelse", "afslutning")),
        (K.OTHER, "Familien flytter til en anden kommune. Forløbet afbrydes, og sagen overdrages.", ("flytning",)),
    ),
    WAITING: (
        (K.COOPERATION, "Visitation modtaget fra myndighed. Første møde er aftalt.", ("visitation",)),
        (K.OTHER, "Venter på ledig plads. Borgeren er orienteret om forventet opstart.", ("venteliste",)),
    ),
}  # fmt: skip

ADULT_FEEDBACK = {
    PRAISE: (
        "Det hjælper, at du kommer hjem til os. Så ser du, hvordan det faktisk er.",
        "Vi har fået nogle redskaber, vi bruger hver aften. Det er blevet lidt nemmere.",
        "Jeg føler mig ikke dømt. Det betyder meget.",
        "Det er rart, at vi kan tale om det svære uden at skulle forsvare os.",
        "Godt at vi fik lavet en plan sammen. Nu ved jeg, hvad vi arbejder hen imod.",
    ),
    CRITICISM: (
        "Vi taler for meget om skemaer og for lidt om det, der sker derhjemme.",
        "Det er svært at nå, når I kommer midt i aftensmaden.",
        "Jeg ved ikke helt, hvad vi skal bruge det her til.",
        "Jeg føler, at det er mig, der bliver vurderet, og ikke at I hjælper.",
    ),
}
FEEDBACK = {
    FAMILY: ADULT_FEEDBACK,
    INFANT: {
        PRAISE: (
            *ADULT_FEEDBACK[PRAISE],
            "Det var godt at se videoen. Jeg kunne se, at hun faktisk kigger på mig.",
            "Sundhedsplejersken og du siger det samme. Det gør mig mere rolig.",
        ),
        CRITICISM: (
            *ADULT_FEEDBACK[CRITICISM],
            "Der kommer for mange forskellige mennesker. Jeg kan ikke huske, hvem der er hvem.",
        ),
    },
    YOUTH: {
        PRAISE: (
            "Fedt at du hjalp mig med at finde praktikken. Jeg gider godt at stå op nu.",
            "Du lytter, og du presser ikke for meget.",
            "Det var godt, at vi lavede en plan. Så ved jeg, hvad der skal ske.",
            "Rart at snakke med en, der ikke er min mor.",
        ),
        CRITICISM: (
            "Det er for tidligt om morgenen. Kan vi ikke mødes senere?",
            "Jeg ved ikke, om praktik er noget for mig. Det føles som jeres plan.",
            "Lidt kedeligt i dag. Vi snakkede om det samme som sidst.",
        ),
    },
    RESIDENTIAL: {
        PRAISE: (
            "Jeg kan godt lide, når vi spiller spil og snakker bagefter.",
            "Det er godt, at mor kommer til fodbold.",
            "Jeg er glad for min kontaktvoksen.",
        ),
        CRITICISM: (
            "Jeg vil hellere hjem.",
            "Det er dumt, at vi altid skal snakke om følelser.",
            "I lytter ikke, når jeg siger, at jeg ikke vil.",
        ),
    },
}
