"""Splitting German paragraphs into sentences.

Sentence boundaries
-------------------
`sentencex <https://github.com/wikimedia/sentencex>`_ (Wikimedia, written in Rust, already a
dependency) proposes the boundaries: it returns exact substrings, keeps a quotation that spans several
sentences in one piece, and handles the common abbreviations, initials, dates and numbers (a
paragraph longer than 5,000 characters is given to it in windows, :mod:`pipeline.articles.sentencex_windows`). On the 142
tricky cases of ``tests/articles/test_segmentation.py`` it is right in 86 (47 of the first 63, 39 of the 79 of
``ROUND_TWO``); pysbd (``char_span=True``) was right in 46 of the first 63, at 30 ms per seed article
against sentencex's 0.1 ms. On the 369 cases of ``FRESH_EYES`` there, written from scratch for a
second round, sentencex alone is right in 221, the splitter of the first round in 333. These data
tables and small rules correct what sentencex gets wrong, all right, for about 0.25–0.3 ms per seed
article in all (``bench/bench_segmentation.py``):

``SHOWN_TO_SENTENCEX``
    Characters sentencex does not know, shown to it as ones it does (one character for one, so the
    offsets still fit the original): ``…`` as ``.`` (sentencex never ends a sentence at ``…``), and
    brackets and German single quotes as ``»«`` (sentencex misses the end in ``Er ging (schnell.)
    Dann`` and cuts ``‚Ja.|‘ Dann``, but handles guillemets as quotation marks).
``ABBREVIATIONS``, ``NOT_ABBREVIATIONS``
    No sentence ends after an abbreviation: SoMaJo's curated German list (1,250 entries, read from
    the ``somajo`` package's data) and ours (``Diagn.``, ``Ther.``, ``Verordn.`` …), less the entries
    that are also words or names ending sentences (``arg.``, ``Max.``, ``Jan.``). Case matters:
    ``Max.`` may end a sentence, ``max.`` does not.
The four ``SENTENCE_END_…`` tables, with ``SENTENCE_STARTERS`` and ``PRONOUN_STARTERS``
    Abbreviations that often end a sentence: ``usw.``, ``etc.``, ``u. ä.`` end it before any
    capitalised word (``… Birnen usw. | Danach``); ``bzw.``, units (``Mrd.``), eras (``v. Chr.``),
    months and weekdays only before a word that usually starts a sentence, an article, a pronoun, a
    conjunction or a preposition (``… 2 Mrd. | Die Hälfte``, ``… 3 Mrd. | Im Vorjahr``, but ``Äpfel
    bzw. Birnen``), units, eras and dates also before ``Sie`` (``… 14. Jh. | Sie ist``, but ``an uns
    bzw. Sie rufen an``); ``u. a.`` only before a pronoun (``Manet u. a. | Es ist``, but ``u. a. Die
    Zeit``).
``ORDINAL_NOUNS`` (with ``MONTHS``), ``ORDINAL_DETERMINERS``
    sentencex ends a sentence after any number with a period (``im 21. | Jahrhundert``). A number of
    up to three digits is an ordinal, and the sentence goes on, when a month or one of these nouns
    follows (``3. Oktober``, ``21. Jahrhundert``, ``2. Aufl.``) or when one of these words precedes
    it (``am 3.``, ``der 2. Standort``). Otherwise a number may end a sentence: ``bis zu 50. Das …``,
    ``ab 2035. Kritiker …``, ``auf S. 3. Industrie …``, ``am 14.11. Danach …``, and a number over 31
    (no day, no month) before a number: ``Das war 2025. | 2026 wird …``.
``TOP_LEVEL_DOMAINS``
    A full stop without a space after it ends a sentence between a lowercase and a capitalised word
    (``Gedanken.|Verschiedene``), but not in a domain name (``Verkor.Com``).

The rules, each a small function: :func:`_joins_across` vetoes sentencex's boundaries (the tables
above; a bracketed interjection, ``Er hat (!) Millionen``; the number of a list item that starts the
paragraph or a sentence, ``1. Dies ist …``, :func:`_numbers_list_item`; a boundary inside a word,
``Dipl.|-Ing.``, which keeps URLs and e-mail addresses whole, unless :func:`_is_glued_sentence_end`).
:func:`_added_cuts` adds the boundaries sentencex misses (the abbreviations above, also before a
closing quote, ``„… usw.“ | Danach``; a sentence that starts with a number, ``… bla. | 700 Jahre
später``, unless an abbreviation, a month or a number precedes it, ``Nr. 5``, ``Jan. 2026``, ``am 3.
10. 1990``; an address that ends a sentence, ``… presse@verkor.fr. | Wir``; hashtags and handles
after a sentence, a unit of their own, ``… heute. | #Dunkerque #Batterie | Morgen …``; a quotation
after a quotation in typewriter quotes, ``,,Kommst du?'' | ,,Nein''``; a bracket that closes a
sentence, ``(Er sagte: „Ja.“) | Dann``; a footnote, ``… belegt.[1] | Weitere``; and, in
:func:`_mark_ends_sentence`, ``?`` or ``!`` before a number, ``Wer war dabei? | 30 Menschen``; a
name written with a small first letter, ``… vor. | iPhone 18 …``; a name's initial or regnal
number before a word that starts sentences, ``Angeklagt ist Thomas V. | Er``, ``unter Heinrich
VIII. | Er``; a quotation taken up again, ``Sie stockte. | „…unglaublich.“``; emoticons that
sentencex reads as a word, ``Danke! <3 | Bis``). :func:`_past_trailers`
keeps the emoji, emoticons and footnote markers that follow a sentence end with that sentence
(``Toll! 😀 | Morgen``, ``… belegt.¹ | Weitere``, ``… geändert.* | Er``, ``… Bayern.† | Andere``).
:func:`_before_opening_marks` gives an opening quotation mark or bracket that sentencex leaves at the
end of a sentence (``Er kam. »|Siehe``, where the quotation is not closed) to the sentence it opens.

Known limits, all erring on the side of longer units (a fragment translates worse than two sentences
in one unit): a sentence that starts with a lowercase letter (other than ``eBay``-like names), or
with a number after a number that may be a day or a month (``Sie wurde 3. 20 Läuferinnen …``, which
spaced dates such as ``3. 10. 1990`` forbid to cut), stays with the one before; an abbreviation of
SoMaJo's list that ends a sentence ends it only when it
is one of the ``SENTENCE_END_…`` tables; a quotation or bracket is one piece however many sentences it
holds. sentencex's time grows with the square of the number of unclosed quotation marks (half a
second for a 60,000-character paragraph of them); other long paragraphs take linear time.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from pipeline.articles.sentencex_windows import sentence_ends

LANGUAGE = "de"


SHOWN_TO_SENTENCEX = {"…": ".", "(": "»", ")": "«", "[": "»", "]": "«", "‚": "»", "‘": "«"}


def _somajo_abbreviations() -> frozenset[str]:
    """SoMaJo's curated German abbreviations (about 1,250, kept up to date with its releases).

    Read from the package's data files rather than copied, so that the list improves with SoMaJo;
    its tokenizer itself is not used (it is a hundred times slower than sentencex). The files are
    found without importing the package, which would cost every command 40 ms (it loads ``regex``).
    """
    spec = importlib.util.find_spec("somajo")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("somajo is not installed; run `make install`")
    data = Path(spec.submodule_search_locations[0]) / "data"
    entries = set()
    for name in ("abbreviations_de.txt", "single_token_abbreviations_de.txt"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                entries.add(line.strip())
    return frozenset(entries)


NOT_ABBREVIATIONS = frozenset("Gen. Jan. Mag. Max. Quart. Sachs. Vers. arg. geh. trans.".split())

ABBREVIATIONS = (
    frozenset(
        """
        Abb. Abs. Anm. Art. Aufl. Ausg. Bd. Bek. Bsp. bspw. Dez. Diagn. Dipl.-Ing. Do. dt. ebd. ehem.
        einschl. engl. entspr. europ. exkl. Fa. Forts. franz. frz. geb. Gebr. gegr. gem. ggü. Hbf.
        Hrsg. Inh. inkl. insb. Inst. Jh. Jhd. jew. jur. Mär. max. Mi. Mill. mind. mtl. Nachf. näml.
        nat. Okt. österr. phil. rer. schweiz. stellv. Tab. tägl. Tel. Tsd. urspr. Verf. wg. Ziff.
        zzgl. Vol. No. Sp. Ed. Gl. Hft. Lt. Nrn. Rdn. Rdz. Rz. Stk. Zeitschr. Zl.
        Abt. Beh. Bekanntm. Befr. Drs. Landkr. Rdschr. Ref. Sachb. Stadtverw. Verfg. Verl. Verordn.
        Verw. Vorl.
        Amp. Anamn. Bef. bds. Behandl. Chir. li. re. Gyn. i.m. i.v. Inj. Kons. Krh. Med. Medik. Neurol. o.B.
        Op. Orthop. p.o. Pharm. Progn. s.c. stat. Sympt. Tbl. Temp. Ther. Therap. Untersuch. V.a. Z.n.
        """.split()
    )
    | _somajo_abbreviations()
) - NOT_ABBREVIATIONS

SENTENCE_END_ABBREVIATIONS = frozenset("usw. usf. etc. uvm. u.v.m. uvam. u.ä. o.ä. u.Ä. o.Ä. dgl. u.dgl. e.V.".split())

SENTENCE_STARTERS = frozenset(
    """
    Der Die Das Dem Den Des Ein Eine Einen Einem Einer Kein Keine Ich Du Er Es Wir Ihr Man
    Dann Danach Davor Damals Dabei Dazu Damit Dafür Dagegen Daher Darum Deshalb Deswegen Doch Aber
    Auch Und Oder Denn Trotzdem Dennoch Außerdem Zudem Inzwischen Jetzt Nun Heute Gestern Später
    Hier Dort Da Diese Dieser Dieses Jeder Jede Jedes Alle Viele Manche Einige Wer Was Wie Wo Warum
    Wann Wieso Weshalb Wenn Als Ob Weil Obwohl Während So Sogar Vielleicht Leider Allerdings Zwar
    Mein Meine Sein Seine Ihre Unser Unsere Nichts Niemand Alles Beide Erst Schon Noch Bereits
    Zunächst Anschließend Schließlich Insgesamt Zuvor Immerhin
    Im Am In An Auf Aus Bei Mit Nach Seit Von Vom Vor Zum Zur Für Über Unter Um Bis Ab Ohne Gegen
    Durch Trotz Wegen
    """.split()
)
"""Words that start sentences and are never capitalised inside one, unlike nouns: ``… 2 Mrd. | Die
Hälfte``, ``… 3 Mrd. | Im Vorjahr`` (a preposition is capitalised only at a sentence start)."""

SENTENCE_END_BEFORE_STARTER = frozenset("bzw. ggf. evtl. inkl. exkl.".split())
"""Abbreviations that join words (``Äpfel bzw. Birnen``, ``an uns bzw. Sie rufen an``): they end a
sentence before one of the ``SENTENCE_STARTERS``, not before the formal ``Sie``."""

SENTENCE_END_BEFORE_STARTER_OR_SIE = frozenset(
    """
    ff. pp. Jh. Jhd. Jhdt. Mio. Mrd. Tsd. Std. Min. Sek. Pfd. Stk. Chr. Co. Inc. Ltd. n.V. n.E.
    Mo. Di. Mi. Do. Fr. Sa. So. Jan. Feb. Mär. Apr. Jun. Jul. Aug. Sep. Sept. Okt. Nov. Dez.
    """.split()
)
"""Units, eras, months, weekdays and results (``1:1 n. V.``, after extra time): a quantity or a date
ends here, so ``Sie`` after them starts a sentence too (``… aus dem 14. Jh. | Sie ist gut erhalten``)."""

SENTENCE_END_BEFORE_PRONOUN = frozenset("u.a.".split())
"""``u. a.`` is mostly *unter anderem* before a name or a title (``u. a. Renault``, ``u. a. Die
Zeit``) and ends a sentence as *und andere* only before a pronoun that is capitalised at a sentence
start alone (``… Monet, Manet u. a. | Es ist täglich geöffnet``)."""
PRONOUN_STARTERS = frozenset("Ich Er Es Wir Man".split())

MONTHS = frozenset(
    """
    Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember
    Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez
    """.split()
)

ORDINAL_NOUNS = MONTHS | frozenset(
    """
    Jahrhundert Jahrhunderts Jahrtausend Jahrtausends Jh Jhd Jahrestag Geburtstag Jubiläum
    Mal Platz Rang Stelle Stock Stockwerk Etage Klasse Liga Bundesliga Runde Spieltag Tag Woche
    Kalenderwoche KW Quartal Quartals Halbjahr Halbjahres Auflage Kapitel Generation Weltkrieg
    Weltkriegs Advent Staffel Folge Teil Ausgabe Aufl Jhdt Kl Hälfte Halbzeit Minute Akt Semester
    Lebensjahr Jahrgang Wahlgang Durchgang Versuch Etappe
    """.split()
)

ORDINAL_DETERMINERS = frozenset(
    """
    am im vom zum zur beim der die das dem den des ein eine einem einen einer eines
    jeder jede jedes jedem jeden sein seine seinem seinen seiner seines ihr ihre ihrem ihren ihrer
    ihres unser unsere unserem unseren unserer dieser diese dieses diesem diesen
    """.split()
)

UNIT_SYMBOLS = frozenset(
    """
    mm cm dm m km qm m² m³ km² ha l ml cl dl hl g mg kg t kt Mt kWh MWh GWh TWh kW MW GW W kV V mA A Hz
    kHz MHz GHz h min s ms km/h °C K dB Bq
    """.split()
)
"""Unit symbols, written without a full stop of their own: after a number, ``412 l.`` or ``42 km.``
before a capitalised word ends the sentence (``… 412 l. | Danach``), though ``l.`` is an
abbreviation elsewhere (``l. Hand``)."""

CONTINUING_WORDS = frozenset(
    """
    der die das dem den des ein eine einen einem einer eines kein keine keinen keinem keiner
    dieser diese dieses diesen diesem sein seine seinen seinem ihr ihre ihren ihrem unser unsere
    von vom zu zum zur mit nach bei beim für über unter auf an in im am aus um gegen ohne durch
    und oder aber sowie als wie sehr so ganz
    """.split()
)
"""Words no sentence ends with: an ellipsis after one (``man habe das … Ausmaß unterschätzt``) is a
pause inside the sentence, even before a capitalised noun."""

TOP_LEVEL_DOMAINS = frozenset("at ch com de eu fr info io net org".split())


def _one_of(abbreviations: frozenset[str]) -> str:
    """A regex that, at the full stop that ends a word, checks whether the word is one of
    ``abbreviations`` (``u.ä.`` also written ``u. ä.``), by looking back."""
    variants = {variant for word in abbreviations for variant in (word, word.replace(".", ". ")[:-1])}
    return "(?:" + "|".join(rf"(?<=\b{re.escape(variant)})" for variant in sorted(variants)) + ")"


def _longest_letters(abbreviations: frozenset[str]) -> int:
    """The length of the longest run of letters in ``abbreviations`` (4 for ``uvam.``)."""
    return max(len(part) for abbreviation in abbreviations for part in abbreviation.split("."))


_OPENING_MARKS = "„“\"»«‚‘'(["
_TRAILING_PUNCTUATION = ".,;:!?…“”\"»«‘’')]"
_OPENING = r"[„“\"»«‚‘(\[]*"
_CLOSING = r"[”“\"»«’)\]]*"
_CLOSING_QUOTES = r"[”“\"»«’]*"
_SENTENCE_START = rf"{_OPENING}[A-ZÄÖÜ]"
_STARTER = rf"{_OPENING}(?:{'|'.join(sorted(SENTENCE_STARTERS))})\b"
_STARTER_OR_SIE = rf"{_OPENING}(?:{'|'.join(sorted(SENTENCE_STARTERS | {'Sie'}))})\b"
_PRONOUN = rf"{_OPENING}(?:{'|'.join(sorted(PRONOUN_STARTERS))})\b"
_LONGER = 1 + _longest_letters(
    SENTENCE_END_ABBREVIATIONS
    | SENTENCE_END_BEFORE_STARTER
    | SENTENCE_END_BEFORE_STARTER_OR_SIE
    | SENTENCE_END_BEFORE_PRONOUN
)
_ABBREVIATION_ENDS_SENTENCE = re.compile(
    # The regex starts with the full stop and looks back for the abbreviation, so that the engine
    # skips from full stop to full stop at C speed (a leading alternation of words would try every
    # position of the text); it first rules out the usual case, a longer word or a number.
    rf"\.(?<=[^\W\d_]\.)(?<![^\W\d_]{{{_LONGER}}}\.)"
    rf"(?:{_one_of(SENTENCE_END_ABBREVIATIONS)}{_CLOSING_QUOTES}\s+(?={_SENTENCE_START})"
    rf"|{_one_of(SENTENCE_END_BEFORE_STARTER)}{_CLOSING_QUOTES}\s+(?={_STARTER})"
    rf"|{_one_of(SENTENCE_END_BEFORE_STARTER_OR_SIE)}{_CLOSING_QUOTES}\s+(?={_STARTER_OR_SIE})"
    rf"|{_one_of(SENTENCE_END_BEFORE_PRONOUN)}{_CLOSING_QUOTES}\s+(?={_PRONOUN}))"
)
_NUMBER_AFTER_FULL_STOP = re.compile(r"\.\s+(?=\d)")
_NUMBER_AFTER_QUESTION_OR_EXCLAMATION = re.compile(rf"[!?]{_CLOSING_QUOTES}\s+(?=\d)")
"""``Wer war dabei? | 30 Menschen …``: sentencex starts no sentence with a number after ``?`` or ``!``
(a bracketed ``(!) 3`` is not matched: its bracket stands between)."""
_CAMEL_CASE_AFTER_FULL_STOP = re.compile(r"\.\s+(?=[a-z]+[A-Z])")
"""A name written with a small first letter (``eBay``, ``iPhone``, ``iOS``) starts its sentence as
written: ``… vor. | iPhone 18 heißt es``, where sentencex waits for a capital."""
_NAME = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*")
_INITIAL_OR_REGNAL_NUMBER = re.compile(r"[A-Z]|[IVXLC]{2,6}")
_STARTS_SENTENCE_OR_SIE = re.compile(_STARTER_OR_SIE)
_YEAR_OR_QUANTITY = re.compile(r"\d+\.")
_FULL_STOP_BEFORE_WORD = re.compile(rf"\.{_CLOSING_QUOTES}\s+(?=\S)")
_OTHER_END_MARK_BEFORE_WORD = re.compile(rf"[!?…]{_CLOSING_QUOTES}\s+(?=[\d„»«‚\"<xX])")
"""``?``, ``!`` and ``…`` before what :func:`_mark_ends_sentence` looks at after them (a number, a
quotation, an emoticon); full stops are found apart, as a literal search is twice as fast."""
_SENTENCE_WORD = re.compile(r"[^\W\d_][^\W\d_-]*\.")
_TAGS_AFTER_SENTENCE = re.compile(
    rf"[.!?…]{_CLOSING}\s+(?P<tags>(?:[#@]\w\S*\s+)*[#@]\w\S*)(?:\s+(?={_SENTENCE_START})|\s*$)"
)
"""Hashtags and handles between a sentence end and a new sentence or the end of the paragraph."""
_FOOTNOTE = r"(?:[⁰¹²³⁴-⁹]+|\[\d{1,3}\]|\*{1,3}|[†‡])+"
_QUOTATION_AFTER_QUOTATION = re.compile(r"[.!?…](?:''|[”“\"»«’])+\s+(?=,,|[„»«\"])")
"""A quotation that ends with its sentence, then another: ``,,Kommst du?'' | ,,Nein'', antwortete sie``
(typewriter quotes, which sentencex does not pair)."""
_BRACKET_CLOSES_AFTER_SENTENCE = re.compile(rf"[.!?…][”“\"»«’]*[)\]]\s+(?={_SENTENCE_START})")
_FOOTNOTE_AFTER_SENTENCE = re.compile(rf"[.!?…]{_CLOSING}{_FOOTNOTE}\s+(?={_SENTENCE_START})")
_EMOJI = "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]+"
_EMOTICON = r"[:;]-?[()DPp]+|\^\^|<3|[xX]D"
_TRAILER = re.compile(rf"(?:{_FOOTNOTE}|{_EMOJI}|{_EMOTICON})+(?=\s|$)\s*")
_LETTER_EMOTICON_AFTER_SENTENCE = re.compile(
    rf"[.!?…]{_CLOSING}\s+(?=(?:(?:{_FOOTNOTE}|{_EMOJI}|{_EMOTICON})+\s+)+{_SENTENCE_START})"
)
"""Emoticons after a sentence end, then a new sentence: ``Danke! <3 | Bis bald``, where sentencex takes
``<3`` or ``xD`` for the start of a lowercase word; the cut is then moved past them, to the sentence
they close."""
_QUOTATION_OR_EMOTICON_STARTS = frozenset('„»«‚"<xX')
_QUOTATION_RESUMES = re.compile(rf"[.!?…]{_CLOSING}\s+(?=[„»«‚\"](?:…|\.\.\.))")
"""A quotation that takes up where it trailed off starts a unit: ``Sie stockte. | „…unglaublich.“``."""
_INTERJECTION_OR_NUMBER = re.compile(
    r"(?P<interjection>[(\[]?(?:[!?]+|…|\.\.\.|sic!?)[)\]])|(?P<number>(?:\d{1,3}\.)+\)?|[IVX]{1,4}\.\)?)"
)
"""A bracketed interjection (``(!)``, ``(???)``, ``[sic!]``; its ``(`` may be stripped already), or a
number that may number a list item (``1.``, ``2.3.``, ``3.)``, ``IV.``)."""
_INTERJECTION_OR_NUMBER_STARTS = frozenset("(!?….s0123456789IVX")
_GLUED_SENTENCE_END = re.compile(r"[^\W\d_]*[a-zäöüß][.!?]([A-ZÄÖÜ][a-zäöüß]+)")
_ORDINAL = re.compile(r"\d{1,3}\.")


def split_sentences(paragraph: str, *, language: str = LANGUAGE) -> list[str]:
    """Sentence split of one paragraph (one line, no newline): German-aware by default.

    Returns the sentences as exact substrings of ``paragraph``, stripped of surrounding whitespace,
    non-empty, in order; only whitespace lies between and around them, so the line can be rebuilt.

    >>> split_sentences("Industrie im 21. Jahrhundert eben. Ein Artikel von M. Legrand")
    ['Industrie im 21. Jahrhundert eben.', 'Ein Artikel von M. Legrand']
    """
    return [paragraph[start:end] for start, end in sentence_spans(paragraph, language=language)]


# --- the source language: German gets the tables above, any other language sentencex's own rules ---


def sentence_spans(paragraph: str, *, language: str = LANGUAGE) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``paragraph`` in ``language`` (the project's
    ``source-lang``). The tables and rules of this module are German; for another language
    sentencex's own rules (its abbreviations and quotation handling for that language) decide.

    >>> sentence_spans("Dr. Smith came. He left.", language="en")
    [(0, 15), (16, 24)]
    """
    base = re.split(r"[_@-]", language, maxsplit=1)[0]  # de_AT, de_CH are German; pt_BR is sentencex's pt
    if base == LANGUAGE:
        return _sentence_spans(paragraph)
    return _plain_sentencex_spans(paragraph, base)


def _plain_sentencex_spans(paragraph: str, language: str) -> list[tuple[int, int]]:
    spans = []
    for start, end in pairwise([0, *sentence_ends(language, paragraph), len(paragraph)]):
        piece = paragraph[start:end]
        stripped = piece.strip()
        if stripped:
            begin = start + len(piece) - len(piece.lstrip())
            spans.append((begin, begin + len(stripped)))
    return spans


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences: sentencex's boundaries less those the tables veto, plus
    those the rules add, each moved past the emoji and footnote markers that end its sentence."""
    cuts = [cut for cut in _sentencex_cuts(paragraph) if not _joins_across(paragraph, cut)]
    added = [cut for cut in _added_cuts(paragraph, cuts) if cut < len(paragraph)]
    if added:
        cuts = sorted({*cuts, *added})
    settled = [_past_trailers(paragraph, cut) if _may_trail(paragraph[cut]) else cut for cut in cuts]
    if settled != cuts:  # a cut moved past trailers may now meet or pass the next one
        settled = sorted({cut for cut in settled if cut < len(paragraph)})
    bounds = [0, *settled, len(paragraph)]
    spans = []
    for start, end in pairwise(bounds):
        piece = paragraph[start:end]
        stripped = piece.lstrip()
        if stripped:
            start += len(piece) - len(stripped)
            spans.append((start, start + len(stripped.rstrip())))
    return spans


def _sentencex_cuts(paragraph: str) -> Iterator[int]:
    """Offsets where sentencex starts a new sentence (after the whitespace that ends the last one)."""
    shown = paragraph
    for character, replacement in SHOWN_TO_SENTENCEX.items():
        shown = shown.replace(character, replacement)  # str.translate would cost 30 µs a paragraph
    for offset in sentence_ends(LANGUAGE, shown):
        if 0 < offset < len(paragraph):
            cut = _past_whitespace(paragraph, offset) if paragraph[offset].isspace() else offset
            yield _before_opening_marks(paragraph, cut) if paragraph[cut - 1] in _OPENING_MARKS else cut


def _added_cuts(paragraph: str, cuts: list[int]) -> Iterator[int]:
    """Sentence ends sentencex misses: where an end mark is followed by a word (:func:`_mark_ends_sentence`),
    after hashtags and handles that follow a sentence (``… heute. #Dunkerque | Morgen …``), between two
    quotations (``,,Kommst du?'' | ,,Nein''``), after a bracket that closes a sentence (``(Er sagte:
    „Ja.“) | Dann``) and after a footnote marker (``… belegt.[1] | Weitere …``).

    Each rule looks only where it can apply (an end mark inside one of the sentences, a paragraph
    that holds ``#``, ``@``, a typewriter quote, a bracket or ``*``), which keeps the split as fast as
    without them.
    """
    known = set(cuts)
    for found in _FULL_STOP_BEFORE_WORD.finditer(paragraph):
        if found.end() not in known and _mark_ends_sentence(paragraph, found.start(), found.end()):
            yield found.end()
    if "!" in paragraph or "?" in paragraph or "…" in paragraph:
        for found in _OTHER_END_MARK_BEFORE_WORD.finditer(paragraph):
            if found.end() not in known and _mark_ends_sentence(paragraph, found.start(), found.end()):
                yield found.end()
    if "#" in paragraph or "@" in paragraph:
        for found in _TAGS_AFTER_SENTENCE.finditer(paragraph):
            yield found.start("tags")  # where sentencex took the end for an abbreviation (``im TV.``)
            yield found.end()
    if '"' in paragraph or "''" in paragraph or ",," in paragraph:
        for found in _QUOTATION_AFTER_QUOTATION.finditer(paragraph):
            yield found.end()
    if ")" in paragraph or "]" in paragraph:
        for found in _BRACKET_CLOSES_AFTER_SENTENCE.finditer(paragraph):
            if _closes_sentence(paragraph, found.end()):
                yield found.end()
    if "[" in paragraph or "*" in paragraph:  # sentencex takes ``[1]``, shown ``»1«``, for a quotation
        for found in _FOOTNOTE_AFTER_SENTENCE.finditer(paragraph):
            yield found.end()


def _closes_sentence(paragraph: str, cut: int) -> bool:
    """Whether the closing bracket before ``cut`` closes a sentence (``(Er sagte: „Ja.“) | Dann``,
    where sentencex loses track of the nested quotation), not an abbreviation (``(z. B.) Lille``,
    ``(Pat.) Müller``) or an interjection (``(!) Millionen``)."""
    start, end = _word_before(paragraph, cut)
    word = paragraph[start:end].lstrip(_OPENING_MARKS)
    last = word.rstrip(')]”“"»«’')
    return len(last) > 2 and last not in ABBREVIATIONS and not _INTERJECTION_OR_NUMBER.fullmatch(word)


def _mark_ends_sentence(paragraph: str, mark: int, word: int) -> bool:
    """Whether the end mark (``.!?…``) at ``mark``, followed by the word at ``word`` where sentencex
    sees no sentence end, ends a sentence after all: a full stop after a word (:func:`_full_stop_ends_sentence`), ``?``
    or ``!`` before a number (``Wer war dabei? | 30 Menschen …``), any of them before a quotation that
    takes up again (``Sie stockte. | „…unglaublich.“``) or before an emoticon that sentencex takes
    for a word, and a new sentence (``Danke! <3 | Bis bald``)."""
    end_mark = paragraph[mark]
    if end_mark == "." and _full_stop_ends_sentence(paragraph, mark):
        return True
    if end_mark in "!?" and _NUMBER_AFTER_QUESTION_OR_EXCLAMATION.match(paragraph, mark):
        return True
    return paragraph[word] in _QUOTATION_OR_EMOTICON_STARTS and bool(
        _QUOTATION_RESUMES.match(paragraph, mark) or _LETTER_EMOTICON_AFTER_SENTENCE.match(paragraph, mark)
    )


def _full_stop_ends_sentence(paragraph: str, full_stop: int) -> bool:
    """Whether the full stop at ``full_stop``, where sentencex sees none, ends a sentence after all:
    after an abbreviation that ends it, an address, or a name's initial or number before a word that
    starts sentences; before a number or a name written with a small first letter (``eBay``)."""
    if _ABBREVIATION_ENDS_SENTENCE.match(paragraph, full_stop) or _ends_address(paragraph, full_stop):
        return True
    if _ends_quantity(paragraph, full_stop):
        return True
    if _NUMBER_AFTER_FULL_STOP.match(paragraph, full_stop) or _CAMEL_CASE_AFTER_FULL_STOP.match(paragraph, full_stop):
        return _ends_sentence_before_number(paragraph, full_stop + 1)
    return _ends_name_before_starter(paragraph, full_stop)


def _ends_name_before_starter(paragraph: str, full_stop: int) -> bool:
    """Whether the full stop ends a name with an initial or a regnal number (``Thomas V.``,
    ``Heinrich VIII.``) before a word that starts sentences: ``Angeklagt ist Thomas V. | Er soll …``,
    but ``Karl V. regierte``, ``J. P. Renard``, ``II. Die Lage`` (a list item: no name before it),
    and not where the name starts the sentence, as in a heading (``Teil II. Die Rückkehr``).

    >>> _ends_name_before_starter("unter Heinrich VIII. Er", 19), _ends_name_before_starter("Teil II. Die", 7)
    (True, False)
    """
    start = _word_before(paragraph, full_stop)[0]
    if not _INITIAL_OR_REGNAL_NUMBER.fullmatch(paragraph, start, full_stop):
        return False
    name_start, name_end = _word_before(paragraph, start)
    before_name = paragraph[:name_start].rstrip()
    return (
        _NAME.fullmatch(paragraph, name_start, name_end) is not None
        and before_name[-1:] not in ("", ".", "!", "?", ":")
        and _STARTS_SENTENCE_OR_SIE.match(paragraph, _past_whitespace(paragraph, full_stop + 1)) is not None
    )


def _ends_quantity(paragraph: str, full_stop: int) -> bool:
    """Whether the full stop ends a quantity, a number and a unit symbol (:data:`UNIT_SYMBOLS`),
    before a capitalised word: ``Am Brocken fielen 412 l. | Danach …``.

    >>> _ends_quantity("fielen 412 l. Danach", 12), _ends_quantity("die l. Hand", 5)
    (True, False)
    """
    start = _word_before(paragraph, full_stop)[0]
    if paragraph[start:full_stop] not in UNIT_SYMBOLS:
        return False
    number_start, number_end = _word_before(paragraph, start)
    after = _past_whitespace(paragraph, full_stop + 1)
    return (
        number_end > number_start
        and paragraph[number_end - 1].isdigit()
        and after < len(paragraph)
        and paragraph[after].isupper()
    )


def _ellipsis_inside_sentence(paragraph: str, cut: int) -> bool:
    """Whether the ellipsis before ``cut`` follows a word no sentence ends with (:data:`CONTINUING_WORDS`):
    ``man habe das … | Ausmaß unterschätzt`` is one sentence."""
    start, end = _word_before(paragraph, cut)
    if paragraph[start:end] not in ("…", "..."):
        return False
    start, end = _word_before(paragraph, start)
    return paragraph[start:end] in CONTINUING_WORDS


def _ends_address(paragraph: str, full_stop: int) -> bool:
    """Whether the full stop ends a web or e-mail address before a capitalised word: sentencex takes
    the last part of ``presse@verkor.fr. Wir`` for an abbreviation (``fr.``)."""
    start = _word_before(paragraph, full_stop)[0]
    address = paragraph[start:full_stop]
    return ("@" in address or address.startswith(("www.", "http://", "https://"))) and paragraph[
        _past_whitespace(paragraph, full_stop + 1)
    ].isupper()


def _ends_sentence_before_number(paragraph: str, end: int) -> bool:
    """Whether the word that ends at ``end`` (letters and a full stop) ends a sentence before a number
    (or a name such as ``eBay``).

    Not an abbreviation (``Nr. 5``, ``Abs. 2``, ``Hauptstr. 5``, ``S. 3``, ``Ca. 300`` at the start of
    a sentence) nor a month (``Jan. 2026``); not a number that may be a day or a month either (``am 3.
    10. 1990``), but a year or a larger number does end it (``Das war 2025. | 2026 wird …``).

    >>> _ends_sentence_before_number("Das war bla.", 12), _ends_sentence_before_number("Hauptstr.", 9)
    (True, False)
    >>> _ends_sentence_before_number("Das war 2025.", 13), _ends_sentence_before_number("am 3.", 5)
    (True, False)
    """
    word = paragraph[_word_before(paragraph, end)[0] : end].lstrip(_OPENING_MARKS)
    if _YEAR_OR_QUANTITY.fullmatch(word):
        return int(word[:-1]) > 31
    return (
        len(word) > 2
        and _SENTENCE_WORD.fullmatch(word) is not None
        and word not in ABBREVIATIONS
        and word[0].lower() + word[1:] not in ABBREVIATIONS
        and word[:-1] not in MONTHS
        and not word.lower().endswith(("str.", "nr."))
    )


def _past_whitespace(text: str, offset: int) -> int:
    """``offset`` moved past the whitespace that starts there."""
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def _may_trail(character: str) -> bool:
    """Whether a trailer (emoji, footnote marker) may start with ``character``: a quick test that
    spares the regex at nearly every boundary."""
    return character >= "\u2070" or character in "¹²³[*:;^<†‡xX"


def _past_trailers(paragraph: str, cut: int) -> int:
    """``cut`` moved past the emoji and footnote markers (``¹``, ``[1]``) that follow a sentence end:
    they belong to the sentence before (``Toll! 😀 | Morgen …``, ``… belegt.¹ | Weitere …``)."""
    found = _TRAILER.match(paragraph, cut)
    while found and found.end() > cut:
        cut = found.end()
        found = _TRAILER.match(paragraph, cut)
    return cut


def _before_opening_marks(paragraph: str, cut: int) -> int:
    """``cut`` moved before the opening quotes or brackets that sentencex left on the sentence before.

    Where a quotation is not closed, sentencex ends the sentence after its opening mark
    (``Er kam. »|Siehe unten.``); the mark belongs to the sentence it opens.
    """
    start = cut
    while start > 0 and paragraph[start - 1] in _OPENING_MARKS:
        start -= 1
    return start if start < cut and (start == 0 or paragraph[start - 1].isspace()) else cut


def _joins_across(paragraph: str, cut: int) -> bool:
    """Whether the sentence goes on across sentencex's boundary at ``cut`` (see the tables)."""
    if not paragraph[cut - 1].isspace():
        return not (_TRAILER.match(paragraph, cut) or _is_glued_sentence_end(paragraph, cut))
    start, end = _word_before(paragraph, cut)
    before = paragraph[start:end].lstrip(_OPENING_MARKS)
    if before in ABBREVIATIONS:
        return not _ends_quantity(paragraph, end - 1)
    if before in ("…", "..."):
        return _ellipsis_inside_sentence(paragraph, cut)
    found = before[:1] in _INTERJECTION_OR_NUMBER_STARTS and _INTERJECTION_OR_NUMBER.fullmatch(before)
    if not found:
        return False  # the common case, without looking further
    if found.lastgroup == "interjection" or _numbers_list_item(paragraph, start):
        return True  # ``Er hat (!) Millionen …``; ``1. Dies ist …``
    earlier, _, after = _words_around(paragraph, cut)
    return _is_ordinal(earlier, before, after)


def _numbers_list_item(paragraph: str, start: int) -> bool:
    """Whether the number at ``start`` numbers a list item: it starts the paragraph or a sentence
    (``Zwei Punkte: 1. Die Kosten …``, ``… Punkte. 1. Die Kosten …``, not ``… auf S. 3. Industrie``).

    >>> _numbers_list_item("1. Dies", 0), _numbers_list_item("Es ist gut. 2. Das", 12)
    (True, True)
    """
    end = start
    while end > 0 and paragraph[end - 1].isspace():
        end -= 1
    if end == 0 or paragraph[end - 1] in "!?:":
        return True
    return paragraph[end - 1] == "." and _ends_sentence_before_number(paragraph, end)


def _is_glued_sentence_end(paragraph: str, cut: int) -> bool:
    """Whether a full stop without a space after it ends a sentence: ``Gedanken.|Verschiedene``.

    Only between a lowercase word and a capitalised one, and not in a web or e-mail address
    (``www.Example.Com``, ``max@Example.de``) nor after an abbreviation (``St.Omer``).
    """
    start, _end = _word_before(paragraph, cut)
    word_end = _word_after(paragraph, start)[1]
    word = paragraph[start:word_end].lstrip(_OPENING_MARKS)
    found = _GLUED_SENTENCE_END.match(word)
    return (
        found is not None
        and found.start(1) == len(word) - (word_end - cut)
        and not any(mark in word for mark in "/@:")
        and not word.lower().startswith("www")
        and found.group(1).lower() not in TOP_LEVEL_DOMAINS
        and word[: found.start(1)] not in ABBREVIATIONS
    )


def _is_ordinal(earlier: str, number: str, after: str) -> bool:
    """Whether ``number`` (e.g. ``"21."``) is an ordinal inside the sentence, not its last word.

    >>> _is_ordinal("im", "21.", "Jahrhundert"), _is_ordinal("zu", "50.", "Das")
    (True, False)
    """
    if not _ORDINAL.fullmatch(number):
        return False
    return after.rstrip(_TRAILING_PUNCTUATION) in ORDINAL_NOUNS or earlier.lower() in ORDINAL_DETERMINERS


def _words_around(paragraph: str, cut: int) -> tuple[str, str, str]:
    """The two words before ``cut`` and the one after it, without opening quotes or brackets."""
    before_start, before_end = _word_before(paragraph, cut)
    earlier_start, earlier_end = _word_before(paragraph, before_start)
    after_start, after_end = _word_after(paragraph, cut)
    return (
        paragraph[earlier_start:earlier_end].lstrip(_OPENING_MARKS),
        paragraph[before_start:before_end].lstrip(_OPENING_MARKS),
        paragraph[after_start:after_end].lstrip(_OPENING_MARKS),
    )


def _word_before(text: str, end: int) -> tuple[int, int]:
    """Span of the last whitespace-delimited word in ``text[:end]`` (empty at the start).

    Looks for a space with ``str.rfind`` (C speed, this runs for every boundary) and goes character
    by character only when the word holds other whitespace (a tab, a no-break space).
    """
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = text.rfind(" ", 0, end) + 1
    if not text[start:end].isprintable():
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    return start, end


def _word_after(text: str, start: int) -> tuple[int, int]:
    """Span of the first whitespace-delimited word in ``text[start:]`` (empty at the end)."""
    while start < len(text) and text[start].isspace():
        start += 1
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
