from __future__ import annotations

import csv

import click

from marsad.cli.common import console, fail, needs_django, output, print_json


@click.group("crosscheck")
def crosscheck_group() -> None:
    """Find the accounts that tell the same incident, file them into incidents, and measure
    how well it does.

    \b
    Examples:
      marsad crosscheck run                 # after an import: score only what is new
      marsad crosscheck explain 1234        # why report 1234 was (not) linked
      marsad crosscheck evaluate truth.csv  # precision and recall against a hand-made truth
    """


@crosscheck_group.command("run")
@click.option("--full", is_flag=True, help="Score every report again, not only the new ones.")
@needs_django
def run_command(full: bool) -> None:
    """Score the reports entered since the last run against all others, link them into
    incidents (never undoing a reviewer's link, split or decision) and queue doubtful pairs.

    \b
    Example:
      marsad import reports january.xlsx && marsad crosscheck run
    """
    from marsad.crosscheck.services import run_crosscheck

    run = run_crosscheck(full=full).run
    console.print(
        f"[green]Run #{run.pk}:[/] {run.new_reports} new reports scored, "
        f"{run.reports_linked} linked ({run.incidents_created} new incidents), "
        f"{run.pairs_found} pairs queued for review.",
        highlight=False,
    )


@crosscheck_group.command("explain")
@click.argument("report_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@needs_django
def explain_command(report_id: int, as_json: bool) -> None:
    """Every candidate match of one report, with what each comparison contributed.

    \b
    Example:
      marsad crosscheck explain 1234
    """
    from marsad.crosscheck.services import explain_report

    try:
        explanations = explain_report(report_id)
    except LookupError as missing:
        fail([str(missing)], "Cannot explain:")
    if as_json:
        print_json([e.as_dict() for e in explanations])
        return
    if not explanations:
        output.print(f"Report {report_id} has no candidate match.")
    for e in explanations:
        other = e.report_id_r if e.report_id_l == report_id else e.report_id_l
        output.print(
            f"[bold]{report_id} ~ {other}[/]: probability {e.match_probability:.3f} "
            f"(weight {e.match_weight:+.2f} = prior {e.prior_weight:+.2f}"
            f" + term frequency {e.tf_adjustment:+.2f} + comparisons)",
            highlight=False,
        )
        for c in e.contributions:
            output.print(f"    {c.comparison:<14} {c.level:<16} {c.weight:+.2f}  {c.description}")


@crosscheck_group.command("evaluate")
@click.argument("truth_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@needs_django
def evaluate_command(truth_file: str, as_json: bool) -> None:
    """Compare the incidents in the database with a ground truth: a CSV with columns
    report_id (the report's number in Marsad) and incident (any label shared by the reports of
    one true incident).  Prints pairwise and B-cubed precision, recall and F1.

    \b
    Example:
      marsad crosscheck evaluate truth.csv
    """
    from marsad.crosscheck.services import evaluate_against

    with open(truth_file, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"report_id", "incident"} <= set(rows[0]):
        fail([truth_file], "The truth file needs the columns report_id and incident:")
    labels: dict[str, int] = {}
    try:
        truth = {int(r["report_id"]): labels.setdefault(r["incident"], len(labels)) for r in rows}
    except ValueError as bad:
        fail([str(bad)], "Every report_id must be a number:")
    metrics = evaluate_against(truth)
    if as_json:
        print_json(metrics.as_dict())
        return
    output.print(
        f"{metrics.reports} reports, {metrics.true_clusters} true incidents, "
        f"{metrics.predicted_clusters} in Marsad\n"
        f"pairwise  precision {metrics.pairwise_precision:.4f}  recall "
        f"{metrics.pairwise_recall:.4f}  F1 {metrics.pairwise_f1:.4f}\n"
        f"B-cubed   precision {metrics.bcubed_precision:.4f}  recall "
        f"{metrics.bcubed_recall:.4f}  F1 {metrics.bcubed_f1:.4f}",
        highlight=False,
    )
