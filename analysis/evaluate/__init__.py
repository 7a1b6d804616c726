"""Evaluation: quotes against gold annotations, on the project's sets and on real news.

Two kinds of gold are read:

* the project's own JSON gold (the seed, the passage sets): :func:`evaluate_corpus`,
  :func:`evaluate_devset` (see :mod:`analysis.evaluate.gold`) — regression checks,
  not quality estimates, since rules were revised on them;
* real annotated news in PolNeAR's brat standoff (read by :mod:`analysis.corpus.polnear`):
  :func:`evaluate_polnear`, the quality estimate for every attribution (PolNeAR's
  scheme);
* gold sets annotated for speech (``texts/`` + ``gold/``, such as the BBC development
  set): :func:`evaluate_speech`, :func:`read_speech_set`, :func:`same_speaker`
  (:mod:`analysis.evaluate.speech`), the quality estimate for what a reader calls
  quoting.

Protocol on PolNeAR (fixed before any tuning)
---------------------------------------------
Split by publication date (:func:`analysis.corpus.polnear.polnear_part`): ``fit`` = up to
2016-06-30 (develop and learn here), ``validation`` = 2016-07-01 … 2016-09-30 (183
articles; the only figures to report).  One annotator per article: the first in sorted
order.  Predictions lying mostly in ``Discard`` stretches (editor's notes) are ignored.
Each figure below is reported separately (:meth:`PolnearReport.scores`):

1. **Quoted spans.**  Gold: the quotation-mark-delimited segments inside gold contents
   (a mixed content holds one or more; :mod:`analysis.evaluate.units` states how marks
   are read), each carrying its attribution's source.  Predicted: ``direct`` and
   ``partial`` quotes, mark to mark.  Matched one-to-one, best overlap first, when the
   shared characters are at least **0.5 of the longer span**.
2. **Indirect / paraphrased contents.**  Gold: contents with no quotation marks, all
   their pieces.  Predicted: ``indirect`` quotes.  One-to-one at overlap **>= 0.3 of the
   longer span** (pieces summed).  Also reported on the subset whose cue is a speech verb
   or phrase (``said``, ``told``, ``according to``, a colon) — PARC's attributions also
   cover beliefs and intentions (``thinks``, ``wants``), which quote extractors rarely
   aim at; :meth:`PolnearReport.by` ``("cue_class")`` shows recall per cue class.
   An ``indirect`` prediction that matches no indirect content but shares characters
   with a gold quoted segment is a *mixed* quotation reported with its frame (``said the
   plan was “a disaster”``, where PolNeAR scores the quotation): it is listed with
   outcome ``mixed`` and counts neither for nor against either figure.
3. **Speaker accuracy** on matched units: the predicted speaker mention
   (``speaker_start``/``speaker_end``) shares a character with the gold source mention.
   Units whose attribution has no source are left out (``n_speaker`` says how many count).
4. **Canonical speaker agreement** on matched units: the predicted canonical name
   (``speaker``) contains the key word of the gold source — the surname or head of a
   name, the key of the nearest preceding named source for a pronoun, the head noun of a
   description (:func:`~analysis.evaluate.units.source_keys` states how and its limits).
   Units whose key is undetermined (no source; a pronoun before any named source) are
   left out.

Breakdowns per kind, per rule or model that produced a quote (``rule`` attribute,
``unknown`` when absent), per publisher, per cue class and per source type; an error
listing (missed, spurious, boundary = overlapping but below the threshold, wrong
speaker, no speaker) with the gold content, source, prediction and rule.  Any extractor
can be scored: a callable ``text -> quotes`` whose quotes are records or dicts with ``start``,
``end``, ``kind``, ``speaker``, ``speaker_start``, ``speaker_end`` and optionally
``rule``; :func:`regex_baseline` is the floor to beat.

Confidence: :func:`reliability` and :func:`expected_calibration_error` check that the
quotes' ``p_quote`` and ``p_speaker`` mean what they say.

Sentiment: :func:`sentiment_correlation` against human ratings.

Public API
----------
PolNeAR (:mod:`~analysis.evaluate.attributions`, :mod:`~analysis.evaluate.units`)
    :func:`evaluate_polnear`, :class:`PolnearReport`, :func:`score_article`,
    :func:`annotator_agreement`; gold units: :class:`GoldUnit`, :func:`gold_units`,
    :func:`quoted_segments`, :func:`cue_class`; :func:`stored_polnear_figures`
    (:mod:`~analysis.evaluate.stored`: the figures of the last full evaluation).
The project's JSON gold (:mod:`~analysis.evaluate.gold`)
    :func:`evaluate_corpus`, :func:`evaluate_devset`, :func:`load_gold`,
    :func:`score_quotes`, :class:`Report`, :data:`GROUPS`.
Scoring (:mod:`~analysis.evaluate.matching`, :mod:`~analysis.evaluate.baseline`)
    :func:`match`, :func:`overlap`; :func:`regex_baseline`, the floor to beat.
Sentiment and learning curves (:mod:`~analysis.evaluate.ratings`, :mod:`~analysis.evaluate.curves`)
    :func:`sentiment_correlation`, :func:`load_ratings_file`, :func:`learning_curve_scores`.

Examples
--------
>>> from analysis.paths import REPO
>>> report = evaluate_polnear(REPO / "tests" / "data" / "polnear_sample",
...                           extractor=regex_baseline)
>>> report.n_documents, report.scores().n_gold.tolist()
(2, [3, 3, 2])
"""

from analysis.evaluate.attributions import (
    PolnearReport,
    annotator_agreement,
    evaluate_polnear,
    score_article,
)
from analysis.evaluate.baseline import regex_baseline
from analysis.evaluate.curves import learning_curve_scores
from analysis.evaluate.gold import (
    GROUPS,
    Report,
    evaluate_corpus,
    evaluate_devset,
    load_gold,
    score_quotes,
)
from analysis.evaluate.matching import match, overlap
from analysis.evaluate.ratings import load_ratings_file, sentiment_correlation
from analysis.evaluate.reliability import expected_calibration_error, reliability
from analysis.evaluate.speech import evaluate_speech, read_speech_set, same_speaker
from analysis.evaluate.stored import quote_figures, stored_polnear_figures
from analysis.evaluate.units import GoldUnit, cue_class, gold_units, quoted_segments

__all__ = [
    "GROUPS",
    "GoldUnit",
    "PolnearReport",
    "Report",
    "annotator_agreement",
    "cue_class",
    "evaluate_corpus",
    "evaluate_devset",
    "evaluate_polnear",
    "evaluate_speech",
    "expected_calibration_error",
    "gold_units",
    "learning_curve_scores",
    "load_gold",
    "load_ratings_file",
    "match",
    "overlap",
    "quote_figures",
    "quoted_segments",
    "read_speech_set",
    "regex_baseline",
    "reliability",
    "same_speaker",
    "score_article",
    "score_quotes",
    "sentiment_correlation",
    "stored_polnear_figures",
]
