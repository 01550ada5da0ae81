"""Where a project's files live: seed articles, catalogs, editions; and which languages it targets.

Every stage receives a :class:`Project` instead of building paths itself, so ``--seeds``,
``--locales`` and ``--langs`` mean the same thing to every command.

The seeds folder is read as editors leave it: hidden files, editor lock files (``.#slug.txt``,
often a dangling symlink) and backups (``slug.txt~``, ``.slug.txt.swp``, ``#slug.txt#``) are not
articles and are skipped; anything that is not a regular file inside the folder (a FIFO would make
``extract`` wait forever, a symlink could publish any file of the machine) is refused before a
single article is opened.
"""

from __future__ import annotations

import fcntl
import functools
import itertools
import os
import shlex
import shutil
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

from pipeline.errors import PipelineError, os_error

SOURCE_LANGUAGE = "de"

SEED_SUFFIXES = (".txt", ".md")
"""File name endings of seed articles; a new article format adds its suffix here."""

UNPORTABLE_NAME_CHARACTERS = frozenset('<>:"\\|?*')
"""Characters Windows cannot store in a file name: an article so named could not be checked out
there. Every other character works: slugs are percent-encoded where they become links."""


def english_language_name(lang: str) -> str:
    """English name of a language code, from babel's locale data; unknown codes are an error.

    Catalog headers use it (``Language-Team``); editions name a language in that language instead.

    >>> english_language_name("fr")
    'French'
    """
    try:
        name = locale_of(lang).get_display_name("en")
    except (UnknownLocaleError, ValueError):
        raise _unknown_language(lang) from None
    if name is None:  # a locale babel parses but cannot name
        raise _unknown_language(lang)
    return name


def _unknown_language(code: str, why: str = "") -> PipelineError:
    return PipelineError(f"unknown language code {code!r}{why} (babel knows e.g. 'fr', 'en', 'de', 'pt_BR')")


MAY_NEST = frozenset({("locales", "seeds"), ("editions", "seeds")})
"""(inner, outer) folders that may nest: the seeds folder is read at its top level only."""


@dataclass(frozen=True, slots=True)
class Project:
    seeds: Path = Path("seeds")
    locales: Path = Path("locales")
    editions: Path = Path("editions")
    langs: tuple[str, ...] = ("fr", "en")
    source_lang: str = SOURCE_LANGUAGE
    root: Path | None = None
    """The folder of the ``pyproject.toml`` whose settings are in force: catalog references
    (``#: seeds/x.txt:12``) are relative to it, so they do not change with the working folder."""
    front_matter_keys: tuple[str, ...] | None = None
    """The front matter keys of Markdown articles whose values are units; None for
    :data:`pipeline.articles.front_matter.DEFAULT_KEYS`."""

    def reference(self, path: Path) -> str:
        """How catalogs name a seed: relative to :attr:`root` when it is set, else as given."""
        if self.root is None:
            return str(path)
        return os.path.relpath(path.absolute(), self.root.absolute())

    def article_paths(self) -> list[Path]:
        """The seed articles, sorted; an empty, missing or unsafe folder is an error.

        Also checks that no catalog folder spells one of the languages differently (see
        :func:`check_language_folders`), as every command that reads articles writes catalogs next.
        """
        self.check_folders_apart()
        if not self.seeds.is_dir():
            what = "is a file, not a folder" if self.seeds.exists() else "no such folder"
            raise PipelineError(f"{what}; put the articles ({seed_patterns()}) there", path=self.seeds)
        paths = seed_paths(self.seeds)
        if not paths:
            raise PipelineError(f"no articles ({seed_patterns()}) in this folder", path=self.seeds)
        check_slugs(paths)
        check_language_folders(self.locales, self.langs)
        return paths

    def check_folders_apart(self) -> None:
        """Refuse folders that are one, or where one is written inside the other: with ``seeds =
        "editions/de"``, ``build`` wrote its editions over the articles. The outputs may lie inside
        the seeds folder, which is read at its top level only (``editions`` run from a subfolder)."""
        folders = {"seeds": self.seeds, "locales": self.locales, "editions": self.editions}
        resolved = {name: path.resolve() for name, path in folders.items()}  # through symlinks too
        for inner, outer in itertools.permutations(folders, 2):
            nested = resolved[inner].is_relative_to(resolved[outer]) and (inner, outer) not in MAY_NEST
            if resolved[inner] == resolved[outer] or nested:
                raise PipelineError(
                    f"the {inner} folder ({folders[inner]}) and the {outer} folder "
                    f"({folders[outer]}) overlap; give each its own folder "
                    f"(--{inner}, --{outer})"
                )

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold ``locales/.pipeline.lock`` while catalogs are written, so that a second run at the
        same time stops with a message instead of interleaving its writes with ours.

        The lock is an ``flock`` on an open file, so it is released when the process dies, even by
        SIGKILL: no stale lock to clean up by hand.
        """
        if self.locales.exists() and not self.locales.is_dir():
            raise PipelineError(
                "is a file, not a folder: cannot create the catalogs folder here (see --locales)", path=self.locales
            )
        try:
            self.locales.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise os_error(error, "cannot create the catalogs folder", self.locales) from None
        path = self.locales / ".pipeline.lock"
        try:
            handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - its own error message; `with` below
        except OSError as error:
            raise os_error(error, "cannot create the lock file", path) from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise PipelineError(
                    f"{holder} is updating these catalogs; wait for it to finish and run again", path=self.locales
                ) from None
            try:
                handle.truncate(0)
                handle.write(f"pipeline run {os.getpid()}")
                handle.flush()
            except OSError as error:
                raise os_error(error, "cannot write the lock file", path) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def template_path(self, slug: str) -> Path:
        return self.locales / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales / lang / "LC_MESSAGES" / f"{slug}.po"


def pipeline_command() -> str:
    """``pipeline`` as the user can type it in the current folder, for advice in messages.

    ``make translate`` runs ``.venv/bin/python -m pipeline`` without activating the environment, so
    a bare ``pipeline`` in advice would be "command not found". The script of this installation is
    named ``pipeline`` when the shell finds it on ``PATH``, else by its path: relative from inside the
    project (``.venv/bin/pipeline``), absolute from elsewhere.
    """
    script = Path(sys.executable).parent / "pipeline"
    if not script.exists():
        return f"{shlex.quote(sys.executable)} -m pipeline"
    found = shutil.which("pipeline")
    if found and Path(found).resolve() == script.resolve():
        return "pipeline"
    relative = os.path.relpath(script.absolute())
    if relative.startswith(".."):
        return shlex.quote(str(script.absolute()))
    return shlex.quote(relative if os.sep in relative else os.path.join(".", relative))


# --- languages -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def locale_of(lang: str) -> Locale:
    """babel's locale for ``lang``, parsed once per process: ``Locale.parse`` reads CLDR data on every
    call, and one build asks for the same few locales for every folder, label and date."""
    return Locale.parse(lang)


NOT_LANGUAGES = frozenset({"und", "root", "c", "posix"})
"""Codes babel reads as a locale that are no language to translate into: ``und`` (undetermined) is
read as ``en_US``, ``C``/``POSIX`` as ``en_US_POSIX``, ``root`` is CLDR's base data."""


def normalise_language(code: str) -> str:
    """One spelling per locale, babel's: ``FR`` → ``fr``, ``pt-br`` → ``pt_BR``; unknown codes are
    an error. Without this, ``fr`` and ``FR`` would get two catalogs of the same language.

    A deprecated code is the language it stands for (``iw`` → ``he``, as ``he``), without the
    territory babel's likely subtags add to it (``he_IL``): else ``iw`` and ``he`` would get two catalogs.

    >>> normalise_language("FR"), normalise_language("pt-br"), normalise_language("zh-hant")
    ('fr', 'pt_BR', 'zh_Hant')
    >>> normalise_language("iw"), normalise_language("iw-IL")
    ('he', 'he_IL')
    """
    spelt = code.strip().replace("-", "_")
    try:
        given = parse_locale(spelt)
        locale = locale_of(spelt)
    except (UnknownLocaleError, ValueError):
        raise _unknown_language(code) from None
    if given[0].lower() in NOT_LANGUAGES or locale.variant == "POSIX":
        raise _unknown_language(code, ": it names no language")
    if given[1] is None and locale.territory is not None:  # a deprecated code (``iw``) read through
        locale = locale_of(
            locale.language
            if locale.script is None  # babel's likely subtags (he_IL)
            else f"{locale.language}_{locale.script}"
        )
    return str(locale)


def same_language(lang: str, other: str) -> bool:
    """Whether two codes name the same language, whatever their territory or script (``de_AT``, ``de``).

    >>> same_language("de_AT", "de"), same_language("fr", "de")
    (True, False)
    """
    return locale_of(lang).language == locale_of(other).language


def target_languages(codes: Iterable[str], *, source: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """The target languages named by ``codes``, normalised, each once, in the order given.

    The source language (in any variant, ``de_AT`` too) is refused: its catalog would translate
    German into German, and ``build --lang de`` already rebuilds the source.
    """
    langs: list[str] = []
    for code in codes:
        lang = normalise_language(code)
        if same_language(lang, source):
            raise PipelineError(
                f"{code!r} is the source language, not a target; the source edition "
                f"is built from the template (build --lang {source})"
            )
        if lang not in langs:
            langs.append(lang)
    return tuple(langs)


def check_language_folders(locales: Path, langs: Iterable[str]) -> None:
    """Refuse a catalog folder that spells a target language differently (``locales/pt-BR`` for
    ``pt_BR``, ``locales/FR`` for ``fr``): writing ``locales/pt_BR`` beside it would start a second,
    empty catalog of the same language and leave the translators' work aside. A ``locales`` that
    is a file is refused here too, so that every command says so instead of finding no catalog."""
    if not locales.is_dir():
        if locales.exists():
            raise PipelineError(
                "is a file, not a folder; --locales (or `locales` in pyproject.toml) names the folder of the catalogs",
                path=locales,
            )
        return
    wanted = set(langs)
    folders = {}
    for folder in sorted(path for path in locales.iterdir() if path.is_dir()):
        try:
            lang = normalise_language(folder.name)
        except PipelineError:
            continue
        if lang in wanted and folder.name != lang:
            raise PipelineError(
                f"catalogs of {lang} are in a folder spelt {folder.name!r}; rename it to "
                f"{lang!r} (the spelling the pipeline uses) and run again",
                path=folder,
            )
        folders[lang] = folder
    for lang in wanted - folders.keys():
        _check_not_set_aside(lang, folders, wanted)


def _check_not_set_aside(lang: str, folders: dict[str, Path], wanted: set[str]) -> None:
    """Refuse a new target (``fr_FR``) whose language has catalogs under another, untargeted code
    (``locales/fr``): it would start empty catalogs and leave the translators' work aside, as a
    changed ``langs`` easily does. Naming both (``fr,fr_CA``) keeps both."""
    for other, folder in folders.items():
        if other not in wanted and same_language(other, lang) and any(folder.glob("LC_MESSAGES/*.po")):
            raise PipelineError(
                f"the catalogs of this language are here, under {other!r}, and {lang!r} "
                f"is not {other!r}: name it {other!r} in --langs (or rename this folder to "
                f"{lang!r}), or name both to translate both",
                path=folder,
            )


# --- seed articles -------------------------------------------------------------------------------


def seed_paths(seeds: Path) -> list[Path]:
    """The articles in ``seeds``, sorted: regular files named ``<slug><suffix>``, editors' leftovers
    skipped, anything else refused (see the module docstring)."""
    entries = _folder_entries(seeds)
    _check_suffix_case(entries)
    articles = [entry for entry in entries if _is_article_name(entry.name)]
    unusual = [entry for entry in articles if not entry.is_file(follow_symlinks=False)]  # the listing says
    if unusual:
        root = seeds.resolve()
        for entry in unusual:
            _check_seed_file(Path(entry.path), root)
    return [Path(entry.path) for entry in articles]


def seed_names(seeds: Path) -> list[Path]:
    """The names in ``seeds`` that are articles, sorted, without looking at what they are (a missing
    folder has none, a file is an error): for telling which catalogs still have their article."""
    return [Path(entry.path) for entry in _folder_entries(seeds) if _is_article_name(entry.name)]


def seed_patterns() -> str:
    """The seed suffixes as messages name them: ``*.txt, *.md``."""
    return ", ".join("*" + suffix for suffix in SEED_SUFFIXES)


def _folder_entries(seeds: Path) -> list[os.DirEntry]:
    """Everything in ``seeds``, sorted by name, listed once for every check (``os.scandir``: the
    listing tells a plain file from anything else without a ``stat`` per entry); none for a missing
    folder."""
    if not seeds.is_dir():
        if seeds.exists():
            raise PipelineError(f"is a file, not a folder; put the articles ({seed_patterns()}) there", path=seeds)
        return []
    try:
        with os.scandir(seeds) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        raise os_error(error, "cannot list the articles", seeds) from None


def _is_article_name(name: str) -> bool:
    return os.path.splitext(name)[1] in SEED_SUFFIXES and not is_editor_leftover(name)


def printable(path: Path) -> str:
    r"""``path`` with its control characters escaped, so that a message naming it stays one line.

    >>> print(printable(Path("seeds/a\x01b.txt")))
    seeds/a\x01b.txt
    """
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in str(path))


def _check_suffix_case(entries: Iterable[os.DirEntry]) -> None:
    """Refuse ``slug.TXT`` (as some Windows and macOS tools save it): not an article by its suffix, it
    would be left out of every run without a word, and its translation never made."""
    for entry in entries:
        suffix = os.path.splitext(entry.name)[1]
        if suffix not in SEED_SUFFIXES and suffix.lower() in SEED_SUFFIXES and not is_editor_leftover(entry.name):
            path = Path(entry.path)
            raise PipelineError(
                f"article suffixes are written in lower case: rename it to {path.stem + path.suffix.lower()!r}",
                path=path,
            )


def is_editor_leftover(name: str) -> bool:
    """Hidden files, Emacs lock (``.#x``) and autosave (``#x#``) files, backups (``x~``), Vim swap
    files (``.x.swp``).

    >>> [is_editor_leftover(name) for name in (".#a.txt", "#a.txt#", "a.txt~", ".a.txt.swp", "a.txt")]
    [True, True, True, True, False]
    """
    return name.startswith((".", "#")) or name.endswith("~")


def _check_seed_file(path: Path, root: Path) -> None:
    """A seed must be a regular file inside the seeds folder (through symlinks too)."""
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except FileNotFoundError:
        raise PipelineError("a symbolic link to a missing file; fix or delete it", path=path) from None
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        raise PipelineError(
            f"cannot read the article ({getattr(error, 'strerror', None) or error})", path=path
        ) from None
    if not target.is_relative_to(root):
        raise PipelineError(
            f"a symbolic link leading outside the seeds folder ({target}); copy the article into the folder instead",
            path=path,
        )
    if not stat.S_ISREG(mode):
        raise PipelineError(f"not an article: {file_kind(mode)}, not a regular file", path=path)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words, from its ``st_mode``."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def check_slugs(paths: list[Path]) -> None:
    """Two seeds whose names differ only in case or Unicode normalisation would share catalogs on
    case-insensitive file systems (macOS, Windows): refuse them rather than mix their translations."""
    seen: dict[str, Path] = {}
    for path in paths:
        if any(character in "\n\r" or unicodedata.category(character) == "Cc" for character in path.stem):
            raise PipelineError(
                "article names must not contain line breaks or other control characters "
                "(they break the catalogs' references and every listing); rename the article",
                path=printable(path),
            )
        if any(character.isspace() for character in path.stem):
            raise PipelineError(
                "article names must not contain spaces (gettext references split at them); use hyphens", path=path
            )
        if path.stem.startswith("-"):
            raise PipelineError(
                "article names must not start with '-' (msgfmt, git and the shell would "
                "read its catalogs' names as options); rename the article",
                path=path,
            )
        unportable = sorted(UNPORTABLE_NAME_CHARACTERS.intersection(path.stem))
        if unportable:
            raise PipelineError(
                f"article names must not contain {' '.join(unportable)} (Windows cannot "
                "store such a file name); use letters, digits and hyphens",
                path=path,
            )
        normalised = unicodedata.normalize("NFC", path.stem).casefold()
        if normalised in seen and seen[normalised].stem == path.stem:
            raise PipelineError(
                f"{seen[normalised].name!r} is the same article ({path.stem!r}) in another "
                "format: their catalogs would be one; keep one of the two",
                path=path,
            )
        if normalised in seen:
            raise PipelineError(
                f"article name collides with {seen[normalised].name!r} "
                "(names must differ by more than case or accents' encoding)",
                path=path,
            )
        seen[normalised] = path
