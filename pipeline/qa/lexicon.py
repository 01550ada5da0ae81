"""What the QA checks know about words: which are German, how numbers are spelled, where a
translation's sentences end.

The knowledge comes from well-kept libraries rather than hand-made lists: wordfreq's word-frequency
lists (German residue), num2words and roman (numbers written in words or Roman numerals), sentencex
(sentences of French, English and other translations). Each is imported, and each word list loaded,
on first use, so only ``pipeline check`` pays for them (about 2 s and 140 MB for the German, English
and French lists), never ``pipeline --help``.
"""

from __future__ import annotations

import functools
import itertools
import re

from pipeline.project import SOURCE_LANGUAGE

WORD = re.compile(r"\w+")


# --- German residue ------------------------------------------------------------------------------

GERMAN_WORDS = frozenset(
    """
    aber allem alles anders auch auf aus bei bereits dabei damit dann darin das dass davon dem den
    der deshalb dich diese dieser dieses doch durch ein eine einem einen einer eines etwas für gegen
    haben heute ich ihr ihre ihren immer jedoch jetzt kein keine mehr nach nicht nichts noch nur oder
    ohne schon sehr sich sie sind sogar sondern sowie über und unter viele von vor weil wenn werden
    wie wieder wir wird wurde zum zur zwischen
""".split()
)
"""German function words that are not words in English or French (so ``die``, ``man``, ``hat``,
``also``, ``es``, ``des``, ``hier``, ``dort``, ``mit`` are left out)."""
UMLAUT = re.compile(r"[äöüßÄÖÜ]")
SHARP_S = re.compile("ß")
LONG_WORD = 5
"""Source words of at least this many letters are judged by their frequency in each language."""
FOREIGN_WORD_ZIPF = 3.0
"""A word at least this frequent in the target language or in English (Zipf scale: 1 = once per
100 million words, 3 = once per million) is used outside German: "Diesel", "Design", "Region"."""
GERMAN_MARGIN_ZIPF = 2.5
"""A word this much more frequent in German than outside it is German. Names are about as frequent
in every language's news ("Legrand", "Wolfsburg", "Habeck"), German common words are not
("Kohle": 4.4 in German, 1.3 in English)."""
LOWER_CASE_MARGIN_ZIPF = 1.0
"""The margin for a word the source writes in lower case: not a noun, so not a name."""
ARTICLE_MARGIN_ZIPF = 1.5
"""The margin for a word that follows an indefinite article in the translation ("a Fabrik", "une
Zelle"): a common noun rather than a place or a person; brands ("an Opel", "une Audi") are used
abroad nearly as often as in German (margins under 1.1)."""
INDEFINITE_ARTICLES = {"en": frozenset({"a", "an", "one"}), "fr": frozenset({"un", "une", "des"})}
"""Words after which a capitalised word is a common noun rather than a name, per target language."""
UMLAUT_NAME_ZIPF = 2.0
"""A word with ä, ö or ü that the source writes with a capital and that is at least this frequent
in the target language or in English is a name that travels ("Müller", "Düsseldorf", "Zürich"):
German nouns with umlauts ("Bäcker", "Öl", "Börse") are rarer outside German."""
NAME_LANGUAGE = "en"
"""Names of people and places travel through English: a word English uses is not German residue."""


def is_german(word: str, lang: str, *, lower_case: bool = False, after_article: bool = False) -> bool:
    """Whether a lower-case word found in both texts is German rather than a word of ``lang``.

    Judged by wordfreq's lists: frequent outside German (in ``lang`` or English), it is a word or
    a name that travels; absent outside German but known in German (most compounds: "Zulieferer",
    "Steuereinnahmen"), far more frequent in German ("Kohle"), or a compound unknown to every list
    whose last part is German ("Dieselkrise" = diesel + Krise), it is German. A word written in lower
    case in the source (``lower_case``) is no name, so a smaller margin suffices ("abstrakt"); nor is
    one the translation puts after an indefinite article (``after_article``: "a Fabrik").
    """
    if word in GERMAN_WORDS or SHARP_S.search(word):
        return True  # wordfreq folds "große" into French "grosse", so ß is judged by itself
    if UMLAUT.search(word):
        return lower_case or after_article or max(_zipf(word, lang), _zipf(word, NAME_LANGUAGE)) < UMLAUT_NAME_ZIPF
    if len(word) < LONG_WORD:
        return False
    margin = LOWER_CASE_MARGIN_ZIPF if lower_case else ARTICLE_MARGIN_ZIPF if after_article else GERMAN_MARGIN_ZIPF
    return _more_german(word, lang, margin) or _german_compound(word, lang)


GERMAN_DETERMINERS = frozenset(
    """
    ein eine einen einem einer eines der die das den dem des kein keine keinen keinem keiner keines
""".split()
)
ATTRIBUTIVE_NAMES = frozenset({"en"})
"""Languages that put a name before a noun as an adjective ("a Duisburg steelworks", "a Mittelstand
company"): there a capitalised word after an indefinite article is a common noun only if the source
has an article before it too ("eine Fabrik")."""


def common_nouns(source: str, translation: str, lang: str) -> set[str]:
    """Capitalised words of the translation that are common nouns rather than names, as far as the
    articles tell: after an indefinite article of ``lang`` (and, in :data:`ATTRIBUTIVE_NAMES`
    languages, after a German article in the source).

    >>> sorted(common_nouns("Eine Fabrik in Duisburg.", "A Fabrik, a Duisburg plant.", "en"))
    ['Fabrik']
    """
    found = after_indefinite_article(translation, lang)
    if lang.split("_")[0] in ATTRIBUTIVE_NAMES:
        found &= {
            match[2]
            for match in ARTICLE_AND_WORD.finditer(source)
            if match[1].casefold() in GERMAN_DETERMINERS
            and not (match[0].startswith(",") and match[1].casefold() in RELATIVE_PRONOUNS)
        }
    return found


ARTICLE_AND_WORD = re.compile(r"(?:,\s*)?\b(\w+)(?=\s+(\w+))")
"""A word and the next, with the comma before it if any."""
RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "den", "dem", "des"})
"""After a comma these start a relative clause ("…, das Salzgitter gehört"): no article; "eine" is."""


def after_indefinite_article(text: str, lang: str) -> set[str]:
    """Capitalised words that follow an indefinite article of ``lang`` in ``text``.

    >>> sorted(after_indefinite_article("Then a Fabrik opened near Dunkirk, one Zelle at a time.", "en"))
    ['Fabrik', 'Zelle']
    """
    articles = INDEFINITE_ARTICLES.get(lang.split("_")[0], frozenset())
    words = WORD.findall(text)
    return {word for before, word in itertools.pairwise(words) if before.casefold() in articles and word[:1].isupper()}


NAME_ZIPF = 3.8
"""A capitalised source word rarer than this in German (Zipf scale) and used as a name is a local
place, person or company ("Krebber" 1.6, "Papenburg" 3.0, "Gütersloh" 3.7) copied as it is; most
places that have names abroad are more frequent ("Warschau" 3.84, "Kalifornien" 4.1, "Brüssel" 4.3)
and stay German residue (a rarer one, "Schlesien" 3.7 for Silesia, is missed)."""
NAME_PREPOSITIONS = frozenset({"in", "aus", "bei", "nach", "nahe", "von", "laut", "zwischen"})
"""Prepositions that take a place or a person without an article; a common noun after them has one."""
COORDINATORS = frozenset({"und", "oder", "sowie", ","})
"""Words that join a name to the next ("in Tönning und Büsum")."""
DEFINITE_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})
FRENCH_DETERMINERS = frozenset(
    "le la les l un une des du au aux ce cet cette ces son sa ses leur leurs notre nos votre vos".split()
)
"""A French name of a place or person takes no determiner: a capitalised word after one is a noun."""
SOURCE_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")


def names(source: str, translation: str, lang: str) -> set[str]:
    """Capitalised words of the source that the source uses as names and the translation copies:
    after a capitalised word copied with it ("Markus Krebber", "Tafel Gießen"), after a title in
    the translation ("M. Schößler", "Mr Schößler"), or, when rare in German (:data:`NAME_ZIPF`), after
    a preposition that takes no article ("in Papenburg"), in apposition to a noun with an article
    ("der Zulieferer Hülskamp"), before a hyphen ("Lürssen-Werft"), or coordinated with such a name
    ("in Tönning und Büsum"). French puts no determiner before a name ("les Stadtwerke" is a noun).

    >>> sorted(names("Der Chef, Markus Krebber, kommt aus Papenburg.", "Markus Krebber, of Papenburg.", "en"))
    ['Krebber', 'Papenburg']
    """
    tokens = SOURCE_TOKEN.findall(source)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        before, after = tokens[max(index - 2, 0) : index], tokens[index + 1 : index + 2]
        for part_index, part in enumerate(token.split("-")):
            if part[:1].isupper() and (
                _copied_with_a_name(part, before[-1:], translation)
                or (
                    _zipf(part.lower(), SOURCE_LANGUAGE) < NAME_ZIPF
                    and ((part_index == 0 and "-" in token) or _used_as_name(part, before, after, found))
                )
            ):
                found.add(part)
    found |= set(AFTER_A_TITLE.findall(translation))
    determined = _after_french_determiner(translation) if lang.split("_")[0] == "fr" else set()
    return {word for word in found if word in translation and word not in determined}


TITLES = "M|Mme|Mlle|Mr|Mrs|Ms|Dr|Pr|Prof"
AFTER_A_TITLE = re.compile(rf"\b(?:{TITLES})\.?\s+([^\W\d_]+)")
"""A word after a title of the translation ("M. Schößler", "Mr Schößler") is a person's name."""


def _copied_with_a_name(word: str, previous: list[str], translation: str) -> bool:
    """Whether the word follows a capitalised word of the source (not an article, a function word
    or an acronym) and does in the translation too: the last part of a name of several words
    ("Markus Krebber", "Tafel Gießen"); a title before a name ("Bürgermeisterin Anke") is no part."""
    return word.casefold() not in GERMAN_WORDS | GERMAN_DETERMINERS and any(
        other[:1].isupper()
        and other[1:2].islower()
        and other.casefold() not in GERMAN_WORDS | GERMAN_DETERMINERS
        and f"{other} {word}" in translation
        for other in previous
    )


def _used_as_name(word: str, before: list[str], after: list[str], found: set[str]) -> bool:
    """Whether the two source tokens ``before`` a capitalised word show it is a name: a preposition
    that takes no article (unless the word is a plural, "in Fabriken", a compound of German words,
    "zwischen Hafenkränen", or a title before a name, "laut Bürgermeisterin Anke Reimers"), a noun
    after a definite article (apposition: "der Zulieferer Hülskamp") or a name and "und"."""
    previous = before[-1] if before else ""
    if previous.casefold() in NAME_PREPOSITIONS:
        return not (
            _inflected(word.lower())
            or _german_compound(word.lower(), NAME_LANGUAGE)
            or (after and after[0][:1].isupper())
        )
    if previous.casefold() in COORDINATORS and len(before) == 2 and before[0] in found:
        return True
    return previous[:1].isupper() and len(before) == 2 and before[0].casefold() in DEFINITE_ARTICLES


NOUN_ENDINGS = ("en", "n", "e", "er", "s")
"""Endings of German plurals and datives (Fabrik-en, Zulieferer-n, Elektroauto-s)."""
MIN_ZIPF = 0.01
"""Above 0: a word wordfreq knows."""
INFLECTED_MARGIN_ZIPF = 0.25
"""A plural may be a little more frequent than its singular ("Wärmepumpen" 2.80, "Wärmepumpe" 2.75);
a name ending like one is much more frequent than the word it seems to inflect ("Peine" 3.35, "pein"
2.88)."""


def _inflected(word: str) -> bool:
    """Whether the word is an inflected form of a German word at least as frequent ("fabriken",
    "fachkräften"): a plural, which goes without an article, not a name ("Gießen", "Peine" are
    more frequent than "gieße", "pein").

    >>> _inflected("fabriken"), _inflected("wärmepumpen"), _inflected("papenburg"), _inflected("gießen")
    (True, True, False, False)
    """
    frequency = _zipf(word, SOURCE_LANGUAGE) - INFLECTED_MARGIN_ZIPF
    return any(
        word.endswith(ending)
        and len(word) - len(ending) >= 4
        and _zipf(word.removesuffix(ending), SOURCE_LANGUAGE) >= max(frequency, MIN_ZIPF)
        for ending in NOUN_ENDINGS
    )


def _after_french_determiner(text: str) -> set[str]:
    words = re.findall(r"\w+", text)
    return {word for before, word in itertools.pairwise(words) if before.casefold() in FRENCH_DETERMINERS}


def _more_german(word: str, lang: str, margin: float) -> bool:
    foreign = max(_zipf(word, lang), _zipf(word, NAME_LANGUAGE))
    german = _zipf(word, SOURCE_LANGUAGE)
    return foreign < FOREIGN_WORD_ZIPF and ((foreign == 0 and german > 0) or german - foreign >= margin)


COMPOUND_LINKS = ("", "s", "es", "n", "en", "e")
"""Linking elements between the parts of a German compound (Stimmung-s-wechsel)."""


def _german_compound(word: str, lang: str) -> bool:
    """A long word unknown to every list that splits into a known German word (after its linking
    element) and a German last part: German compounds are formed freely, so most are in no list.

    >>> _german_compound("dieselkrise", "en"), _german_compound("totalenergies", "en")
    (True, False)
    """
    if len(word) < 2 * LONG_WORD - 2 or any(
        _zipf(word, language) for language in (lang, NAME_LANGUAGE, SOURCE_LANGUAGE)
    ):
        return False
    for cut in range(3, len(word) - LONG_WORD + 2):
        first, last = word[:cut], word[cut:]
        if _more_german(last, lang, GERMAN_MARGIN_ZIPF) and any(
            first.endswith(link) and _zipf(first.removesuffix(link) if link else first, SOURCE_LANGUAGE) > 0
            for link in COMPOUND_LINKS
        ):
            return True
    return False


def zipf(word: str, lang: str) -> float:
    """The lower-case word's frequency in ``lang`` on the Zipf scale (0 when unknown), from wordfreq."""
    return _zipf(word, lang)


@functools.cache
def _zipf(word: str, lang: str) -> float:
    """The word's frequency in ``lang`` on the Zipf scale, from wordfreq's lists (0 when unknown).

    wordfreq is imported, and each language's list loaded (about 0.3 s), on first use, so only
    ``pipeline check`` pays for it.
    """
    import wordfreq

    try:
        return wordfreq.zipf_frequency(word, lang.split("_")[0])
    except (LookupError, ImportError):  # no list for the language, or its tokenizer (jieba, MeCab) missing
        return 0.0


# --- numbers in words ----------------------------------------------------------------------------

ROMAN_SUFFIXES = r"(?:e|er|re|ème|è|eme|ᵉ|ᵉʳ|ʳᵉ|th|st|nd|rd)?"
"""Ordinal endings after a Roman numeral: French ``XXIe``, ``XXIᵉ`` (superscript, as typographers
write it), ``Ier``, ``Ire``; English ``XXIst`` is rare."""
LARGEST_WORDED = 10**6
"""Whole numbers up to this may be written in words ("seize", "one thousand")."""
SPELLED_VALUES = (*range(101), *range(200, 1001, 100), *range(2000, 21000, 1000), 10**6, 10**9)
"""Numbers whose words are known as number words: a source may use them in place of figures ("tausend",
"zwanzig", "zweite"); next to another number word, they make one number ("deux cents")."""


def written_in_words(
    number: int, text: str, lang: str, *, spellings: frozenset[str] | None = None, roman: bool = True
) -> bool:
    """Whether the whole number appears in ``text`` in words ("seize", "twenty-first", "a thousand")
    or as a Roman numeral ("XXIe").

    >>> written_in_words(21, "L'industrie du XXIe siècle.", "fr"), written_in_words(30, "thirty-one", "en")
    (True, False)
    """
    if not 0 < number <= LARGEST_WORDED:
        return False
    if roman and number < 4000 and re.search(rf"(?<!\w){_roman(number)}{_roman_suffix(number)}(?!\w)", text):
        return True
    words = _normalise_words(text)
    vocabulary = _number_vocabulary(lang)
    for spelled in _number_words(number, lang) if spellings is None else spellings:
        for match in re.finditer(f" {re.escape(spelled)} ", words):
            two_before = words[: match.start()].rsplit(" ", 2)[-2:]
            if len(two_before) == 2 and (two_before[0], two_before[1], spelled.split(" ", 1)[0]) in _joined_words(lang):
                continue  # "two" of "hundred and two"
            before = two_before[-1]
            after = words[match.end() :].split(" ")[:2]
            if after[:1] and after[0] in NUMBER_JOINERS:  # "cent trente et un", "one hundred and two"
                goes_on = after[1:] and (spelled.rsplit(" ", 1)[-1], after[0], after[1]) in _joined_words(lang)
                after = after[1:] if goes_on else []
            if before not in vocabulary and not (after and after[0] in vocabulary | ONES):
                return True  # "thirty" is not "thirty-one", "sixteen" not "one hundred sixteen"
    return False


NUMBER_JOINERS = frozenset({"and", "et", "und"})


@functools.cache
def _joined_words(lang: str) -> frozenset[tuple[str, str, str]]:
    """``(word, joiner, word)`` as num2words joins them inside one number in ``lang``: "vingt et un",
    "soixante et onze", "hundred and two"; "thirty and fifty" are two numbers."""
    joined: set[tuple[str, str, str]] = set()
    for number in (*range(200), *range(1000, 1100)):
        for spelled in _number_words(number, lang):
            words = spelled.split(" ")
            joined.update(
                (words[index], words[index + 1], words[index + 2])
                for index in range(len(words) - 2)
                if words[index + 1] in NUMBER_JOINERS
            )
    return frozenset(joined)


ONES = frozenset({"one", "un", "une", "ein", "eine"})


@functools.cache
def _number_vocabulary(lang: str) -> frozenset[str]:
    """The words num2words uses for numbers in ``lang``, less those that are also articles or
    conjunctions ("a", "un", "une", "and", "et")."""
    words = {word for number in SPELLED_VALUES for spelled in _number_words(number, lang) for word in spelled.split()}
    return frozenset(words - ONES - NUMBER_JOINERS - {"a", "an"})


def _normalise_words(text: str) -> str:
    """Lower-case words separated by single spaces, with a space at each end, for phrase matching.

    >>> _normalise_words("Vingt-et-unième siècle !")
    ' vingt et unième siècle '
    """
    return " " + " ".join(re.findall(r"[^\W\d_]+", text.casefold())) + " "


def _roman_suffix(number: int) -> str:
    """Ordinal ending after the numeral; required after a one-letter numeral, which is more often a
    word or an initial (English "I", "M. Legrand") than a number."""
    return ROMAN_SUFFIXES if len(_roman(number)) > 1 else ROMAN_SUFFIXES.removesuffix("?")


@functools.cache
def _roman(number: int) -> str:
    import roman  # imported on first use: `pipeline --help` stays fast

    return roman.toRoman(number)


@functools.cache
def _number_words(number: int, lang: str) -> frozenset[str]:
    """How ``lang`` writes ``number`` in words, as cardinal and ordinal, according to num2words
    (normalised as :func:`_normalise_words` does); empty for a language num2words does not know.

    >>> sorted(_number_words(16, "fr"))
    ['seize', 'seizième']
    """
    spelled = {words for kind in ("cardinal", "ordinal") if (words := _spelled_by_num2words(number, lang, kind))}
    if lang.split("_")[0] == "fr":  # num2words writes the masculine: "un", "vingt et un", "premier"
        spelled.update(
            re.sub(r"\b(un|premier)$", lambda m: {"un": "une", "premier": "première"}[m[1]], words)
            for words in list(spelled)
        )
    for words in list(spelled):  # "one thousand" is also "a thousand" and "thousand"
        first, _, rest = words.partition(" ")
        if rest and first in ONES:
            spelled.update({rest, f"a {rest}"})
    return frozenset(spelled)


def _spelled_by_num2words(number: int, lang: str, kind: str) -> str | None:
    """num2words' ``kind`` ("cardinal", "ordinal") of ``number`` in ``lang``, normalised as
    :func:`_normalise_words` does; None where num2words cannot write it."""
    from num2words import num2words  # imported on first use: `pipeline --help` stays fast

    try:
        return _normalise_words(num2words(number, lang=lang, to=kind)).strip()
    except (NotImplementedError, OverflowError, ValueError, TypeError, AttributeError, KeyError):
        return None


INFLECTIONS = ("", "n", "r", "s", "m")
"""Endings of inflected ordinals and of "ein" (German "zweiten", "dritter", "einem")."""


@functools.cache
def _source_number_words(lang: str) -> dict[str, int]:
    """Word -> value for every single word num2words writes for :data:`SPELLED_VALUES` in ``lang``
    ("einundzwanzig", "zweite"), with inflected forms, scale words alone ("tausend", "Millionen") and
    the indefinite article, which is "one" too (lower case)."""
    words: dict[str, int] = {word + ending: 1 for word in ONES for ending in INFLECTIONS}
    for number in SPELLED_VALUES:
        for spelled in _number_words(number, lang):
            if " " not in spelled:
                words.update({spelled + ending: number for ending in INFLECTIONS})
            for one in ONES:  # "eintausend" is also "tausend", "eine million" also "Millionen"
                rest = spelled.removeprefix(one).strip()
                if number >= 100 and rest != spelled and " " not in rest:
                    words.update({rest + ending: number for ending in ("", "e", "en", "s")})
    return words


def numbers_named_in_words(text: str, lang: str) -> set[int]:
    """Numbers the text names in single words of ``lang`` ("tausend", "zwanzig", "zweiten", "eine"),
    also at the start of a compound ("dreimal": "three times", "Fünfjahresplan": "five-year plan").

    Generous on purpose: these are the numbers a translation may give in figures or words, so a word
    that only happens to start like a number ("Achtung") costs nothing but a missed wrong number.

    >>> sorted(numbers_named_in_words("in zehn, zwanzig Jahren, über tausend Stellen, dreimal", "de"))
    [3, 10, 20, 1000]
    """
    vocabulary = _source_number_words(lang)
    prefix = _number_prefix(lang)
    found = set()
    for word in WORD.findall(text.casefold()):
        match = None if word in vocabulary else prefix.match(word)
        if word in vocabulary or match:
            found.add(vocabulary[word if match is None else match.group()])
    return found


@functools.cache
def _number_prefix(lang: str) -> re.Pattern[str]:
    """The cardinals of :data:`SPELLED_VALUES` in ``lang`` (one word each), longest first, to match the
    start of a compound; a pattern that never matches for a language num2words does not know."""
    cardinals = {word for number in SPELLED_VALUES for word in _cardinal_words(number, lang) if " " not in word}
    return re.compile("|".join(re.escape(word) for word in sorted(cardinals, key=len, reverse=True)) or "(?!)")


WORDED_IN_TRANSLATION = (*range(3, 101), 1000)
"""Numbers looked for in words in a translation: "one"/"un" are articles as often as numbers, "two"
is in idioms ("a decade or two", "the two companies" for "beide Unternehmen"), larger ones are
written with figures."""
NOT_NUMBERS = {"fr": frozenset({"neuf"})}
"""Number words that are more often ordinary words ("un bâtiment neuf": a new building)."""
PER_CENT = re.compile(r"\b(?:pour|per)\s+cent\b", re.IGNORECASE)


def numbers_written_in_words(text: str, lang: str) -> set[int]:
    """Numbers from three to a hundred, and a thousand, that ``text`` writes as cardinal words of ``lang``
    ("seize", "thirty", "a thousand"); not "pour cent", nor words listed in :data:`NOT_NUMBERS`.

    >>> sorted(numbers_written_in_words("dix ou trente ans, un bâtiment neuf, 5 pour cent", "fr"))
    [10, 30]
    """
    text = PER_CENT.sub(" ", text)
    spellings: dict[int, set[str]] = {}
    for word in set(_normalise_words(text).split()):
        for number, spelled in _cardinals_starting_with(lang).get(word, ()):
            spellings.setdefault(number, set()).add(spelled)
    return {
        number
        for number, spelled in spellings.items()
        if written_in_words(number, text, lang, spellings=frozenset(spelled), roman=False)
    }


@functools.cache
def _cardinals_starting_with(lang: str) -> dict[str, tuple[tuple[int, str], ...]]:
    """First word -> ``(number, cardinal)`` for :data:`WORDED_IN_TRANSLATION`, so that a text is
    searched only for the numbers whose first word it has."""
    ambiguous = NOT_NUMBERS.get(lang.split("_")[0], frozenset())
    index: dict[str, list[tuple[int, str]]] = {}
    for number in WORDED_IN_TRANSLATION:
        for spelled in sorted(_cardinal_words(number, lang) - ambiguous):
            index.setdefault(spelled.split(" ", 1)[0], []).append((number, spelled))
    return {word: tuple(found) for word, found in index.items()}


@functools.cache
def _cardinal_words(number: int, lang: str) -> frozenset[str]:
    """The cardinal of :func:`_number_words` only ("seize", not "seizième": "second" is a time too)."""
    cardinal = _spelled_by_num2words(number, lang, "cardinal")
    if cardinal is None:
        return frozenset()
    return frozenset(
        spelled
        for spelled in _number_words(number, lang)
        if spelled == cardinal or spelled.endswith(" " + cardinal.partition(" ")[2])
    )


# --- sentences of a translation ------------------------------------------------------------------

SENTENCE_GLUE = re.compile(
    r"(?:(?<!\w)\w|\d+|\b(?:Mrs?|Mme|Mlle|Dr|Pr|St|Ste|No|n°|p|vol|ch|art|etc|cf|ca|vs|av|bd))\.\s*$", re.IGNORECASE
)
"""A sentencex segment ending like this does not end a sentence: an initial (``M. Legrand``), an
ordinal (``21.``) or a common abbreviation; it is joined to the next one."""
GLUE_REACH = 16
"""How far from the end of the glued segments :data:`SENTENCE_GLUE` is looked for (its longest
match, ``Mlle. ``, is 6 characters; a longer run of digits matches from any of them): searching the
whole glued text after every segment took time quadratic in the number of segments joined."""


def sentences(text: str, lang: str) -> list[str]:
    """Sentences of a translation, by sentencex, with segments that end in an initial, an ordinal or
    an abbreviation joined to the next (sentencex cuts ``M. Legrand`` in French)."""
    from pipeline.articles.sentencex_windows import sentence_ends

    found: list[str] = []
    glued = ""
    text = " ".join(text.split())
    for start, end in itertools.pairwise([0, *sentence_ends(lang.split("_")[0], text), len(text)]):
        glued += text[start:end]
        if not SENTENCE_GLUE.search(glued, max(0, len(glued) - GLUE_REACH)):
            found.append(glued.strip())
            glued = ""
    if glued.strip():
        found.append(glued.strip())
    return [sentence for sentence in found if WORD.search(sentence)]
