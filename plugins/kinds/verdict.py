"""Face-value and interval verdicts: now public in `jixiao.kit`, named here for plugins that import them from here."""

from __future__ import annotations

from jixiao.kit import DETAIL, SEVERITY_PARAMS, face_matches, show, stated_interval, verdict

__all__ = ["DETAIL", "SEVERITY_PARAMS", "face_matches", "show", "stated_interval", "verdict"]
