"""Stance: markers of the speaker's commitment and a target-oriented classifier."""

from analysis.stance.classifier import LABELS, StanceClassifier, f_avg
from analysis.stance.markers import CATEGORIES, count_markers, count_markers_in_tokens

__all__ = ["CATEGORIES", "LABELS", "StanceClassifier", "count_markers",
           "count_markers_in_tokens", "f_avg"]
