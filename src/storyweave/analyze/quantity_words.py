"""The words facts are read with, per language: data only, as ``|``-separated phrases.

Each table maps a label to the phrases that carry it, matched on case-folded words by
:mod:`storyweave.analyze.fact_sentence`. Languages: en, vi, fr, es and de; hedges, currencies
and lengths are shared by every language.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Nouns a number counts, per language: the English noun (its key) and its phrases.
COUNTED_NOUNS: dict[str, dict[str, str]] = {
    "en": {"people": "people|persons|residents|inhabitants|individuals|others|citizens|men|"
                     "villagers|youths",
           "passengers": "passengers", "prisoners": "prisoners|inmates|detainees",
           "protesters": "protesters|demonstrators", "tourists": "tourists|visitors",
           "civilians": "civilians", "children": "children|kids|minors", "women": "women",
           "soldiers": "soldiers|troops|servicemen|service members|personnel",
           "fighters": "fighters|militants|rebels|insurgents|jihadists|combatants|gunmen|"
                       "militiamen",
           "police": "police officers|policemen|police", "refugees": "refugees|asylum seekers",
           "migrants": "migrants", "journalists": "journalists|reporters",
           "workers": "workers|employees", "students": "students|pupils",
           "patients": "patients", "houses": "houses|homes", "buildings": "buildings",
           "vehicles": "vehicles|cars|trucks", "aircraft": "aircraft|planes|jets|helicopters",
           "tanks": "tanks", "missiles": "missiles|rockets|shells", "airstrikes":
           "airstrikes|air strikes|strikes|raids", "countries": "countries|nations|states",
           "cases": "cases", "votes": "votes", "seats": "seats", "tonnes": "tonnes|tons",
           "years": "years", "months": "months", "weeks": "weeks", "days": "days",
           "hours": "hours"},
    "vi": {"people": "người|người dân|dân|đồng bào|nhân khẩu|công dân|thanh niên",
           "passengers": "hành khách", "prisoners": "tù nhân|phạm nhân",
           "protesters": "người biểu tình", "tourists": "du khách|khách du lịch",
           "civilians": "dân thường|thường dân", "children": "trẻ em|em bé|trẻ",
           "women": "phụ nữ", "soldiers": "binh sĩ|binh sỹ|binh lính|lính|quân nhân|chiến sĩ",
           "fighters": "phiến quân|chiến binh|tay súng|kẻ khủng bố", "police": "cảnh sát",
           "refugees": "người tị nạn|người tỵ nạn", "migrants": "người di cư",
           "journalists": "nhà báo|phóng viên", "workers": "công nhân|nhân viên|lao động",
           "students": "học sinh|sinh viên", "patients": "bệnh nhân",
           "houses": "ngôi nhà|căn nhà|nhà", "buildings": "tòa nhà", "vehicles":
           "phương tiện|xe", "aircraft": "máy bay|trực thăng", "tanks": "xe tăng",
           "missiles": "tên lửa|rốc két|đạn pháo|quả đạn", "airstrikes":
           "cuộc không kích|không kích", "countries": "quốc gia|nước", "cases": "ca|trường hợp",
           "votes": "phiếu", "seats": "ghế", "tonnes": "tấn", "colleagues": "đồng nghiệp",
           "allies": "đồng minh", "years": "năm", "months": "tháng", "weeks": "tuần",
           "days": "ngày", "hours": "giờ|tiếng"},
    "fr": {"people": "personnes|habitants|gens|individus|résidents|citoyens|hommes|jeunes",
           "civilians": "civils", "passengers": "passagers",
           "prisoners": "détenus|prisonniers", "protesters": "manifestants",
           "tourists": "touristes|visiteurs",
           "children": "enfants|mineurs", "women": "femmes",
           "soldiers": "soldats|militaires|troupes",
           "fighters": "combattants|rebelles|insurgés|jihadistes|djihadistes",
           "police": "policiers|gendarmes", "refugees": "réfugiés|demandeurs d'asile",
           "migrants": "migrants", "journalists": "journalistes",
           "workers": "salariés|employés|travailleurs|ouvriers",
           "students": "élèves|étudiants", "patients": "patients", "houses":
           "maisons|logements", "buildings": "bâtiments|immeubles", "vehicles":
           "véhicules|camions|voitures", "aircraft": "avions|hélicoptères", "tanks": "chars",
           "missiles": "missiles|roquettes|obus", "airstrikes": "frappes|raids",
           "countries": "pays", "cases": "cas", "votes": "voix|votes", "seats": "sièges",
           "tonnes": "tonnes", "years": "ans|années", "months": "mois",
           "weeks": "semaines", "days": "jours", "hours": "heures"},
    "es": {"people": "personas|habitantes|individuos|residentes|gente|ciudadanos|hombres|"
                     "jóvenes|vecinos",
           "passengers": "pasajeros", "prisoners": "presos|reclusos|internos",
           "protesters": "manifestantes", "tourists": "turistas|visitantes",
           "civilians": "civiles", "children": "niños|niñas|menores", "women": "mujeres",
           "soldiers": "soldados|militares|efectivos|tropas",
           "fighters": "combatientes|rebeldes|insurgentes|yihadistas|milicianos",
           "police": "policías|agentes", "refugees": "refugiados|solicitantes de asilo",
           "migrants": "migrantes", "journalists": "periodistas",
           "workers": "trabajadores|empleados", "students": "estudiantes|alumnos",
           "patients": "pacientes", "houses": "casas|viviendas", "buildings": "edificios",
           "vehicles": "vehículos|camiones|coches", "aircraft": "aviones|helicópteros",
           "tanks": "tanques", "missiles": "misiles|cohetes|proyectiles",
           "airstrikes": "bombardeos|ataques aéreos", "countries": "países|naciones",
           "cases": "casos", "votes": "votos", "seats": "escaños", "tonnes": "toneladas",
           "years": "años", "months": "meses", "weeks": "semanas", "days": "días",
           "hours": "horas"},
    "de": {"people": "menschen|personen|einwohner|bewohner|leute|bürger|männer|jugendliche",
           "passengers": "passagiere|fahrgäste", "prisoners": "häftlinge|gefangene|insassen",
           "protesters": "demonstranten", "tourists": "touristen|besucher",
           "civilians": "zivilisten", "children": "kinder|minderjährige", "women": "frauen",
           "soldiers": "soldaten|truppen",
           "fighters": "kämpfer|rebellen|aufständische|dschihadisten|milizionäre",
           "police": "polizisten|beamte", "refugees": "flüchtlinge|asylbewerber",
           "migrants": "migranten", "journalists": "journalisten",
           "workers": "arbeiter|beschäftigte|mitarbeiter|angestellte",
           "students": "schüler|studenten|studierende", "patients": "patienten",
           "houses": "häuser|wohnungen", "buildings": "gebäude",
           "vehicles": "fahrzeuge|lastwagen|autos", "aircraft": "flugzeuge|hubschrauber",
           "tanks": "panzer", "missiles": "raketen|geschosse|granaten",
           "airstrikes": "luftangriffe|angriffe", "countries": "länder|staaten",
           "cases": "fälle", "votes": "stimmen", "seats": "sitze", "tonnes": "tonnen",
           "years": "jahre|jahren", "months": "monate|monaten", "weeks": "wochen",
           "days": "tage|tagen", "hours": "stunden"},
}  # fmt: skip
#: Nouns that count people, so that an event word makes them ``dead``, ``dead:children``.
PERSON_NOUNS = _words(
    "people civilians children women soldiers fighters police refugees migrants journalists "
    "workers students patients colleagues allies passengers prisoners protesters tourists"
)
#: Words of the events that happen to people counted, per language, by event.
EVENT_WORDS: dict[str, dict[str, str]] = {
    "en": {"dead": "killed|dead|died|deaths|death toll|death|fatalities|perished|killing|"
                   "slain|lost their lives|executed|bodies|claimed the lives|cost the lives",
           "rate": "death rate|mortality rate|fatality rate|injury rate",
           "injured": "injured|wounded|hurt|injuries|injuring|wounding",
           "displaced": "fled|displaced|evacuated|evacuees|uprooted|fleeing|escaped",
           "arrested": "arrested|detained|jailed|imprisoned", "missing": "missing|unaccounted",
           "casualties": "casualties"},
    "vi": {"dead": "chết|tử vong|thiệt mạng|tử nạn|bị giết|sát hại|thi thể|cướp đi sinh mạng",
           "rate": "tỷ lệ tử vong|tỉ lệ tử vong",
           "injured": "bị thương|thương tích", "displaced":
           "sơ tán|di tản|tản cư|chạy khỏi|chạy trốn|mất nhà cửa|rời bỏ nhà",
           "arrested": "bị bắt|bắt giữ|tạm giữ", "missing": "mất tích",
           "casualties": "thương vong"},
    "fr": {"dead": "tués|tuées|tué|tuée|morts|mortes|mort|décès|décédés|décédées|péri|tuant|"
                   "coûté la vie",
           "rate": "taux de mortalité|taux de létalité",
           "injured": "blessés|blessées|blessé|blessée|blessant",
           "displaced": "fui|fuient|fuyant|déplacés|déplacées|évacués|évacuées",
           "arrested": "arrêtés|arrêtées|interpellés|interpellées|détenus|incarcérés",
           "missing": "disparus|disparues", "casualties": "victimes"},
    "es": {"dead": "muertos|muertas|murieron|fallecidos|fallecidas|fallecieron|asesinados|"
                   "asesinadas|muertes|matando|perdieron la vida|cadáveres|costó la vida",
           "rate": "tasa de mortalidad|tasa de letalidad",
           "injured": "heridos|heridas|herido|lesionados|hiriendo",
           "displaced": "huido|huyeron|huyen|desplazados|desplazadas|evacuados|evacuadas",
           "arrested": "detenidos|detenidas|arrestados|arrestadas",
           "missing": "desaparecidos|desaparecidas", "casualties": "víctimas"},
    "de": {"dead": "tote|toten|getötet|starben|ums leben|gestorben|todesopfer|leichen|"
                   "tötete|töteten|kostete das leben",
           "rate": "sterberate|todesrate|sterblichkeitsrate|letalität",
           "injured": "verletzt|verletzte|verletzten|verwundet|verwundete|verwundeten",
           "displaced": "geflohen|flohen|fliehen|vertrieben|evakuiert|flüchteten",
           "arrested": "festgenommen|verhaftet|inhaftiert",
           "missing": "vermisst|vermisste|vermissten", "casualties": "opfer"},
}  # fmt: skip
#: Words that tell a count of people is of those living or staying in a place.
POPULATION_WORDS = {
    "en": "remain|remains|remaining|remained|still in|still live|still living|live in|"
    "living in|lived in|trapped|besieged|stranded|population|inhabitants|residents|home to|"
    "stay|staying|stayed|live|living|lived",
    "vi": "còn ở|còn lại|còn kẹt|vẫn còn|vẫn ở|sinh sống|đang sống|sống|mắc kẹt|dân số|"
    "cư dân|bị bao vây|bị vây hãm|ở lại",
    "fr": "vivent|vivaient|restent|restaient|demeurent|encore|habitants|population|piégés|"
    "piégées|assiégés|assiégées|bloqués",
    "es": "viven|vivían|quedan|quedaban|permanecen|siguen|habitantes|población|atrapados|"
    "atrapadas|sitiados|sitiadas",
    "de": "leben|lebten|verbleiben|verblieben|ausharren|harren|eingeschlossen|einwohner|"
    "bevölkerung|befinden sich|noch in|wohnen|wohnten",
}
#: Words after which a capitalised name is a place.
LOCATIVE_WORDS = {
    "en": "in|at|inside|near|outside|from|across|around|throughout|into|city of|town of|"
    "province of|region of|village of|district of",
    "vi": "ở|tại|trong|khỏi|gần|quanh|thành phố|tỉnh|thị trấn|làng|vùng|khu vực|thủ đô|đến|tới",
    "fr": "à|au|aux|en|dans|près de|autour de|ville de|province de|région de|depuis",
    "es": "en|desde|cerca de|ciudad de|provincia de|región de",
    "de": "in|im|nach|aus|bei|nahe|stadt|provinz|region|hauptstadt",
}
#: Nouns that, without a name after them, point back at the last place named ("the city").
PLACE_ANAPHORS = {
    "en": "city|town|village", "vi": "thành phố|thị trấn", "fr": "ville|cité",
    "es": "ciudad|localidad", "de": "stadt|ort|dorf",
}  # fmt: skip
#: Words that make a place a part of itself ("eastern Odessa", "l'est d'Odessa").
PART_WORDS = {
    "en": "east|eastern|west|western|north|northern|south|southern|northeast|northwest|"
    "southeast|southwest|central|part|parts|half|outskirts|suburbs|districts|neighbourhoods|"
    "neighborhoods|held",
    "vi": "đông|tây|nam|bắc|phía|miền|khu|ngoại ô|một phần|nửa",
    "fr": "est|ouest|nord|sud|partie|quartiers|banlieue|moitié|centre",
    "es": "este|oeste|norte|sur|parte|barrios|afueras|mitad|centro",
    "de": "ost|osten|west|westen|nord|norden|süd|süden|teil|viertel|stadtteil|hälfte|zentrum",
}
#: Locative words a German place name follows without an article ("in Odessa", "im Osten").
BARE_LOCATIVES = _words("in nach aus bei nahe von")
#: Endings of German nouns, which a place name does not have.
GERMAN_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "tät", "ismus", "nis", "ment",
    "reform", "fällen", "unfall", "ern", "chen", "lein", "ler", "krise", "heim", "amt",
)  # fmt: skip
#: Articles and prepositions skipped between words that go together ("the eastern part OF
#: THE city", "millions DE personnes").
FILLER_WORDS = _words("of the de d du des la le l el del der die das dem den von cua")
#: Words that put a number in another time than the story's.
PAST_WORDS = {
    "en": "before|prior to|previously|formerly|pre war|prewar|used to|ago|last year|earlier",
    "vi": "trước chiến tranh|trước đây|trước đó|trước khi|từng|năm ngoái",
    "fr": "avant|auparavant|autrefois|naguère|précédemment|an dernier",
    "es": "antes|anteriormente|antiguamente|año pasado",
    "de": "vor dem krieg|vorher|früher|zuvor|einst|damals|vorjahr",
}
#: Words opening a sentence that put it in the time of the sentence before ("At the time, a
#: gunman killed 69 people": the 2011 of the sentence before).
THEN_WORDS = {
    "en": "at the time|then|back then|at that time", "vi": "khi đó|lúc đó|thời điểm đó|hồi đó",
    "fr": "à l'époque|alors|à ce moment là", "es": "en aquel momento|entonces|en ese momento",
    "de": "damals|zu diesem zeitpunkt|seinerzeit",
}  # fmt: skip
#: Conjunctions that start a new clause, as punctuation does.
CLAUSE_WORDS = {
    "en": "which|while|whereas|but|although", "vi": "nhưng|trong khi|mặc dù",
    "fr": "mais|alors que|tandis que|bien que", "es": "pero|mientras|aunque",
    "de": "aber|während|obwohl|doch",
}  # fmt: skip
#: Coordinations that part the cues of two numbers ("30 killed AND 50 injured").
COORDINATION_WORDS = {"en": "and", "vi": "và", "fr": "et", "es": "y|e", "de": "und|sowie"}
#: Words opening an aside, after which the main clause goes on ("30 people, INCLUDING 10
#: children, were killed"): the cue of the number may stand after the aside.
ASIDE_WORDS = {
    "en": "including|among them|among whom|mostly|most of them|of whom|according to",
    "vi": "bao gồm|trong đó|gồm|theo",
    "fr": "dont|parmi lesquels|parmi eux|notamment|y compris|selon",
    "es": "entre ellos|incluidos|incluyendo|la mayoría|según",
    "de": "darunter|davon|unter ihnen|einschließlich|laut",
}
#: Words before a number that make it an age ("aged 25").
AGE_BEFORE_WORDS = {
    "en": "aged|age|at the age of|dies at|died at|dead at", "vi": "ở tuổi|hưởng thọ|thọ",
    "fr": "âgé de|âgée de|âgés de|âgées de|à l'âge de", "es": "edad de|a la edad de",
    "de": "alter von|im alter von",
}  # fmt: skip
#: Words after a number that make it an age ("25 years old", "25 tuổi").
AGE_AFTER_WORDS = {
    "en": "years old|year old|yrs old", "vi": "tuổi", "fr": "", "es": "años de edad",
    "de": "jahre alt|jährige|jährigen|jähriger",
}  # fmt: skip
#: Words before a number that make it a rank or a list number ("No. 1", "top 10").
RANK_BEFORE_WORDS = {
    "en": "no|number|top|rank|ranked|ranking|position|page|chapter|article|paragraph|section|"
    "resolution|grade|level|phase|round|stage|day|week",
    "vi": "hạng|thứ|top|vòng|điều|chương|trang",
    "fr": "numéro|n|rang|top|article|page|chapitre|tour|étape|phase",
    "es": "número|puesto|top|artículo|página|capítulo|ronda|fase",
    "de": "nummer|nr|platz|rang|top|artikel|seite|kapitel|runde|phase|stufe",
}
#: Words before a number that widen or bound it, in every language (they are read back from
#: :attr:`Fact.text`, whose language a story no longer knows).
HEDGES = {
    "about": "about|around|some|roughly|approximately|an estimated|estimated|circa|ca|"
    "khoảng|chừng|ước tính|xấp xỉ|environ|quelque|autour de|approximativement|unos|unas|"
    "alrededor de|aproximadamente|en torno a|etwa|rund|ungefähr|schätzungsweise",
    "at_least": "at least|more than|over|above|upwards of|in excess of|ít nhất|hơn|trên|"
    "tối thiểu|au moins|plus de|plus d|al menos|más de|por lo menos|mindestens|mehr als|"
    "über|wenigstens",
    "at_most": "up to|less than|fewer than|under|nearly|almost|as many as|no more than|tới|"
    "đến|dưới|gần|gần như|tối đa|chưa đến|jusqu à|moins de|près de|presque|hasta|"
    "menos de|casi|cerca de|bis zu|weniger als|fast|knapp|höchstens",
}
#: Currency names and codes after a number, by ISO code.
CURRENCY_WORDS = {
    "USD": "usd|us$|dollars|dollar|us dollars|đô la|đôla|đô|dólares|dólar",
    "EUR": "eur|euro|euros", "GBP": "gbp|pounds sterling|sterling|livres sterling|pfund",
    "JPY": "jpy|yen", "CNY": "cny|yuan|rmb|nhân dân tệ|renminbi", "VND": "vnd|vnđ|đồng",
    "RUB": "rub|rubles|roubles|ruble|rouble|rúp|rublos|rubel", "TRY": "lira|liras",
    "INR": "inr|rupees|rupee", "CHF": "chf|swiss francs|francs suisses|franken",
}  # fmt: skip
#: Currency symbols before a number, by ISO code.
CURRENCY_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₫": "VND", "₺": "TRY", "₽": "RUB",
    "₹": "INR",
}  # fmt: skip
#: Length units, by their length in kilometres.
LENGTH_WORDS = {
    "1": "km|kilometres|kilometers|kilometre|kilometer|kilomètres|kilómetros|kilometern|cây số",
    "0.001": "m|metres|meters|metre|meter|mét|mètres|metros|metern",
    "1.609344": "miles|mile|dặm|millas|meilen",
}
