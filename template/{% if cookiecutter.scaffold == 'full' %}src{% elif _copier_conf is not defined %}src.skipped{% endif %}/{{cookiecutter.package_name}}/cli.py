"""One entry point for both loops. Run any step with --help to see what it does."""

from __future__ import annotations

{% if cookiecutter.serving != 'batch' -%}
import json
{% endif -%}
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from .config import DEFAULT_CONFIG, load_config
from .errors import UserError

app = typer.Typer(
    help="The ML system's offline loop (ingest → features → train → evaluate → materialize) "
{%- if cookiecutter.serving == 'batch' %}
    "and its scoring loop (score → monitor).",
{%- else %}
    "and online loop (serve → log → monitor).",
{%- endif %}
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)

ConfigOption = Annotated[
    Path, typer.Option("--config", "-c", help="The pipeline config (paths, models, thresholds).")
]


def echo(message: str) -> None:
    typer.echo(message)


def user_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Show a user's mistake as one line and exit 2, instead of a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
            raise typer.Exit(code=2) from None

    return run


def step(name: str, config_path: Path) -> Any:
    config = load_config(config_path)  # first: a bad config is answered before any import
    from .offline import pipeline  # here, not at the top: `--help` loads none of the loop

    started = time.perf_counter()
    result = pipeline.run_step(name, config, echo)
    echo(f"{name} done in {time.perf_counter() - started:.1f}s")
    return result


@app.command()
@user_errors
def ingest(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Load the raw tables (sample data, or your files: see data: in the config), check them
    against their schemas and write them to the lake, partitioned by date."""
    step("ingest", config)


@app.command()
@user_errors
def features(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Compute every feature view from the lake into the offline store (daily snapshots)."""
    step("features", config)


@app.command()
@user_errors
def train(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Build the point-in-time training set, fit the baseline then the challenger, and
    register both."""
    step("train", config)


@app.command()
@user_errors
def evaluate(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Score both models on the held-out period, apply the promotion gate, write the report
    and point the `champion` alias at the winner."""
    step("evaluate", config)


@app.command()
@user_errors
def materialize(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Copy the latest feature values per entity into the online store."""
    step("materialize", config)


@app.command()
@user_errors
def run(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """The whole offline loop: ingest, features, train, evaluate, materialize."""
    loaded = load_config(config)
    from .offline import pipeline

    pipeline.run_all(loaded, echo)


{% if cookiecutter.serving != 'batch' -%}
@app.command()
@user_errors
def serve(
    config: ConfigOption = DEFAULT_CONFIG,
    host: Annotated[
        str | None, typer.Option(help="Interface to bind (config: serving.host).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (config: serving.port).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes, one per core (config: serving.workers)."),
    ] = None,
) -> None:
    """Start the gateway: the champion model behind a validated HTTP API that logs every
    prediction back to the lake. It starts even when nothing can be served yet (GET /readyz
    says why) and picks up a new champion without a restart."""
    from .online.server import serve as run_server

    run_server(config, host, port, workers)


{% endif -%}
{% if cookiecutter.serving != 'online' -%}
@app.command()
@user_errors
def score(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Batch inference: the champion scores every request of the current snapshot (one per
    stored entity, or per event of the lake's latest day) with the endpoint's own code, into
    the lake (batch_scores/); a ranked answer also goes to the online store. A run cut short
    resumes where it stopped; a run complete for this champion and store is not redone."""
    loaded = load_config(config)
    from .online.batch_scoring import score_batch

    echo(score_batch(loaded, echo).summary())


{% endif -%}
@app.command()
@user_errors
def monitor(config: ConfigOption = DEFAULT_CONFIG) -> None:
{%- if cookiecutter.serving == 'batch' %}
    """Compare the champion's latest batch run with its training reference (PSI per
    feature, prediction drift), write the report and the retrain signal."""
{%- else %}
    """Compare logged serving traffic with the champion's training reference (PSI per
    feature, prediction drift), write the report and the retrain signal."""
{%- endif %}
    loaded = load_config(config)
    from .monitoring.traffic import monitor_traffic

    outcome = monitor_traffic(loaded)
    echo(outcome.summary)


@app.command()
@user_errors
def demo(
    config: ConfigOption = DEFAULT_CONFIG,
{%- if cookiecutter.serving != 'batch' %}
    requests: Annotated[int, typer.Option(help="How many requests to send.")] = 200,
{%- endif %}
) -> None:
{%- if cookiecutter.serving == 'batch' %}
    """Both loops end to end: the offline loop, a batch run of the champion over the whole
    snapshot, and the drift report of those scores."""
    from .monitoring.traffic import monitor_traffic
    from .offline import pipeline
    from .online.batch_scoring import score_batch
{%- else %}
    """Both loops end to end: the offline loop, then the gateway on a free local port,
    real requests against it, {% if cookiecutter.serving == 'both' %}a batch run over the whole snapshot, {% endif %}and the
    drift report of that traffic."""
    from .demo import serve_and_query
    from .monitoring.traffic import monitor_traffic
    from .offline import pipeline
{%- endif %}

    settings = load_config(config)
    if settings.online_store.on_redis:  # only a project generated with Redis or Feast has it
        from .feature_store.local_redis import ensure_local_redis

        ensure_local_redis(settings.online_store, settings.root, echo)
    result = pipeline.run_all(settings, echo)
{%- if cookiecutter.serving != 'batch' %}
    echo("[serve] starting the gateway on 127.0.0.1")
    request, response = serve_and_query(settings, requests)
    echo(f"  {request['method']} {request['path']} {json.dumps(request['body'])}")
    echo(f"  → {json.dumps(response)}")
{%- endif %}
{%- if cookiecutter.serving == 'both' %}
    from .online.batch_scoring import score_batch
{%- endif %}
{%- if cookiecutter.serving != 'online' %}

    echo(score_batch(settings, echo).summary())
{%- endif %}
    echo("[monitor]")
    outcome = monitor_traffic(settings)
    echo(outcome.summary)
    echo(f"champion: {result.decision.champion} — {result.decision.reason}")


template_app = typer.Typer(
    help="The project template this project was generated from (copier or cruft).",
    no_args_is_help=True,
)
app.add_typer(template_app, name="template")


@template_app.command("status")
@user_errors
def template_status(
    project: Annotated[Path, typer.Option(help="The project's root folder.")] = Path("."),
) -> None:
    """Which template release this project is on, how many releases it is behind, and what
    changed since (the template's CHANGELOG.md). Needs git and the template's repository."""
    from .template_status import status

    echo(status(project).summary())


design_app = typer.Typer(
    help="The design doc (docs/design-doc.md), held against the code and the config.",
    no_args_is_help=True,
)
app.add_typer(design_app, name="design")
DocOption = Annotated[Path, typer.Option("--doc", help="The design doc.")]
DEFAULT_DOC = Path("docs/design-doc.md")


@design_app.command("check")
@user_errors
def design_check(config: ConfigOption = DEFAULT_CONFIG, doc: DocOption = DEFAULT_DOC) -> None:
    """Each item of the design doc as done (with its evidence: a file, a config key, a
    test), open (a question still to answer) or inconsistent (the doc and the code
    disagree), then the ML Test Score. Exits 1 on an inconsistency."""
    settings = load_config(config)
    from .design.commands import check_doc

    raise typer.Exit(check_doc(doc, config, settings, echo))


@design_app.command("sync")
@user_errors
def design_sync(config: ConfigOption = DEFAULT_CONFIG, doc: DocOption = DEFAULT_DOC) -> None:
    """Rewrite the generated parts of the design doc (between `<!-- design:NAME -->`
    markers) from the code and the config; the rest of the doc is the team's and is kept."""
    settings = load_config(config)
    from .design.commands import sync_doc

    sync_doc(doc, settings, echo)


@design_app.command("facts")
@user_errors
def design_facts(config: ConfigOption = DEFAULT_CONFIG) -> None:
    """Print, as JSON, what the code declares and the doc is written from: the raw tables,
    the features, the heuristic and the metrics of the last evaluation."""
    settings = load_config(config)
    from .design.facts import code_facts

    typer.echo(code_facts(settings).to_json(), nl=False)


def main() -> None:
    app()
