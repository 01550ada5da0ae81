"""A third-party engine for the tests: one module and one entry point, nothing in ``pipeline/``.

It "translates" by upper-casing each sentence and tagging it with the target language, knows every
pair, and needs nothing installed.
"""

import contextlib


class EchoEngine:
    name = "Echo"

    def __init__(self, pairs):
        self.pairs = list(pairs)
        self.warnings = []

    def label(self, pair):
        return f"{pair} 0.1"

    def translate(self, pair, sentences):
        return [f"{sentence.upper()} [{pair.target}]" for sentence in sentences]


class EchoProvider:
    name = "echo"

    def __init__(self, settings):
        self.settings = settings

    def available_pairs(self):
        from pipeline.mt.routes import Pair

        return {Pair(source, target) for source in ("de", "en") for target in ("de", "en", "fr") if source != target}

    def missing_message(self, routes):
        return "echo translates every pair"

    @contextlib.contextmanager
    def open(self):
        yield EchoEngine
