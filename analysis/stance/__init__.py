"""Stance: markers of the speaker's commitment and a target-oriented classifier.

``shipped("news")`` and ``shipped("teaching")`` load the fitted classifiers that ship
as JSON; ``StanceClassifier().fit(X, y).save(path)`` / ``StanceClassifier.load(path)``
fit and keep your own.
"""

from analysis.stance.classifier import LABELS, SHIPPED, StanceClassifier, f_avg, shipped
from analysis.stance.markers import CATEGORIES, count_markers, count_markers_in_tokens

__all__ = ["CATEGORIES", "LABELS", "SHIPPED", "StanceClassifier", "count_markers",
           "count_markers_in_tokens", "f_avg", "shipped"]
