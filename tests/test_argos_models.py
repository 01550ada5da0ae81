"""The random-weight package builder, driven through argostranslate and CTranslate2 as the pipeline is."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import ctranslate2
import pytest
from argostranslate import package as argos_package
from argostranslate import settings as argos_settings

from tests.argos_models import (
    SEED_ARTICLE,
    argos_packages_dir,
    build_argos_package,
    default_training_text,
    package_name,
    sentencepiece_pieces,
)

SENTENCES = [s for s in re.split(r"(?<=[.!?])\s+", SEED_ARTICLE.read_text(encoding="utf-8")) if s.strip()][:6]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_argos_package(
        tmp_path_factory.mktemp("build"), from_code="de", to_code="en", training_text=default_training_text()
    )


@pytest.fixture(scope="module")
def fixed_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_argos_package(
        tmp_path_factory.mktemp("build-fixed"),
        from_code="de",
        to_code="en",
        training_text=default_training_text(),
        fixed_output_length=8,
    )


@pytest.fixture
def packages_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """argostranslate reads ARGOS_PACKAGES_DIR once, at import; patch what it computed from it."""
    packages = tmp_path / "packages"
    packages.mkdir()
    monkeypatch.setattr(argos_settings, "package_data_dir", packages)
    monkeypatch.setattr(argos_settings, "package_dirs", [packages])
    return packages


def install(archive: Path) -> argos_package.Package:
    argos_package.install_from_path(archive)
    (installed,) = argos_package.get_installed_packages()
    return installed


def translate(pkg: argos_package.Package, sentences: list[str], **options) -> list[list[str]]:
    translator = ctranslate2.Translator(str(pkg.package_path / "model"), device="cpu", inter_threads=1, intra_threads=1)
    batch = [pkg.tokenizer.encode(sentence) for sentence in sentences]
    results = translator.translate_batch(batch, **options)
    return [result.hypotheses[0] for result in results]


def test_archive_holds_one_package_directory(archive: Path) -> None:
    name = package_name("de", "en", "1.0")
    assert archive.name == f"{name}.argosmodel"
    with zipfile.ZipFile(archive) as zipf:
        assert sorted(zipf.namelist()) == [
            f"{name}/metadata.json",
            f"{name}/model/config.json",
            f"{name}/model/model.bin",
            f"{name}/model/shared_vocabulary.json",
            f"{name}/sentencepiece.model",
        ]
        metadata = json.loads(zipf.read(f"{name}/metadata.json"))
        vocabulary = json.loads(zipf.read(f"{name}/model/shared_vocabulary.json"))
        pieces = sentencepiece_pieces(zipf.read(f"{name}/sentencepiece.model"))
    assert metadata["from_name"] == "German" and metadata["to_name"] == "English"
    assert metadata["type"] == "translate"
    assert vocabulary == pieces


def test_build_is_deterministic(tmp_path: Path) -> None:
    def build(name: str, seed: int) -> bytes:
        return build_argos_package(
            tmp_path / name, from_code="de", to_code="fr", training_text=default_training_text(), seed=seed
        ).read_bytes()

    assert build("a", seed=0) == build("b", seed=0)
    assert build("a", seed=0) != build("c", seed=1)


def test_ct2_vocab_size_pads_the_model_vocabulary_only(tmp_path: Path, packages_dir: Path) -> None:
    archive = build_argos_package(
        tmp_path, from_code="de", to_code="en", training_text=default_training_text(), ct2_vocab_size=1000
    )
    pkg = install(archive)
    vocabulary = json.loads((pkg.package_path / "model" / "shared_vocabulary.json").read_text())
    assert len(vocabulary) == 1000 and len(set(vocabulary)) == 1000
    outputs = translate(pkg, SENTENCES, max_decoding_length=16)
    assert not any(token.startswith("▁tok") for tokens in outputs for token in tokens)


def test_installed_package_is_listed(archive: Path, packages_dir: Path) -> None:
    pkg = install(archive)
    assert pkg.package_path == packages_dir / package_name("de", "en", "1.0")
    assert (pkg.from_code, pkg.to_code, pkg.type) == ("de", "en", "translate")
    assert str(pkg) == "German → English"


def test_argos_packages_dir_redirects_then_restores_settings(archive: Path, tmp_path: Path) -> None:
    before = argos_settings.package_data_dir, argos_settings.package_dirs
    with argos_packages_dir(tmp_path / "packages") as packages:
        assert install(archive).package_path.parent == packages
    assert (argos_settings.package_data_dir, argos_settings.package_dirs) == before


def test_listing_fails_on_a_directory_without_metadata(archive: Path, packages_dir: Path) -> None:
    install(archive)
    (packages_dir / "half-extracted").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no metadata\.json"):
        argos_package.get_installed_packages()


def test_translate_batch_gives_one_deterministic_string_per_input(archive: Path, packages_dir: Path) -> None:
    pkg = install(archive)
    options = {"beam_size": 2, "max_decoding_length": 24, "length_penalty": 0.2, "replace_unknowns": True}
    first = translate(pkg, SENTENCES, **options)
    again = translate(pkg, SENTENCES, **options)
    texts = [pkg.tokenizer.decode(tokens) for tokens in first]
    assert len(texts) == len(SENTENCES) and all(isinstance(text, str) for text in texts)
    assert all(len(tokens) <= 24 for tokens in first)
    assert again == first


def test_fixed_output_length_ends_every_hypothesis(fixed_archive: Path, packages_dir: Path) -> None:
    pkg = install(fixed_archive)
    for beam_size in (1, 4):
        sources = [*SENTENCES, "x", "€ ™ 😀"]
        outputs = translate(pkg, sources, beam_size=beam_size, max_decoding_length=64)
        assert [len(tokens) for tokens in outputs] == [8] * len(sources)


def test_empty_source_gives_an_empty_hypothesis(fixed_archive: Path, packages_dir: Path) -> None:
    """CTranslate2 does not decode an empty source at all, whatever the model would emit."""
    pkg = install(fixed_archive)
    outputs = translate(pkg, ["", SENTENCES[0]], max_decoding_length=64)
    assert [len(tokens) for tokens in outputs] == [0, 8]
