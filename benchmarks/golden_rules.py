"""Sentence splitting on pySBD's English "golden rules": edge cases none of us wrote.

The golden rules (48 short texts with their expected sentences: abbreviations, initials,
numbers, lists, quotations, parentheses, ellipses) come from the Pragmatic Segmenter
project and ship in pySBD's source distribution as ``benchmarks/english_golden_rules.py``.
They are not in this repository: point the script at that file, e.g.::

    pip download pysbd==0.3.3 --no-deps --no-binary :all: -d /tmp/pysbd
    tar xzf /tmp/pysbd/pysbd-0.3.3.tar.gz -C /tmp/pysbd
    python benchmarks/golden_rules.py /tmp/pysbd/pysbd-0.3.3/benchmarks/english_golden_rules.py

A rule passes when a splitter returns exactly the expected sentences (compared with
surrounding white space stripped).  Printed: rules passed per splitter (the project,
NLTK Punkt, Punkt with the project's parameters, pySBD, nupunkt) and the numbers of the
rules each one fails.  pySBD was written against these rules, so it is the reference
here, not a peer seeing them for the first time.
"""

import argparse
import importlib.util
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentences import systems


def load_rules(path: Path) -> list[tuple[str, list[str]]]:
    """The ``GOLDEN_EN_RULES`` list of the file at ``path``."""
    if not path.is_file():
        sys.exit(f"{path} is not a file; pass pySBD's benchmarks/english_golden_rules.py "
                 "(see this script's docstring for how to get it)")
    spec = importlib.util.spec_from_file_location("golden_rules_data", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.GOLDEN_EN_RULES)


def sentences_from_starts(text: str, starts: list[int]) -> list[str]:
    """The sentences of ``text`` cut at ``starts``, white space stripped, empty ones dropped."""
    cuts = [*sorted(set(starts) | {0}), len(text)]
    pieces = (text[a:b].strip() for a, b in itertools.pairwise(cuts))
    return [p for p in pieces if p]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", type=Path, help="pySBD's benchmarks/english_golden_rules.py")
    args = parser.parse_args()
    rules = load_rules(args.rules)
    print(f"{len(rules)} golden rules from {args.rules}")
    for name, split in systems(None).items():
        failed = [number for number, (text, expected) in enumerate(rules, 1)
                  if sentences_from_starts(text, split(text)) != [e.strip() for e in expected]]
        print(f"{name:>14}: {len(rules) - len(failed)}/{len(rules)} passed; "
              f"failed: {', '.join(map(str, failed)) or 'none'}")


if __name__ == "__main__":
    main()
