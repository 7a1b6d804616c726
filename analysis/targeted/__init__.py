"""Sentiment toward a target: how a sentence presents each person it mentions.

Sentence polarity says whether a sentence sounds positive; sentiment *toward a
target* says how the sentence presents one person in it -- a sentence can be neutral
overall and negative toward its target, or carry two targets with opposite
polarities.  :func:`toward` labels each target mention negative / neutral /
positive with probabilities, using the shipped :class:`TargetSentimentClassifier`.
"""

from analysis.targeted.apply import Toward, toward
from analysis.targeted.data import LABELS
from analysis.targeted.model import TargetSentimentClassifier, shipped_model

__all__ = ["LABELS", "TargetSentimentClassifier", "Toward", "shipped_model", "toward"]
