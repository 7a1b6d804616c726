"""The figures of the last evaluation on real news, shipped for readers without the data.

``benchmarks/quotes.py DIR --save analysis/data/quotes/evaluation.json`` scores the
engine on the validation months of PolNeAR (see :mod:`analysis.evaluate`) and writes
the numbers -- scores, breakdowns by rule, kind and cue class, error counts, and the
rules-alone and regex-baseline scores from the same run -- but no text of the corpus.
Notebook 02 shows them when no PolNeAR folder is at hand.

Examples
--------
>>> figures = stored_polnear_figures()
>>> [k for k in ("scores", "by_rule", "rules", "baseline") if k in figures]
['scores', 'by_rule', 'rules', 'baseline']
>>> list(figures["scores"].group)
['quoted', 'indirect', 'indirect (speech cues)']
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis.paths import DATA

__all__ = ["quote_figures", "stored_polnear_figures"]


def stored_polnear_figures() -> dict[str, pd.DataFrame | str | int]:
    """The stored evaluation: ``scores``, ``by_rule``, ``by_kind``, ``by_cue_class``,
    ``error_counts``, ``rules``, ``baseline`` and the reliability tables
    (``reliability_quote``, ``reliability_speaker``) as DataFrames; ``protocol``,
    ``articles`` and the calibration errors (``ece_quote``, ``ece_speaker``) as they
    were; ``speech``: the same for the speech gold set (the BBC development set), when
    it was scored.

    Raises
    ------
    FileNotFoundError
        If the file is missing, with the command that writes it.
    """
    path = DATA / "quotes" / "evaluation.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; write it with `python benchmarks/quotes.py "
                                f"/path/to/polnear-train --save {path}`")
    data = json.loads(path.read_text(encoding="utf-8"))
    return _frames(data)


def _frames(data: dict) -> dict:
    return {key: pd.DataFrame(value) if isinstance(value, list) else
            _frames(value) if isinstance(value, dict) else value
            for key, value in data.items()}


def quote_figures(data: str | Path | None = None) -> dict:
    """The quote engine's figures on real news: computed from the data when ``data`` (the
    shared data folder, with ``polnear-train/`` and ``bbc-quotes-dev/``) is given and
    present, else the stored ones (:func:`stored_polnear_figures`).

    Returns ``{"polnear": {...}, "speech": {...}, "computed": bool, "reports": (...)}``
    where each set holds ``scores``, ``by_kind``, ``error_counts`` and the reliability
    tables (PolNeAR also ``by_rule``, ``rules`` and ``baseline`` when stored), and
    ``reports`` the two evaluation reports when computed (their ``errors()`` list real
    errors with the text), else ``(None, None)``.

    Examples
    --------
    >>> figures = quote_figures(None)
    >>> figures["computed"], sorted(figures["speech"])[:2]
    (False, ['articles', 'by_kind'])
    """
    from analysis.evaluate.attributions import evaluate_polnear
    from analysis.evaluate.reliability import expected_calibration_error, reliability
    from analysis.evaluate.speech import evaluate_speech

    stored = stored_polnear_figures()
    folder = Path(data) if data else None
    if folder is None or not (folder / "polnear-train").is_dir() or \
            not (folder / "bbc-quotes-dev").is_dir():
        speech = stored.get("speech", {})
        polnear = {k: v for k, v in stored.items() if k != "speech"}
        return {"polnear": polnear, "speech": speech, "computed": False,
                "reports": (None, None)}
    reports = (evaluate_polnear(folder / "polnear-train", part="validation"),
               evaluate_speech(folder / "bbc-quotes-dev"))
    out: dict = {"computed": True, "reports": reports}
    for name, report in zip(("polnear", "speech"), reports, strict=True):
        figures: dict = {"articles": report.n_documents, "scores": report.scores(),
                         "by_kind": report.by("kind"), "error_counts": report.error_counts()}
        if name == "polnear":
            figures["by_rule"] = report.by("rule")
        for what in ("quote", "speaker"):
            table = reliability(report.outcomes, what)
            figures[f"reliability_{what}"] = table
            figures[f"ece_{what}"] = round(expected_calibration_error(table), 4)
        out[name] = figures
    return out

