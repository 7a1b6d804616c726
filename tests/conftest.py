import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "data"))


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Callable[[int], Path]:
    """A factory: ``seed_corpus(n)`` writes ``n`` copies of the seed article (each with
    another name for its main speaker) into ``tmp_path/corpus`` and returns the folder."""
    from analysis.paths import SEEDS

    seed = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")

    def make(n: int) -> Path:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for i in range(n):
            (corpus / f"d{i:03d}.txt").write_text(seed.replace("Khamenei", f"Name{i}"),
                                                  encoding="utf-8")
        return corpus

    return make
