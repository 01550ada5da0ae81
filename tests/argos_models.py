"""Real-format Argos Translate packages with random weights, built in-process for tests and benchmarks.

A package is what ``argostranslate.package.install_from_path`` accepts: a zip archive of one directory
holding ``metadata.json``, ``sentencepiece.model`` (one model for both sides, as real Argos packages
ship) and ``model/``, a CTranslate2 Transformer directory (``model.bin``, ``config.json``,
``shared_vocabulary.json``).  Loading and decoding go through the same code as a downloaded package:
``Package(path).tokenizer`` → ``ctranslate2.Translator(path / "model")`` → ``translate_batch``.

The weights are random, so the wording of a translation means nothing; only the mechanics do.  Two
properties matter to callers:

* Without ``fixed_output_length`` the model reads its input through cross-attention, so output depends
  on input and is deterministic for a given input, package and decoding options.  It rarely chooses
  ``</s>``, so most sentences decode up to ``max_decoding_length``: pass one.
* With ``fixed_output_length=N`` every hypothesis has exactly ``N`` tokens whatever the input (see
  :func:`_force_fixed_length`), which gives benchmarks a known amount of decoding work per sentence.

Benchmarks that want a realistic output layer pass ``ct2_vocab_size`` (e.g. 32000): the CTranslate2
vocabulary is the SentencePiece pieces followed by filler pieces ``▁tok<i>``.  The tokenizer never
produces a filler, and although the output layer scores every one of them, a bias keeps them (and
``<unk>``, ``<s>``) out of every hypothesis, so output always decodes to training-text pieces.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import babel
import ctranslate2
import numpy as np
import sentencepiece as spm

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO_ROOT / "seeds" / "vallee-de-la-batterie.txt"

FILLER_TEXT = """\
A cold wind blows over the flat plains near Dunkirk, and container ships pass slowly by.
The battery valley is a project that sounds like a marketing term but has become a solid reality.
Only a few years ago the regional car industry was in a gloomy mood after the diesel crisis.
Today the factory employs more than a thousand people, and many more work for its suppliers.
Investments of around 1.5 billion euros are not figures that anyone can simply brush aside.
Un vent froid souffle sur les plaines autour de Dunkerque, et les porte-conteneurs passent lentement.
La vallée de la batterie est un projet qui sonne comme un slogan mais qui est devenu bien réel.
Il y a quelques années encore, l'industrie automobile régionale traversait une période difficile.
Aujourd'hui l'usine emploie plus de mille personnes, et bien davantage chez ses fournisseurs.
Des investissements d'environ 1,5 milliard d'euros : des chiffres qu'on ne balaie pas d'un revers de main.
"""
"""English and French sentences, so that target-side pieces of the shared vocabulary decode to words."""

SPECIAL_PIECES = ("<unk>", "<s>", "</s>")
"""SentencePiece ids 0, 1, 2 and CTranslate2's default ``unk``/``bos``/``eos`` tokens alike."""

_EOS_ID = 2
_ARCHIVE_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so equal inputs give byte-identical archives


def default_training_text() -> str:
    """The seed article plus :data:`FILLER_TEXT`: the text the test packages train SentencePiece on."""
    return SEED_ARTICLE.read_text(encoding="utf-8") + "\n" + FILLER_TEXT


def package_name(from_code: str, to_code: str, package_version: str = "1.0") -> str:
    """``translate-de_en-1_0``: the archive's stem and the directory it installs as (argospm style)."""
    return f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}"


def build_argos_package(
    dest_dir: Path,
    *,
    from_code: str,
    to_code: str,
    training_text: str,
    vocab_size: int = 400,
    layers: int = 2,
    d_model: int = 64,
    heads: int = 4,
    ffn: int = 128,
    ct2_vocab_size: int | None = None,
    fixed_output_length: int | None = None,
    package_version: str = "1.0",
    seed: int = 0,
    quantization: str | None = "int8",
) -> Path:
    """Build ``<dest_dir>/translate-<from>_<to>-<version>.argosmodel`` and return its path.

    ``vocab_size`` is a ceiling for SentencePiece (small texts yield fewer pieces); ``ct2_vocab_size``
    pads the model's vocabulary with filler pieces up to that size.  ``quantization`` is the
    CTranslate2 weight type; ``"int8"`` is what published Argos packages use.  Equal arguments give a
    byte-identical archive.
    """
    if d_model % heads:
        raise ValueError(f"d_model={d_model} is not divisible by heads={heads}")
    if fixed_output_length is not None and fixed_output_length < 1:
        raise ValueError(f"fixed_output_length must be at least 1, not {fixed_output_length}")
    sp_model = train_sentencepiece(training_text, vocab_size=vocab_size)
    pieces = sentencepiece_pieces(sp_model)
    vocabulary = pad_vocabulary(pieces, ct2_vocab_size)
    spec = random_transformer_spec(len(vocabulary), layers=layers, d_model=d_model, heads=heads, ffn=ffn, seed=seed)
    # Keep <unk>, <s> and the fillers out of the output, so it decodes to the training text's pieces;
    # their logits are still computed, so the output layer costs what a real vocabulary costs.
    spec.decoder.projection.bias[[0, 1, *range(len(pieces), len(vocabulary))]] = -1e4
    if fixed_output_length is not None:
        _force_fixed_length(spec, fixed_output_length)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)

    name = package_name(from_code, to_code, package_version)
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    archive = dest_dir / f"{name}.argosmodel"
    metadata = package_metadata(from_code, to_code, package_version)
    with tempfile.TemporaryDirectory(prefix="argos-model-") as model_dir:
        spec.save(model_dir)
        files = {
            "metadata.json": json.dumps(metadata, indent=2).encode(),
            "sentencepiece.model": sp_model,
            **{f"model/{path.name}": path.read_bytes() for path in sorted(Path(model_dir).iterdir())},
        }
    _write_archive(archive, name, files)
    return archive


def train_sentencepiece(text: str, *, vocab_size: int) -> bytes:
    """Train a unigram SentencePiece model on the non-blank lines of ``text``; return it serialized.

    ``hard_vocab_limit=False`` lets a short text yield fewer pieces than asked for instead of failing.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def sentencepiece_pieces(sp_model: bytes) -> list[str]:
    """The pieces of a serialized SentencePiece model in id order; ids 0-2 must be the specials."""
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if tuple(pieces[:3]) != SPECIAL_PIECES:
        raise ValueError(f"SentencePiece ids 0-2 are {pieces[:3]}, expected {list(SPECIAL_PIECES)}")
    return pieces


def pad_vocabulary(pieces: list[str], size: int | None) -> list[str]:
    """``pieces`` followed by ``▁tok<i>`` fillers (none of them a piece) up to ``size`` tokens.

    >>> pad_vocabulary(["<unk>", "<s>", "</s>", "▁tok0"], 6)
    ['<unk>', '<s>', '</s>', '▁tok0', '▁tok1', '▁tok2']
    """
    size = size or len(pieces)
    if size < len(pieces):
        raise ValueError(f"ct2_vocab_size={size} is smaller than the {len(pieces)} SentencePiece pieces")
    known = set(pieces)
    fillers = (f"▁tok{i}" for i in range(2 * size))
    return pieces + [piece for piece in fillers if piece not in known][: size - len(pieces)]


def package_metadata(from_code: str, to_code: str, package_version: str) -> dict[str, object]:
    return {
        "package_version": package_version,
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": babel.Locale.parse(from_code).get_display_name("en"),
        "to_code": to_code,
        "to_name": babel.Locale.parse(to_code).get_display_name("en"),
        "type": "translate",
        "links": [],
    }


def random_transformer_spec(
    vocab: int, *, layers: int, d_model: int, heads: int, ffn: int, seed: int
) -> ctranslate2.specs.TransformerSpec:
    """A pre-norm Transformer with small random weights, one embedding matrix shared by both sides.

    Weights have variance 1/fan_in, so activations stay near unit scale; layer norms start as identity.
    """
    rng = np.random.default_rng(seed)

    def uniform(rows: int, cols: int) -> np.ndarray:
        # Uniform on ±sqrt(3/cols): variance 1/cols, and half the cost of normal draws at benchmark size.
        weights = rng.random((rows, cols), dtype=np.float32)
        weights -= np.float32(0.5)
        weights *= np.float32(2 * math.sqrt(3 / cols))
        return weights

    def linear(spec, rows: int, cols: int) -> None:
        spec.weight = uniform(rows, cols)

    def norm(spec) -> None:
        spec.gamma = np.ones(d_model, dtype=np.float32)
        spec.beta = np.zeros(d_model, dtype=np.float32)

    spec = ctranslate2.specs.TransformerSpec.from_config((layers, layers), heads)
    embeddings = uniform(vocab, d_model)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    for stack in (spec.encoder, spec.decoder):
        norm(stack.layer_norm)
        for layer in stack.layer:
            norm(layer.self_attention.layer_norm)
            linear(layer.self_attention.linear[0], 3 * d_model, d_model)  # fused q, k, v
            linear(layer.self_attention.linear[1], d_model, d_model)
            norm(layer.ffn.layer_norm)
            linear(layer.ffn.linear_0, ffn, d_model)
            linear(layer.ffn.linear_1, d_model, ffn)
    for layer in spec.decoder.layer:
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d_model, d_model)  # queries
        linear(layer.attention.linear[1], 2 * d_model, d_model)  # fused keys, values of the memory
        linear(layer.attention.linear[2], d_model, d_model)
    linear(spec.decoder.projection, vocab, d_model)
    spec.decoder.projection.bias = np.zeros(vocab, dtype=np.float32)
    return spec


def _force_fixed_length(spec: ctranslate2.specs.TransformerSpec, length: int) -> None:
    """Make the decoder emit ``</s>`` after exactly ``length`` tokens, whatever the input.

    * Zero cross-attention output: the decoder never sees the encoder (which still runs, so the
      encoding cost stays realistic).
    * The last model dimension becomes a clock.  No embedding and no residual branch writes to it;
      learned decoder position encodings set it to 0 before decoder position ``length`` and to a large
      value from there on (position 0 holds ``<s>``, position ``i`` the ``i``-th output token).
    * The large value dominates the final layer norm's variance, so after normalisation the clock
      dimension is about sqrt(d_model) and every other dimension is near 0.  The ``</s>`` row of the
      projection reads only the clock, with a negative bias that keeps ``</s>`` last before the switch.
    """
    decoder = spec.decoder
    d_model = decoder.embeddings.weight.shape[1]
    clock = d_model - 1
    decoder.embeddings.weight[:, clock] = 0.0  # shared with the encoder, where it is harmless
    for layer in decoder.layer:
        layer.attention.linear[2].weight = np.zeros((d_model, d_model), dtype=np.float32)
        layer.self_attention.linear[1].weight[clock] = 0.0
        layer.ffn.linear_1.weight[clock] = 0.0

    positions = max(1024, 2 * length)  # rows past ``length`` are never reached
    encodings = _sinusoids(positions, d_model)
    encodings[:, clock] = 0.0
    encodings[length:, clock] = 100.0 * math.sqrt(d_model)
    decoder.position_encodings.encodings = encodings

    projection = decoder.projection
    projection.weight[_EOS_ID] = 0.0
    projection.weight[_EOS_ID, clock] = 10.0
    projection.bias[_EOS_ID] = -30.0


def _sinusoids(positions: int, depth: int) -> np.ndarray:
    """The Transformer position table: sines in the first half of each row, cosines in the second."""
    half = depth // 2
    timescales = np.exp(np.arange(half, dtype=np.float64) * -(math.log(10000.0) / max(half - 1, 1)))
    angles = np.arange(positions, dtype=np.float64)[:, None] * timescales[None, :]
    table = np.zeros((positions, depth), dtype=np.float32)
    table[:, :half] = np.sin(angles)
    table[:, half : 2 * half] = np.cos(angles)
    return table


def _write_archive(archive: Path, name: str, files: dict[str, bytes]) -> None:
    """Zip ``files`` under the top directory ``name``, with fixed dates so equal inputs give equal bytes."""
    with zipfile.ZipFile(archive, "w") as zipf:
        for path, data in files.items():
            info = zipfile.ZipInfo(f"{name}/{path}", date_time=_ARCHIVE_DATE)
            # Random int8 weights do not compress; deflating 80 MB of them would cost seconds.
            info.compress_type = zipfile.ZIP_STORED if path == "model/model.bin" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zipf.writestr(info, data)


@contextlib.contextmanager
def argos_packages_dir(packages_dir: Path) -> Iterator[Path]:
    """Point argostranslate's install and listing at ``packages_dir`` for the duration of the block.

    ``argostranslate.settings`` computes both from ``ARGOS_PACKAGES_DIR`` once, at import, so setting the
    variable later has no effect: ``install_from_path`` extracts into ``settings.package_data_dir`` and
    ``get_installed_packages()`` scans the list ``settings.package_dirs``.  Tests can do the same with
    ``monkeypatch.setattr``.
    """
    from argostranslate import settings

    saved = settings.package_data_dir, settings.package_dirs
    packages_dir = Path(packages_dir)
    packages_dir.mkdir(parents=True, exist_ok=True)
    settings.package_data_dir, settings.package_dirs = packages_dir, [packages_dir]
    try:
        yield packages_dir
    finally:
        settings.package_data_dir, settings.package_dirs = saved
