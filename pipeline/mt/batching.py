"""Sentences to CTranslate2 batches and back: the one path every engine shares.

Local (:class:`pipeline.mt.engines.ArgosTranslator`) and cluster (:mod:`pipeline.mt.cluster`) engines
encode, cut and decode with these functions, so the same sentences and settings give the same batches
and the same calls to ``translate_batch``. That matters beyond speed: on CPU, CTranslate2 pads the
inputs of a batch to its longest, and padding can tip a near tie between two hypotheses, so a
sentence translated in another batch may come out differently.

Steps: :func:`encode` (tokenise; over-long inputs in parts), :func:`plan_batches` (by length, evenly),
:func:`start_batch` / :func:`best_hypothesis` (one ``translate_batch`` call and its hypotheses), then
:func:`in_part_order`, :func:`join` and :func:`detokenize` back to one text per sentence, and
:func:`sentence_log_probs` to the score of each sentence (:mod:`pipeline.po.confidence`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

DECODING_LENGTH_FACTOR = 2
DECODING_LENGTH_FLOOR = 32
"""Output limit: ``max(FLOOR, FACTOR * input tokens)``. A model that never emits ``</s>`` (a broken
or random one) or loops on a phrase stops there instead of at CTranslate2's 256 tokens."""
LENGTH_PENALTY = 0.2
"""Argos's own: beam search ranks hypotheses by ``sum of log-probabilities / length ** 0.2``."""
END_TOKEN = "</s>"
"""The end token of Argos's models, returned (``return_end_token``) so that the length CTranslate2
divided a score by is known: it counts the end token when the model produced one."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Decoding:
    """What ``translate_batch`` is told, besides the tokens."""

    beam_size: int
    max_batch_size: int
    target_prefix: str = ""
    """A first output token some multilingual packages force (metadata ``target_prefix``)."""


@dataclass(frozen=True, slots=True)
class Encoded:
    """Sentences as token lists; a sentence over the input limit becomes several parts."""

    parts: list[list[str]]
    owners: list[int]
    """``owners[i]`` is the index of the sentence ``parts[i]`` belongs to."""
    split: list[tuple[int, int, int]]
    """(sentence index, tokens, parts) for every sentence cut in parts."""


def encode(tokenizer: Any, sentences: Sequence[str], *, limit: int) -> Encoded:
    parts: list[list[str]] = []
    owners: list[int] = []
    split: list[tuple[int, int, int]] = []
    for index, sentence in enumerate(sentences):
        tokens = list(tokenizer.encode(sentence))
        pieces = split_tokens(tokens, limit)
        if len(pieces) > 1:
            split.append((index, len(tokens), len(pieces)))
        parts += pieces
        owners += [index] * len(pieces)
    return Encoded(parts, owners, split)


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """The best hypothesis for one input: its tokens and how probable the model found them."""

    tokens: list[str]
    """Output tokens, without the forced target prefix and the end token."""
    log_prob: float
    """Sum of the log-probabilities of the tokens the model chose (the end token included, the
    forced prefix not): CTranslate2's score times the length it was divided by."""
    scored_tokens: int
    """How many tokens :attr:`log_prob` adds up."""


def plan_batches(parts: Sequence[Sequence[str]], *, max_batch_size: int, workers: int) -> list[list[int]]:
    """Indices of ``parts`` grouped into batches: non-empty parts sorted by length (less padding),
    cut evenly into a multiple of ``workers`` batches of at most ``max_batch_size``."""
    order = sorted((i for i in range(len(parts)) if parts[i]), key=lambda i: len(parts[i]))
    return balanced_batches(order, max_batch_size, workers)


def start_batch(translator: Any, batch: list[list[str]], decoding: Decoding) -> list[Any]:
    """Queue one batch on a ``ctranslate2.Translator``; returns its asynchronous results, in order."""
    prefix = [decoding.target_prefix] if decoding.target_prefix else []
    longest = max(len(tokens) for tokens in batch)
    return translator.translate_batch(
        batch,
        target_prefix=[prefix] * len(batch) if prefix else None,
        beam_size=decoding.beam_size,
        max_batch_size=decoding.max_batch_size,
        batch_type="examples",
        max_decoding_length=len(prefix) + decoding_limit(longest),
        replace_unknowns=True,
        length_penalty=LENGTH_PENALTY,
        return_scores=True,
        return_end_token=True,
        asynchronous=True,
    )


def best_hypothesis(result: Any, decoding: Decoding) -> Hypothesis:
    """The best hypothesis of one asynchronous result, without the forced target prefix and the end
    token, with its log-probability.

    CTranslate2 divides the summed log-probabilities by ``length ** length_penalty``, the length
    counting the prefix and the end token, while the sum leaves the forced prefix out (checked
    against ``score_batch``); the sum is recovered from that, whatever the penalty.
    """
    answer = result.result()
    tokens = list(answer.hypotheses[0])
    length = len(tokens)
    log_prob = answer.scores[0] * length**LENGTH_PENALTY
    if tokens[-1:] == [END_TOKEN]:
        tokens = tokens[:-1]
    scored = length
    if decoding.target_prefix and tokens[:1] == [decoding.target_prefix]:
        tokens, scored = tokens[1:], length - 1
    return Hypothesis(tokens, log_prob, scored)


def translate_batch(translator: Any, batch: list[list[str]], decoding: Decoding) -> list[Hypothesis]:
    """One batch, waited for: its best hypotheses in input order."""
    return [best_hypothesis(result, decoding) for result in start_batch(translator, batch, decoding)]


def in_part_order(groups: Sequence[Sequence[int]], batch_outputs: Iterable[Sequence[T]], count: int) -> list[T | None]:
    """The outputs of every batch put back in the order of the ``count`` parts (``groups[i]``: the
    parts batch ``i`` translated, as :func:`plan_batches` cut them); None for a part no batch held.

    >>> in_part_order([[2, 0]], [[["c"], ["a"]]], 3)
    [['a'], None, ['c']]
    """
    outputs: list[T | None] = [None] * count
    for group, tokens in zip(groups, batch_outputs, strict=True):
        for index, output in zip(group, tokens, strict=True):
            outputs[index] = output
    return outputs


def join(
    tokenizer: Any, encoded: Encoded, outputs: Sequence[list[str] | None], count: int, target_prefix: str = ""
) -> list[str]:
    """One text per sentence from the output tokens of every part (None: a part that was empty)."""
    joined: list[list[str]] = [[] for _ in range(count)]
    for owner, tokens in zip(encoded.owners, outputs, strict=True):
        joined[owner].append("" if tokens is None else detokenize(tokenizer, tokens, target_prefix))
    return [" ".join(text for text in texts if text) for texts in joined]


def sentence_log_probs(encoded: Encoded, outputs: Sequence[Hypothesis | None], count: int) -> list[tuple[float, int]]:
    """(summed log-probability, tokens scored) of each of ``count`` sentences: the sums of its parts
    (a sentence translated in parts is scored as one), (0.0, 0) for a sentence with nothing decoded.

    >>> encoded = Encoded(parts=[["a"], ["b"], []], owners=[0, 0, 1], split=[])
    >>> sentence_log_probs(encoded, [Hypothesis(["x"], -1.0, 2), Hypothesis(["y"], -0.5, 3), None], 2)
    [(-1.5, 5), (0.0, 0)]
    """
    totals = [(0.0, 0)] * count
    for owner, output in zip(encoded.owners, outputs, strict=True):
        if output is not None:
            log_prob, tokens = totals[owner]
            totals[owner] = (log_prob + output.log_prob, tokens + output.scored_tokens)
    return totals


def balanced_batches(items: list[int], largest: int, workers: int) -> list[list[int]]:
    """Cut ``items`` into batches of at most ``largest``, as even as possible, and a multiple of
    ``workers`` of them where there are enough items: cutting 72 sentences into 32 + 32 + 8 leaves one
    of two workers idle while the other finishes; 4 x 18 keeps both busy to the end.

    >>> [len(batch) for batch in balanced_batches(list(range(72)), 32, 2)]
    [18, 18, 18, 18]
    >>> [len(batch) for batch in balanced_batches(list(range(10)), 4, 2)]
    [3, 3, 2, 2]
    >>> [len(batch) for batch in balanced_batches(list(range(3)), 32, 2)]
    [2, 1]
    """
    if not items:
        return []
    count = -(-len(items) // largest)
    count = min(len(items), -(-count // workers) * workers)
    size, extra = divmod(len(items), count)
    batches, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        batches.append(items[start:end])
        start = end
    return batches


def decoding_limit(input_tokens: int) -> int:
    """
    >>> decoding_limit(5), decoding_limit(40)
    (32, 80)
    """
    return max(DECODING_LENGTH_FLOOR, DECODING_LENGTH_FACTOR * input_tokens)


def split_tokens(tokens: list[str], limit: int) -> list[list[str]]:
    """Cut a token list into parts of at most ``limit`` tokens, at word starts where possible.

    >>> split_tokens(["▁a", "b", "▁c", "d", "▁e"], 3)
    [['▁a', 'b'], ['▁c', 'd', '▁e']]
    >>> split_tokens(["a@@", "b", "c@@", "d"], 3)
    [['a@@', 'b'], ['c@@', 'd']]
    """
    if len(tokens) <= limit:
        return [tokens]
    # SentencePiece marks a word start with "▁"; BPE marks a word that goes on with "@@".
    if any(token.startswith("▁") for token in tokens):
        starts_word = lambda i: tokens[i].startswith("▁")  # noqa: E731
    else:
        starts_word = lambda i: not tokens[i - 1].endswith("@@")  # noqa: E731
    parts, start = [], 0
    while len(tokens) - start > limit:
        cut = next((i for i in range(start + limit, start + limit // 2, -1) if starts_word(i)), start + limit)
        parts.append(tokens[start:cut])
        start = cut
    return [*parts, tokens[start:]]


def detokenize(tokenizer: Any, tokens: list[str], target_prefix: str = "") -> str:
    """Text from output tokens, trimmed.

    Argos's SentencePiece ``decode`` turns every ``_`` into a space; the processor's own
    ``decode_pieces`` does not (pieces it does not know keep their ``▁``, replaced here).
    """
    processor = getattr(tokenizer, "lazy_processor", None)
    text = processor().decode_pieces(tokens).replace("▁", " ") if processor is not None else tokenizer.decode(tokens)
    text = re.sub(" {2,}", " ", text).strip()
    if target_prefix and text.startswith(target_prefix):
        text = text[len(target_prefix) :].strip()
    return text


def split_warnings(pair: object, sentences: Sequence[str], encoded: Encoded, limit: int) -> list[str]:
    """One warning per sentence that was translated in parts."""
    return [
        f"{pair}: a sentence of {tokens} tokens was translated in {parts} parts (models take {limit}): "
        f"{sentences[index][:60]}…"
        for index, tokens, parts in encoded.split
    ]
