"""Coverage-guided fuzzing of one reader with atheris (libFuzzer), when atheris is installed.

    python -m tests.fuzz.atheris_main READER RUNS SECONDS   (run by benchmarks/fuzz.py --atheris)

storyweave and the pure-Python parsers it reads with are instrumented for coverage before they
are imported; a crash, a broken contract or a hang past the time limit stops the run with the
input that caused it, as libFuzzer does.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(
    include=["storyweave", "warcio", "feedparser", "defusedxml", "charset_normalizer"]
):
    from tests.fuzz.harness import guard_network, read_file, read_stdin, time_limit

#: Byte-reading targets and the file extension their input is saved under.
EXTENSIONS = {
    "text": ".txt",
    "html": ".html",
    "jsonl": ".jsonl",
    "json": ".json",
    "csv": ".csv",
    "tsv": ".tsv",
    "feed": ".xml",
    "warc": ".warc",
    "stdin": "",
}


def main() -> None:
    name, runs, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    extension = EXTENSIONS[name]

    def one_input(data: bytes) -> None:
        with guard_network(), time_limit(seconds):
            if name == "stdin":
                read_stdin(data)
            else:
                read_file(data, "fuzz" + extension)

    atheris.Setup([sys.argv[0], f"-runs={runs}", f"-timeout={int(3 * seconds) + 1}"], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
