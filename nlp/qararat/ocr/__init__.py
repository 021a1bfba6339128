"""OCR correction for Arabic UN resolutions.

``Corrector.default().correct(text)`` (or :func:`correct`) returns :class:`~qararat.model.
Correction` spans on ``text``: non-word errors ranked by a noisy-channel model (lexicon prior,
Arabic-aware confusion costs, bigram context), real-word errors at clause openings fixed by the
grammar of resolutions, suggestions below the confidence threshold reported unapplied.
"""

from qararat.ocr.channel import Channel
from qararat.ocr.corrector import Corrector, CorrectorConfig, correct
from qararat.ocr.lexicon import Lexicon

__all__ = ["Channel", "Corrector", "CorrectorConfig", "Lexicon", "correct"]
