"""Are the engine's probabilities honest?  Reliability tables for ``p_quote`` and
``p_speaker``.

A probability is calibrated when, of the quotes given about 0.8, about 80 % are right.
:func:`reliability` bins the predictions of an evaluation (its outcome rows,
:class:`~analysis.evaluate.attributions.PolnearReport`) by their probability and sets the
mean probability of each bin beside the share that was right:

``quote``
    every scored prediction; right when it matched a gold unit of its group (mixed and
    unattributed quotations, which count neither way, are left out);
``speaker``
    every matched prediction whose gold unit has a source mention; right when the
    predicted mention overlaps it (the evaluation's ``speaker_ok``).

:func:`expected_calibration_error` sums the gaps, weighted by the bins' sizes (0 is
perfect).

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"outcome": ["match", "match", "spurious", "match"],
...                      "pred_start": [0, 5, 9, 20], "speaker_ok": [True, False, None, True],
...                      "pred_p_quote": [0.9, 0.8, 0.3, 0.95],
...                      "pred_p_speaker": [0.9, 0.4, None, 0.9]})
>>> reliability(rows, "quote", bins=2)[["bin", "n", "mean_p", "observed"]].values.tolist()
[['[0.0, 0.5)', 1, 0.3, 0.0], ['[0.5, 1.0]', 3, 0.883, 1.0]]
>>> round(expected_calibration_error(reliability(rows, "quote", bins=2)), 3)
0.163
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["expected_calibration_error", "reliability"]


def _scored(outcomes: pd.DataFrame, what: str) -> tuple[pd.Series, pd.Series]:
    """Predicted probabilities and whether each was right, for ``what``."""
    if what == "quote":
        rows = outcomes[outcomes.pred_start.notna() &
                        outcomes.outcome.isin(["match", "spurious", "boundary"])]
        return rows.pred_p_quote, rows.outcome.eq("match")
    if what == "speaker":
        rows = outcomes[outcomes.outcome.eq("match") & outcomes.speaker_ok.notna() &
                        outcomes.pred_p_speaker.notna()]
        return rows.pred_p_speaker, rows.speaker_ok.astype(bool)
    raise ValueError(f"what must be 'quote' or 'speaker'; got {what!r}")


def reliability(outcomes: pd.DataFrame, what: str = "quote", *, bins: int = 10) -> pd.DataFrame:
    """The reliability table of ``p_quote`` (``what="quote"``) or ``p_speaker``: one row
    per probability bin of equal width with ``n``, the mean probability ``mean_p``, the
    share right ``observed`` and their ``gap``.  Predictions without a probability are
    left out."""
    p, right = _scored(outcomes, what)
    keep = p.notna()
    p, right = p[keep].astype(float).to_numpy(), right[keep].to_numpy()
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    rows = []
    for b in range(bins):
        mask = index == b
        if not mask.any():
            continue
        lo, hi = edges[b], edges[b + 1]
        label = f"[{lo:.1f}, {hi:.1f}]" if b == bins - 1 else f"[{lo:.1f}, {hi:.1f})"
        mean_p, observed = float(p[mask].mean()), float(right[mask].mean())
        rows.append({"bin": label, "n": int(mask.sum()), "mean_p": round(mean_p, 3),
                     "observed": round(observed, 3), "gap": round(observed - mean_p, 3)})
    return pd.DataFrame(rows, columns=["bin", "n", "mean_p", "observed", "gap"])


def expected_calibration_error(table: pd.DataFrame) -> float:
    """The bins' absolute gaps weighted by their sizes (:func:`reliability`)."""
    n = table.n.sum()
    return float((table.n * table.gap.abs()).sum() / n) if n else float("nan")
