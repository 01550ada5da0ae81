"""Share of ``.po`` files that the pipeline reads and writes back byte for byte as ``msgcat`` writes them.

For every ``*.po``/``*.pot`` under the given folders (default: the test corpus, tests/data/po_corpus):
files that ``msgcat`` refuses or that are not UTF-8 are left out (gettext does not accept them, or the
pipeline reads UTF-8 only); the others are read with the pipeline's reader and written with its writer,
and the result is compared with ``msgcat FILE``. Prints the counts, the byte-identical share of the
files the reader accepts, and the first lines that differ for each mismatch with ``--show N``.
Exits 1 if the reader crashed (anything but a one-line ``path:line`` error) on any file.

    .venv/bin/python bench/bench_po_fidelity.py [FOLDER ...] [--show 10] [--quick]
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.errors import CatalogError  # noqa: E402
from pipeline.po.catalogs import read_view  # noqa: E402
from pipeline.po.format import format_catalog  # noqa: E402

GETTEXT_ENV = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def msgcat(path: Path) -> bytes | None:
    """What ``msgcat`` writes for ``path``, or None where gettext refuses the file."""
    result = subprocess.run(["msgcat", str(path)], capture_output=True, env=GETTEXT_ENV, check=False)
    return result.stdout if result.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[REPO_ROOT / "tests/data/po_corpus"])
    parser.add_argument("--show", type=int, default=0, help="print the first differing lines of N mismatches")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="the test corpus only (the default already): checks that the bench runs (the test suite)",
    )
    args = parser.parse_args()
    if shutil.which("msgcat") is None:
        print("msgcat (GNU gettext) is not installed: nothing to compare with")
        return 0

    files = sorted({path for folder in args.folders for pattern in ("*.po", "*.pot") for path in folder.rglob(pattern)})
    counts = {"not_gettext": 0, "not_utf8": 0, "refused": 0, "crashed": 0, "identical": 0, "different": 0}
    shown = 0
    started = time.perf_counter()
    for path in files:
        expected = msgcat(path)
        if expected is None:
            counts["not_gettext"] += 1
            continue
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            counts["not_utf8"] += 1
            continue
        try:
            written = format_catalog(read_view(path)).encode("utf-8")
        except CatalogError as error:
            counts["refused"] += 1
            if args.show:
                print(f"refused: {error}")
            continue
        except Exception as error:  # a crash is what this measures
            counts["crashed"] += 1
            print(f"CRASH {path}: {type(error).__name__}: {error}")
            continue
        if written == expected:
            counts["identical"] += 1
            continue
        counts["different"] += 1
        if shown < args.show:
            shown += 1
            diff = difflib.unified_diff(
                expected.decode().splitlines(), written.decode().splitlines(), "msgcat", "pipeline", lineterm="", n=1
            )
            print(f"--- {path}")
            print("\n".join(list(diff)[2:14]))
    elapsed = time.perf_counter() - started
    accepted = counts["identical"] + counts["different"] + counts["crashed"]
    print(f"files: {len(files)}; left out: {counts['not_gettext']} refused by msgcat, {counts['not_utf8']} not UTF-8")
    print(f"refused by the reader (one-line path:line error): {counts['refused']}; crashed: {counts['crashed']}")
    share = 100 * counts["identical"] / accepted if accepted else 100.0
    print(f"byte for byte as msgcat: {counts['identical']} of {accepted} accepted ({share:.1f} %), {elapsed:.1f} s")
    return 1 if counts["crashed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
