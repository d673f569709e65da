"""The drift report: one self-contained HTML file (inline CSS and SVG, no scripts) to open.

It shows the retrain decision first, then the drift of the model's score, then every feature
sorted by PSI with its status and a bar chart of reference vs current shares per bin.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from ..files import write_text_atomically
from .drift import DriftResult, DriftThresholds, FeatureDrift
from .trigger import RetrainDecision

REPORT_FILE = "drift_report.html"

_CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem;
       padding: 0 1rem; color: #1d2530; }
h1 { margin-bottom: 0.2rem; } .meta { color: #5b6472; margin-top: 0; }
.decision { border-radius: 6px; padding: 0.6rem 1rem; margin: 1rem 0; }
.decision.retrain { background: #fdecea; border-left: 6px solid #c62828; }
.decision.keep { background: #e8f5e9; border-left: 6px solid #2e7d32; }
.decision h2 { margin: 0.2rem 0; }
table.columns { border-collapse: collapse; width: 100%; }
table.columns th, table.columns td { border-bottom: 1px solid #dde1e6; padding: 0.4rem 0.6rem;
                                 text-align: left; vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
.badge { border-radius: 4px; color: #fff; padding: 0.1rem 0.5rem; font-weight: 600; }
.badge.ok { background: #2e7d32; } .badge.warn { background: #b26a00; }
.badge.drift { background: #c62828; }
.legend span { display: inline-block; width: 0.8rem; height: 0.8rem; margin: 0 0.3rem; }
table.bins { font-size: 12px; border-collapse: collapse; }
table.bins td { padding: 0 0.5rem; text-align: right; }
table.bins td:first-child { text-align: left; }
summary { cursor: pointer; color: #3b5b8c; }
"""
_REFERENCE_COLOUR = "#9aa5b1"
_CURRENT_COLOUR = "#3b6fb6"
_CHART_HEIGHT = 48


def write_report(
    result: DriftResult,
    decision: RetrainDecision,
    thresholds: DriftThresholds,
    directory: Path,
    title: str = "Drift report",
) -> Path:
    """Write `drift_report.html` into `directory` atomically and return its path."""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Generated {generated}. Reference (training sample): '
        f"{result.reference_rows:,} rows; current (serving traffic): {result.current_rows:,} "
        f"rows. PSI &ge; {thresholds.psi_warn} is a warning, &ge; {thresholds.psi_drift} drift; "
        f"more than {thresholds.max_drifted_features} drifted feature(s) triggers a retrain.</p>",
        _decision(decision),
        "<h2>Prediction drift</h2>",
        _prediction(result.prediction),
        f"<h2>Feature drift (drift: {len(result.drifted)}, warn: {len(result.warned)}, "
        f"ok: {len(result.features) - len(result.drifted) - len(result.warned)})</h2>",
        _legend(),
        _table(list(result.features)),
        "</body></html>",
    ]
    return write_text_atomically(Path(directory) / REPORT_FILE, "\n".join(parts) + "\n")


def _decision(decision: RetrainDecision) -> str:
    verdict = "Retrain: yes" if decision.retrain else "Retrain: no"
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in decision.reasons)
    css = "retrain" if decision.retrain else "keep"
    return f'<section class="decision {css}"><h2>{verdict}</h2><ul>{reasons}</ul></section>'


def _prediction(prediction: FeatureDrift | None) -> str:
    if prediction is None:
        return "<p>No score column was given, so prediction drift was not measured.</p>"
    return (
        "<p>The distribution of the model's score on serving traffic against its score on the "
        "training sample: it moves when the inputs or the model's behaviour change.</p>"
        + _table([prediction])
    )


def _legend() -> str:
    return (
        '<p class="legend">Sorted by PSI, highest first. Bars per bin:'
        f'<span style="background:{_REFERENCE_COLOUR}"></span>reference share'
        f'<span style="background:{_CURRENT_COLOUR}"></span>current share</p>'
    )


def _table(items: list[FeatureDrift]) -> str:
    head = (
        "<tr><th>Column</th><th>PSI</th><th>Status</th><th>Reference mean</th>"
        "<th>Current mean</th><th>Unseen values</th><th>Bin shares: reference vs current</th></tr>"
    )
    return f'<table class="columns">{head}{"".join(_row(item) for item in items)}</table>'


def _row(item: FeatureDrift) -> str:
    return (
        f"<tr><td><strong>{escape(item.name)}</strong></td>"
        f'<td class="num">{item.psi:.3f}</td>'
        f'<td><span class="badge {item.status}">{item.status}</span></td>'
        f'<td class="num">{_number(item.reference_mean)}</td>'
        f'<td class="num">{_number(item.current_mean)}</td>'
        f'<td class="num">{_share(item.unseen_share)}</td>'
        f"<td>{_chart(item)}{_bins(item)}</td></tr>"
    )


def _chart(item: FeatureDrift) -> str:
    """Two bars per bin, scaled to the largest share; hovering a bin shows its numbers."""
    top = max([*item.reference_shares, *item.current_shares, 1e-9])
    groups = []
    for index, (label, ref, cur) in enumerate(
        zip(item.bins, item.reference_shares, item.current_shares, strict=True)
    ):
        x = index * 18
        bars = "".join(
            _bar(x + offset, share / top, colour)
            for offset, share, colour in ((0, ref, _REFERENCE_COLOUR), (8, cur, _CURRENT_COLOUR))
        )
        tip = f"{label}: reference {ref:.1%}, current {cur:.1%}"
        groups.append(f"<g><title>{escape(tip)}</title>{bars}</g>")
    width = max(len(item.bins) * 18, 18)
    return (
        f'<svg width="{width}" height="{_CHART_HEIGHT + 1}" '
        f'role="img" aria-label="bin shares of {escape(item.name)}">{"".join(groups)}'
        f'<line x1="0" x2="{width}" y1="{_CHART_HEIGHT}" y2="{_CHART_HEIGHT}" '
        'stroke="#5b6472"/></svg>'
    )


def _bar(x: int, fraction: float, colour: str) -> str:
    height = max(fraction * _CHART_HEIGHT, 0.5 if fraction > 0 else 0)
    y = _CHART_HEIGHT - height
    return f'<rect x="{x}" y="{y:.1f}" width="7" height="{height:.1f}" fill="{colour}"/>'


def _bins(item: FeatureDrift) -> str:
    rows = "".join(
        f"<tr><td>{escape(label)}</td><td>{ref:.1%}</td><td>{cur:.1%}</td></tr>"
        for label, ref, cur in zip(
            item.bins, item.reference_shares, item.current_shares, strict=True
        )
    )
    return (
        f"<details><summary>{len(item.bins)} bins ({item.kind})</summary>"
        f'<table class="bins"><tr><th>bin</th><th>reference</th><th>current</th></tr>'
        f"{rows}</table></details>"
    )


def _number(value: float | None) -> str:
    return "&ndash;" if value is None else f"{value:.4g}"


def _share(value: float | None) -> str:
    """The share of values outside the model's vocabulary; a dash for a numeric column."""
    return "&ndash;" if value is None else f"{value:.1%}"
