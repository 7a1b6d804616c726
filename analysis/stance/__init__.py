"""Stance: markers of the speaker's commitment and a target-oriented classifier.

``shipped("news")`` and ``shipped("teaching")`` load the fitted classifiers that ship
as JSON; ``StanceClassifier().fit(X, y).save(path)`` / ``StanceClassifier.load(path)``
fit and keep your own.

Public API
----------
Markers, needing no target (:mod:`~analysis.stance.markers`)
    :func:`count_markers`, :func:`count_markers_in_tokens`, :data:`CATEGORIES`.
The target-oriented classifier (:mod:`~analysis.stance.classifier`)
    :class:`StanceClassifier`, :func:`shipped`, :data:`SHIPPED`, :data:`LABELS`,
    :func:`f_avg` (the SemEval score); its features (:mod:`~analysis.stance.cues`), its
    training data (:mod:`~analysis.stance.data`, :mod:`~analysis.stance.teaching`) and
    training (:mod:`~analysis.stance.train`); linear models as data
    (:mod:`~analysis.stance.weights`, also used by :mod:`analysis.targeted`).
"""

from analysis.stance.classifier import LABELS, SHIPPED, StanceClassifier, f_avg, shipped
from analysis.stance.markers import CATEGORIES, count_markers, count_markers_in_tokens

__all__ = ["CATEGORIES", "LABELS", "SHIPPED", "StanceClassifier", "count_markers",
           "count_markers_in_tokens", "f_avg", "shipped"]
