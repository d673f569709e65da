{% if cookiecutter.serving == 'batch' -%}
"""Monitor the system: the champion's latest batch scores against its training reference."""
{%- else -%}
"""Monitor the live system: the champion's logged traffic against its training reference."""
{%- endif %}

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..errors import ConfigError, NotReadyError
from ..models import model_registry
{% if cookiecutter.serving == 'batch' -%}
from ..online.batch_files import latest_scores
{% else -%}
from ..offline import lake
from ..online.prediction_log import TABLE, compact_predictions, read_predictions
{% endif -%}
from .drift import DriftThresholds
from .monitor import MonitoringOutcome, run_monitoring

SCORE = "score"
ROWS = "{{ 'batch-scored rows' if cookiecutter.serving == 'batch' else 'logged rows' }}"


@dataclass(frozen=True)
class TrafficOutcome:
    outcome: MonitoringOutcome
    requests: int

    @property
    def summary(self) -> str:
        drift, decision = self.outcome.drift, self.outcome.decision
        worst = drift.features[0]  # sorted, highest PSI first
        lines = [
            f"  {drift.current_rows:,} {ROWS} vs {drift.reference_rows:,} reference rows",
            f"  largest feature drift: {worst.name} PSI {worst.psi:.3f} ({worst.status})",
        ]
        if drift.prediction is not None:
            lines.append(f"  prediction drift: PSI {drift.prediction.psi:.3f}")
        unseen = [f for f in drift.features if f.unseen_share]
        if unseen:
            shares = ", ".join(f"{f.name} {f.unseen_share:.1%}" for f in unseen)
            lines.append(f"  values the model did not learn (scored as other): {shares}")
        verdict = "retrain recommended" if decision.retrain else "no retrain needed"
        lines.append(f"  {verdict}: {'; '.join(decision.reasons) or 'all features stable'}")
        lines.append(f"  drift report: {self.outcome.report_path}")
        return "\n".join(lines)


def watched_features(config: Config, features: list[str]) -> list[str]:
    """The features whose drift should trigger a retrain (default: all): monitoring.watch,
    or for a snapshot, whose features are its own columns, data.snapshot.watch."""
    setting, watched = "monitoring.watch", config.monitoring.get("watch")
    if config.snapshot is not None:
        setting, watched = "data.snapshot.watch", config.snapshot.watch
    watched = watched or features
    unknown = sorted(set(watched) - set(features))
    if unknown:
        raise ConfigError(
            f"{setting} in the config names {', '.join(unknown)}, which the champion "
            f"does not use; choose among {', '.join(features)}"
        )
    return list(watched)


def monitor_traffic(config: Config) -> TrafficOutcome:
    champion = model_registry(config).get("champion")
{%- if cookiecutter.serving == 'batch' %}
    traffic = latest_scores(config.paths.lake)
    if traffic is None:
        raise NotReadyError("no batch run has scored anything yet; run `score` (or `make demo`)")
{%- else %}
    compact_predictions(config.paths.lake)  # what the gateway journaled since its last compaction
    if not lake.has_table(config.paths.lake, TABLE):
        raise NotReadyError("no predictions are logged yet; serve some traffic (`make demo`)")
    traffic = read_predictions(config.paths.lake)
{%- endif %}
    served = traffic[traffic[SCORE].notna()]  # an empty result list is logged without a score
    current = served[served["model_version"] == champion.version]
    if current.empty:
        raise NotReadyError(
{%- if cookiecutter.serving == 'batch' %}
            f"the latest batch run is not the champion's (version {champion.version}); "
            "run `score` to score with it"
{%- else %}
            f"no logged predictions come from the champion (version {champion.version}); "
            "serve some traffic with it first"
{%- endif %}
        )
    thresholds = DriftThresholds.from_mapping(config.monitoring)
    features = [name for name in champion.metadata["features"] if name in current.columns]
    outcome = run_monitoring(
        champion.reference(),
        current,
        features,
        SCORE,
        thresholds,
        config.paths.reports,
        watched=watched_features(config, features),
        vocabularies=champion.vocabularies(),
    )
    return TrafficOutcome(outcome, current["request_id"].nunique())
