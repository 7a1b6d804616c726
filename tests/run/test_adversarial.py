"""Doubling a hostile input must not more than triple the work of any stage.

Generators and stage timing come from ``benchmarks/adversarial.py``.  Sizes are
small and each stage's time is the best of three runs in CPU seconds of this
process, so the ratio is robust to other load on the machine; a stage is judged only when it takes at least 20 ms at
2n (below that, timer noise and fixed costs dominate).  Linear work gives about 2;
quadratic work about 4.  Shapes that are superlinear in a stage owned elsewhere are
``xfail`` with the stage and what grows, so that the owners can fix them and the
test turns green (``strict=False``).
"""

import sys

import pytest

from analysis.paths import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import adversarial

LIMIT = 3.0
MIN_SECONDS = 0.020

#: Known superlinear shapes, with the stage and the measured growth per doubling
#: (CPU time, test sizes; the benchmark's larger sizes in brackets).  Owners: quotes
#: (analysis/quotes), text layer (analysis/tokenise, analysis/marks).
KNOWN: dict[str, str] = {}


def _case(name):
    marks = [pytest.mark.xfail(strict=False, reason=KNOWN[name])] if name in KNOWN else []
    return pytest.param(name, marks=marks, id=name)


@pytest.fixture(scope="module", autouse=True)
def warm():
    adversarial.run_stages("Warm up: ‘Yes,’ she said. It is good.")


def _measure(name, n, repeat):
    small = adversarial.best_times(adversarial.GENERATORS[name](n), repeat)
    large = adversarial.best_times(adversarial.GENERATORS[name](2 * n), repeat)
    ratios = {s: large[s] / max(small[s], 1e-9) for s in adversarial.STAGES
              if large[s] >= MIN_SECONDS}
    total = sum(large.values()) / sum(small.values())
    slow = {s: round(r, 2) for s, r in ratios.items() if r > LIMIT}
    return small, large, total, slow


@pytest.mark.parametrize("name", [_case(n) for n in adversarial.GENERATORS])
def test_doubling_at_most_triples_the_work(name):
    n = adversarial.TEST_SIZES[name]
    repeat = 2 if name in KNOWN else 3  # known cases: less time spent showing it again
    small, large, total, slow = _measure(name, n, repeat)
    if slow or total > LIMIT:
        # A few milliseconds of other load can tip one measurement; linear work passes a
        # second, longer look, superlinear work fails it again.
        small, large, total, slow = _measure(name, n, 2 * repeat)
    assert not slow and total <= LIMIT, (
        f"{name}: doubling the input multiplied the time by {total:.2f}; stages over "
        f"{LIMIT}: {slow} (seconds at n: {small}; at 2n: {large})")
