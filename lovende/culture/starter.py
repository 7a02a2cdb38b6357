"""The Danish National Board of Social Services' examples of landmarks for a learning culture.

The box «Pejlemærker for læringskultur» in Hæfte 2, §3.1: themes and statements that leaders in
other municipalities wrote. Leaders start from them and make them their own.
"""

# (theme, statements), in the order of the box.
EXAMPLE_LANDMARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Borgercentrering", ("Vi vil systematisk undersøge og registrere borgernes synspunkter.",)),
    ("Ressource- og udviklingsperspektiv", ("Vi værdsætter professionel og personlig udvikling.",)),
    (
        "Opmuntring til udvikling og forbedring",
        (
            "Når noget går galt, så vil vi lægge vægt på læring, ikke fejlfinding.",
            "Ved hvert personalemøde vil vi dele læringspunkter og fremadrettede læringsmål.",
            "Vores medarbejdere føler, at de har indflydelse på gruppens resultater.",
            "Vi tager personligt ansvar: »Hvordan kan jeg løse problemet?«",
        ),
    ),
    (
        "Anerkendelse af viden og læring",
        (
            "Vi vil bruge tid på afdelingsmøder til at dele idéer om praksis og ny forskning.",
            "Vi vil undersøge emner, hvor vores faglige meninger er forskellige.",
        ),
    ),
    (
        "Effektivt teamsamarbejde",
        ("Teamet er større end de enkelte medlemmer.", "Man kan stole på støtte fra kolleger."),
    ),
    ("God kommunikation", ("Vi holder os opdaterede om, hvad der sker og hvorfor.",)),
    ("Ærlighed og tillid", ("Vi har åbenhed til at tage initiativer og foretage ændringer.",)),
)
