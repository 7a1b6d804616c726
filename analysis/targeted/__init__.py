"""Sentiment toward a target: how a sentence presents each person it mentions.

Sentence polarity says whether a sentence sounds positive; sentiment *toward a
target* says how the sentence presents one person in it -- a sentence can be neutral
overall and negative toward its target, or carry two targets with opposite
polarities.  :func:`toward` labels each target mention negative / neutral /
positive with probabilities, using the shipped :class:`TargetSentimentClassifier`.

Public API
----------
:func:`toward`, :class:`Toward` (:mod:`~analysis.targeted.apply`)
    Each target mention labelled, with probabilities.
:class:`TargetSentimentClassifier`, :func:`shipped_model`, :data:`LABELS` (:mod:`~analysis.targeted.model`)
    The model (features: :mod:`~analysis.targeted.features`; data and training:
    :mod:`~analysis.targeted.data`, :mod:`~analysis.targeted.train`).
:mod:`~analysis.targeted.portrayal`
    How an article's sentences present each person: :func:`~analysis.targeted.portrayal.portrayal`
    and :func:`~analysis.targeted.portrayal.portrayal_summary`.
"""

from analysis.targeted.apply import Toward, toward
from analysis.targeted.data import LABELS
from analysis.targeted.model import TargetSentimentClassifier, shipped_model

__all__ = ["LABELS", "TargetSentimentClassifier", "Toward", "shipped_model", "toward"]
