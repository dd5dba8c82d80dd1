"""Online, cross-lingual story clustering: candidate retrieval, a learned scorer, decisions."""

from .background import Background, load_background
from .clusterer import Decision, StoryClusterer, follow
from .profile import StoryProfile
from .scorer import LinearScorer, Scorer, TreeScorer, load_scorer

__all__ = [
    "Background",
    "Decision",
    "LinearScorer",
    "Scorer",
    "StoryClusterer",
    "StoryProfile",
    "TreeScorer",
    "follow",
    "load_background",
    "load_scorer",
]
