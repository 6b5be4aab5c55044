#include "baken/demo/internal/texts.h"

#include <cctype>
#include <map>
#include <vector>

namespace baken::demo::internal {

namespace {

struct TextSet {
  std::vector<std::string> templates;  // {waar}, {buurt}, {wanneer}, {f}
  std::vector<std::string> fillers;    // {f}
};

// Templates per sub category code of data/categories/groningen.json.
const std::map<std::string, TextSet, std::less<>>& Texts() {
  static const std::map<std::string, TextSet, std::less<>> texts = {
      {"afvalcontainer",
       {{"De ondergrondse container {waar} zit vol, {f}.",
         "Container {waar} gaat niet meer open, {f}.", "Restafvalcontainer {waar} is kapot: {f}.",
         "Papiercontainer {waar} puilt uit, {f}."},
        {"er staan zakken naast", "de klep klemt", "het stinkt enorm", "al drie dagen",
         "de pas werkt niet", "meeuwen halen de zakken open"}}},
      {"grofvuil",
       {{"Er staat grofvuil {waar}: {f}.", "Bijplaatsing naast de container {waar}: {f}.",
         "Iemand heeft {f} {waar} op de stoep gezet."},
        {"een oude bank", "een matras", "een kapotte kast", "een wasmachine",
         "tuinafval en planken", "een stapel kartonnen dozen"}}},
      {"zwerfafval",
       {{"Veel zwerfafval {waar}, {f}.", "Het ligt vol met rommel {waar}: {f}.",
         "Zwerfvuil {waar} waait de tuinen in, {f}."},
        {"blikjes en plastic", "vooral bij het bankje", "na het weekend", "langs het water",
         "patatbakjes en flesjes", "lachgaspatronen"}}},
      {"afvalbak",
       {{"Prullenbak {waar} is vol, {f}.", "De afvalbak {waar} is kapot, {f}.",
         "Afvalbak {waar} loopt over: {f}."},
        {"het afval ligt ernaast", "de klep is eraf", "kan er niets meer bij",
         "hondenpoepzakjes op de grond"}}},
      {"dumping",
       {{"Illegale dumping {waar}: {f}.", "Er is {waar} vannacht {f} gedumpt.",
         "Dumping van {f} {waar}, graag opruimen."},
        {"bouwafval", "een aanhanger vol huisraad", "asbestachtige platen", "vaten met olie",
         "autobanden", "zakken met puin"}}},
      {"hondenpoep",
       {{"Veel hondenpoep {waar}, {f}.", "Hondenpoep {waar}: {f}.",
         "Baasjes ruimen de poep niet op {waar}, {f}."},
        {"vooral bij de speeltuin", "de stoep ligt vol", "kinderen lopen erdoor",
         "elke ochtend weer", "op het grasveld waar kinderen spelen"}}},
      {"honden",
       {{"Loslopende hond {waar}, {f}.", "Agressieve hond {waar}: {f}.",
         "Honden worden {waar} niet aangelijnd, {f}."},
        {"sprong tegen mijn kind op", "beet bijna een fietser", "eigenaar reageert niet",
         "rent achter katten aan"}}},
      {"ongedierte",
       {{"Ratten gezien {waar}, {f}.", "Overlast van ongedierte {waar}: {f}.",
         "Veel ratten rond de containers {waar}, {f}."},
        {"overdag al", "bij de vuilnisbakken", "ze lopen door de tuinen",
         "er zijn gangen onder de stoep", "mensen voeren de eenden brood"}}},
      {"foutparkeren",
       {{"Auto {f} {waar}.", "Foutparkeerder {waar}: {f}.", "Er staat weer een busje {f} {waar}."},
        {"op de stoep", "op de invalidenplek", "voor de uitrit", "op het fietspad",
         "op de laad- en losplek", "half op de rijbaan"}}},
      {"parkeeroverlast",
       {{"Parkeeroverlast {waar}: {f}.", "Elke avond parkeeroverlast {waar}, {f}.",
         "Bewoners kunnen {waar} niet parkeren, {f}."},
        {"bezoekers van de sportschool", "bedrijfsbusjes staan er de hele week",
         "auto's dubbel geparkeerd", "de hulpdiensten kunnen er niet door"}}},
      {"fietsen",
       {{"Weesfiets {waar}, {f}.", "Fietsen {waar}: {f}.", "Foutgeparkeerde fietsen {waar}: {f}."},
        {"staat al maanden", "versperren de stoep", "zonder zadel en met lekke banden",
         "voor de ingang van de winkel", "in het rijwielrek zonder wielen"}}},
      {"autowrak",
       {{"Autowrak {waar}: {f}.", "Auto zonder kenteken {waar}, {f}.",
         "Er staat een caravan {waar}, {f}."},
        {"staat al weken stil", "ruiten ingeslagen", "lekt olie", "banden zijn plat"}}},
      {"hinderlijk-gedrag",
       {{"Hinderlijk gedrag {waar} {wanneer}: {f}.", "Groep mannen {waar}: {f}.",
         "Overlast van personen {waar} {wanneer}, {f}."},
        {"schreeuwen en schoppen tegen fietsen", "vallen voorbijgangers lastig",
         "wildplassen tegen de gevel", "ruzie op straat", "gooien met flesjes"}}},
      {"jeugdoverlast",
       {{"Jeugd hangt {waar} {wanneer}, {f}.", "Jongeren {waar}: {f}.",
         "Overlast van jongeren {waar} {wanneer}, {f}."},
        {"harde muziek en scooters", "ze gooien met stenen", "lachgas en rommel",
         "ze intimideren bewoners", "rijden met scooters over de stoep",
         "vernielen het speeltoestel"}}},
      {"drugsoverlast",
       {{"Drugsoverlast {waar}: {f}.", "Vermoedelijk wordt {waar} gedeald, {f}.",
         "Verdachte situatie {waar} {wanneer}, {f}."},
        {"auto's stoppen even en rijden weer weg", "steeds dezelfde personen",
         "naalden in het plantsoen", "sterke wietlucht in het portiek"}}},
      {"drankoverlast",
       {{"Drankoverlast {waar} {wanneer}: {f}.", "Dronken mensen {waar}: {f}.",
         "Overlast van drinkers {waar}, {f}."},
        {"lege flessen overal", "ze zingen en schreeuwen", "een man ligt op de grond",
         "ze plassen in de portiek"}}},
      {"verward-gedrag",
       {{"Een verwarde man {waar} {f}.", "Verward persoon {waar} {wanneer}: {f}.",
         "Zorgen om een buurtbewoner {waar}: {f}."},
        {"praat tegen zichzelf en loopt de weg op", "lijkt de weg kwijt", "is onrustig en dreigend",
         "slaapt al dagen buiten", "roept om hulp"}}},
      {"overlast-groen",
       {{"Overlast in het park {waar} {wanneer}: {f}.", "Grote groep in het park {waar}, {f}.",
         "Feest in het groen {waar}, {f}."},
        {"harde muziek uit een box", "barbecue en veel afval", "glas op het gras",
         "tot diep in de nacht", "wildplassen in de struiken"}}},
      {"geluid-woning",
       {{"Geluidsoverlast {waar} {wanneer}: {f}.", "Overlast van buren {waar}: {f}.",
         "Harde muziek uit een woning {waar}, {f}."},
        {"elke nacht feest", "bas dreunt door de muur", "schreeuwen en deuren slaan",
         "studentenhuis met huisfeest", "muziek tot vier uur"}}},
      {"geluid-horeca",
       {{"Geluidsoverlast van een café {waar} {wanneer}: {f}.", "Klachten over horeca {waar}: {f}.",
         "Muziek van de kroeg {waar} {wanneer}, {f}."},
        {"de deuren staan open", "bas tot sluitingstijd", "rokers buiten maken lawaai",
         "het terras blijft te lang open"}}},
      {"geluid-evenement",
       {{"Geluidsoverlast van een evenement {waar}: {f}.", "Festival {waar}: {f}.",
         "Evenement {waar} {wanneer}: {f}."},
        {"de bas is kilometers ver te horen", "loopt uit na elf uur",
         "soundcheck al vanaf acht uur"}}},
      {"geluid-bouw-verkeer",
       {{"Geluid en trillingen {waar}: {f}.", "Bouwlawaai {waar}: {f}.",
         "Geluidsoverlast van verkeer {waar}, {f}."},
        {"heien al om zeven uur", "het huis trilt", "zoemende installatie op het dak",
         "bussen rijden te hard over de drempels"}}},
      {"horeca",
       {{"Overlast van horeca {waar} {wanneer}: {f}.", "Café {waar}: {f}.",
         "Bezoekers van de kroegen {waar} {f}."},
        {"terras staat op de stoep", "na sluitingstijd nog open", "ruzie bij de ingang",
         "glas op straat", "schreeuwende bezoekers bij het sluiten"}}},
      {"evenement",
       {{"Overlast van een evenement {waar}: {f}.", "Klachten over een evenement {waar}: {f}."},
        {"straat afgezet zonder bericht", "afval blijft liggen", "bezoekers parkeren overal"}}},
      {"kamerverhuur",
       {{"Vermoeden van illegale kamerverhuur {waar}: {f}.",
         "Verdachte verhuur van een woning {waar}: {f}.", "Pand {waar} lijkt gesplitst, {f}."},
        {"steeds nieuwe bewoners", "acht naambordjes bij de deur",
         "vuilniszakken van veel huishoudens", "kamers worden per week verhuurd"}}},
      {"verwaarloosd-pand",
       {{"Verwaarloosd pand {waar}: {f}.", "Leegstaand pand {waar}, {f}."},
        {"ramen dichtgetimmerd", "dakgoot hangt los", "tuin vol afval", "staat al jaren leeg"}}},
      {"woonoverlast",
       {{"Overlast van buren {waar}: {f}.", "Woonoverlast {waar} {wanneer}, {f}."},
        {"dreigen en schelden", "stank en afval in het trappenhuis", "ruzies in de nacht",
         "veel in- en uitloop"}}},
      {"vermoeden-ondermijning",
       {{"Verdachte activiteiten {waar}: {f}.", "Vermoeden van ondermijning {waar}, {f}."},
        {"winkel zonder klanten maar altijd open", "veel contant geld",
         "dure auto's bij een leeg pand", "steeds wisselende eigenaren"}}},
      {"drugslab-hennep",
       {{"Vermoeden van een hennepkwekerij {waar}: {f}.", "Verdacht pand {waar}, {f}."},
        {"ramen altijd afgeplakt", "sterke lucht", "zoemend geluid en warmte",
         "sneeuw smelt op het dak"}}},
      {"signaal-mensenhandel",
       {{"Zorgen om uitbuiting {waar}: {f}.", "Signaal {waar}: {f}."},
        {"arbeiders worden 's nachts opgehaald", "veel vrouwen in één woning, wisselend",
         "iemand lijkt niet vrij te kunnen gaan", "werkt lange dagen zonder loon"}}},
      {"straatverlichting",
       {{"Lantaarnpaal {waar} is kapot, {f}.", "Straatverlichting {waar}: {f}.",
         "Het is donker {waar}: {f}."},
        {"brandt niet meer", "knippert de hele nacht", "brandt overdag", "paal staat scheef",
         "hele straat donker"}}},
      {"bestrating",
       {{"Losse tegels {waar}, {f}.", "Gat in de weg {waar}: {f}.",
         "Slechte bestrating {waar}: {f}."},
        {"iemand is gevallen", "gevaarlijk voor fietsers", "boomwortels drukken de tegels omhoog",
         "verzakt na de werkzaamheden"}}},
      {"gladheid",
       {{"Spekglad {waar}, {f}.", "Gladheid {waar}: {f}.", "Fietspad {waar} is glad, {f}."},
        {"niet gestrooid", "al twee mensen gevallen", "ijzel op de brug", "sneeuw niet geruimd"}}},
      {"groen",
       {{"Groen {waar}: {f}.", "Graag snoeien {waar}, {f}.", "Onderhoud groen {waar}: {f}."},
        {"boom hangt over de stoep", "gras moet gemaaid worden", "tak dreigt af te breken",
         "struiken ontnemen het zicht", "boom is omgewaaid", "plantvak staat vol onkruid"}}},
      {"graffiti",
       {{"Graffiti {waar}: {f}.", "Bekladding {waar}, {f}."},
        {"op de muur van de school", "op de brug", "op het electriciteitshuisje",
         "kwetsende tekst"}}},
      {"meubilair",
       {{"Kapot bankje {waar}, {f}.", "Speeltoestel {waar}: {f}.", "Verkeersbord {waar}: {f}."},
        {"is vernield", "ligt op de grond", "scherpe randen", "ontbreekt"}}},
      {"overig",
       {{"Melding {waar}: {f}.", "Graag aandacht {waar}: {f}."},
        {"iets wat niet in de lijst staat", "een vraag over de buurt",
         "de situatie is onduidelijk"}}},
  };
  return texts;
}

std::string WhenPhrase(int hour) {
  if (hour < 6) return "vannacht";
  if (hour < 12) return "vanochtend";
  if (hour < 18) return "vanmiddag";
  return "vanavond";
}

void Replace(std::string& text, std::string_view key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos;
       at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
}

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

std::string Capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

const std::vector<std::string> kFirstNames = {
    "Anne",   "Sanne",  "Jan",     "Pieter",  "Fenna",  "Sjoerd", "Femke", "Wietse",
    "Lotte",  "Daan",   "Marieke", "Harm",    "Ingrid", "Klaas",  "Noor",  "Jelle",
    "Aaltje", "Bram",   "Esther",  "Mohamed", "Fatima", "Yusuf",  "Sara",  "Tom",
    "Lisa",   "Roelof", "Hilda",   "Gerrit",  "Ilse",   "Wouter"};
const std::vector<std::string> kLastNames = {
    "de Vries", "Bakker",  "Jansen",    "Dijkstra", "Smit", "Meijer",   "Mulder",    "Bosma",
    "Hoekstra", "Kuipers", "Veenstra",  "Visser",   "Boer", "Huizinga", "Wierenga",  "Postma",
    "Zijlstra", "Kramer",  "El Amrani", "Yilmaz",   "Haan", "Brouwer",  "Oosterhof", "Scholten"};

std::string EmailPart(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string StreetPhrase(std::string_view street) {
  const std::string s(street);
  if (EndsWith(s, "plein")) return "op het " + s;
  if (EndsWith(s, "markt") || EndsWith(s, "Markt") || EndsWith(s, "kerkhof")) return "op de " + s;
  if (EndsWith(s, "weg") || EndsWith(s, "kade") || EndsWith(s, "diep") || EndsWith(s, "singel") ||
      EndsWith(s, "dijk") || EndsWith(s, "haven") || EndsWith(s, "wal")) {
    return "aan de " + s;
  }
  if (EndsWith(s, "straat") || EndsWith(s, "laan") || EndsWith(s, "steeg") || EndsWith(s, "pad") ||
      EndsWith(s, "hof") || EndsWith(s, "gang")) {
    return "in de " + s;
  }
  return "bij " + s;
}

std::string ReportText(std::string_view category, const TextContext& context, Random& random) {
  const auto& texts = Texts();
  auto it = texts.find(category);
  if (it == texts.end()) it = texts.find("overig");
  const TextSet& set = it->second;
  std::string text = random.Pick(set.templates);
  Replace(text, "{waar}", context.where);
  Replace(text, "{buurt}", context.buurt);
  Replace(text, "{wanneer}", WhenPhrase(context.local_hour));
  Replace(text, "{f}", random.Pick(set.fillers));
  if (context.fireworks &&
      (category == "geluid-woning" || category == "hinderlijk-gedrag" ||
       category == "jeugdoverlast" || category == "zwerfafval" || category == "overig")) {
    static const std::vector<std::string> kFireworks = {
        " Er wordt ook steeds zwaar vuurwerk afgestoken.", " Knalvuurwerk de hele avond.",
        " Overal resten van vuurwerk.", " Iemand gooide vuurwerk naar voorbijgangers."};
    text += random.Pick(kFireworks);
  }
  if (context.recurring && random.Chance(0.5)) {
    static const std::vector<std::string> kAgain = {
        "Alweer! ", "Al weken hetzelfde: ", "Zoveelste melding: ", "Nog steeds niet opgelost. "};
    const std::string& prefix = random.Pick(kAgain);
    if (prefix.back() == ' ' && prefix[prefix.size() - 2] == ':') {
      if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
        text[0] = static_cast<char>(text[0] + 32);
    }
    text = prefix + text;
  }
  return Capitalised(text);
}

std::string StepText(signals::State to, std::string_view main, std::string_view department,
                     Random& random) {
  using signals::State;
  switch (to) {
    case State::kAfgehandeld: {
      static const std::map<std::string, std::vector<std::string>, std::less<>> kByMain = {
          {"afval",
           {"De container is geleegd en de omgeving is schoongemaakt.",
            "Het afval is opgehaald. Bedankt voor uw melding.",
            "Onze medewerkers hebben de plek opgeruimd."}},
          {"parkeren",
           {"Een handhaver is ter plaatse geweest en heeft opgetreden.",
            "Bij controle was de situatie opgelost.", "Er is een bekeuring uitgeschreven."}},
          {"openbare-ruimte",
           {"Het is hersteld. Bedankt voor uw melding.", "De reparatie is uitgevoerd.",
            "Onze medewerkers hebben het probleem verholpen."}},
          {"dieren",
           {"Een handhaver heeft extra gecontroleerd in de buurt.", "De bestrijding is uitgevoerd.",
            "We hebben de eigenaar aangesproken."}},
      };
      auto it = kByMain.find(main);
      if (it != kByMain.end()) return random.Pick(it->second);
      static const std::vector<std::string> kGeneric = {
          "Uw melding is afgehandeld. Bedankt dat u dit doorgaf.",
          "We hebben de situatie bekeken en actie ondernomen.",
          "Handhavers zijn langs geweest; we houden de plek in de gaten.",
          "Uw melding is behandeld en meegenomen in ons buurtbeeld."};
      return random.Pick(kGeneric);
    }
    case State::kGeannuleerd: {
      static const std::vector<std::string> kCancel = {
          "Deze melding is al eerder gedaan; we handelen de eerdere melding af.",
          "Dit valt niet onder de gemeente; we hebben u doorverwezen.",
          "Ter plaatse konden we niets vinden. Meld het gerust opnieuw als het terugkomt."};
      return random.Pick(kCancel);
    }
    case State::kDoorgezet: {
      if (department == "stadsbeheer" || department == "wonen") {
        return "Uw melding is doorgezet naar de eigenaar of woningcorporatie die hierover gaat.";
      }
      return "Uw melding is doorgezet naar de politie, die hierover gaat.";
    }
    case State::kIngepland: return "Het herstel is ingepland. U hoort van ons als het klaar is.";
    default: return "";
  }
}

FakeReporter MakeReporter(Random& random) {
  const std::string& first = random.Pick(kFirstNames);
  const std::string& last = random.Pick(kLastNames);
  FakeReporter r;
  r.name = first + " " + last;
  r.email = EmailPart(first) + "." + EmailPart(last) + std::to_string(10 + random.Below(90)) +
            "@example.nl";
  return r;
}

}  // namespace baken::demo::internal
