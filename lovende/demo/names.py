"""Name lists for the demo municipality's staff and citizens.

The first names are ordinary Danish first names; the surnames are invented nature compounds, so a
combination of the two is recognisably fictitious and never a real person's full name.
"""

FEMALE_FIRST_NAMES = (
    "Agnes", "Alma", "Amira", "Anne", "Asta", "Astrid", "Birthe", "Camilla", "Clara", "Ella",
    "Emma", "Fatima", "Freja", "Frida", "Helle", "Ida", "Inger", "Johanne", "Karla", "Laura",
    "Lene", "Liva", "Louise", "Maja", "Maria", "Nora", "Signe", "Susanne", "Tove", "Yasmin",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Aksel", "Alfred", "Ali", "Anders", "August", "Carl", "Emil", "Frederik", "Hassan", "Henrik",
    "Jesper", "Lucas", "Mads", "Magnus", "Malthe", "Martin", "Michael", "Mikkel", "Niels", "Noah",
    "Omar", "Oliver", "Oscar", "Peter", "Rasmus", "Søren", "Theo", "Thomas", "Valdemar", "Victor",
)  # fmt: skip

SURNAMES = (
    "Ahornsted", "Anemonevang", "Birkemose", "Blåbærdal", "Bævergaard", "Egerhøj", "Ellekrat",
    "Engblomst", "Fjordklit", "Flintebjerg", "Granbakke", "Gåsebakke", "Hasselkær", "Havreholm",
    "Havtornvang", "Hjortebæk", "Humlekær", "Hvedeløkke", "Hybenkær", "Hyldebjerg", "Kantarelholm",
    "Kastanjevang", "Kildeeng", "Klintevang", "Kløverdal", "Kornvang", "Kvædehøj", "Lindesti",
    "Lyngvang", "Lærkesø", "Marehalm", "Mjødurtdal", "Mosekær", "Multebjerg", "Nøddebjerg",
    "Perlebæk", "Pilekær", "Pindsvinekær", "Ravnebæk", "Rugvang", "Ræveholm", "Rønnebærholm",
    "Sivkær", "Skovmærke", "Skvalderholm", "Snerlevang", "Solsikkedal", "Spurvelund", "Strandkål",
    "Svaneholt", "Syrenbakke", "Tjørnelund", "Tranebjerg", "Tuselund", "Tyttebærlund", "Ugleskov",
    "Valmuedal", "Vibemose", "Æblegaard", "Ørnekrog",
)  # fmt: skip
