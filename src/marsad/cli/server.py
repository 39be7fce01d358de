from __future__ import annotations

import click

from marsad.cli.common import console, fail, needs_django


def initialise_with_progress():
    """``initialise`` with its steps and a progress bar for the gazetteer on the terminal."""
    from rich.progress import Progress

    from marsad.bootstrap import initialise
    from marsad.engines.gazetteer import LEVELS, default_gazetteer

    gazetteer = default_gazetteer()
    total = sum(len(gazetteer.places_at(level)) for level in LEVELS)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Gazetteer", total=total)
        return initialise(
            report=lambda msg: console.print(msg, style="dim"),
            places_progress=lambda done: progress.advance(task, done),
        )


@click.command()
@needs_django
def init() -> None:
    """Create or migrate the database in MARSAD_DATA_DIR and load the reference data.

    Safe to run again: it changes only what is missing or out of date.

    \b
    Example:
      MARSAD_DATA_DIR=/srv/marsad marsad init
    """
    from marsad import config

    summary = initialise_with_progress()
    console.print(
        f"[green]Ready[/] in {config.data_dir()}: codebook {summary.codebook_version}, "
        f"{summary.places['total']} places ({summary.places['created']} new), "
        f"control layer {summary.control['created']} new / {summary.control['unchanged']} unchanged periods."
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--seed", default=2020, show_default=True, type=int, help="Seed of the demo data.")
@click.option("--no-serve", is_flag=True, help="Prepare the demo data but do not start the server.")
@needs_django
def demo(host: str, port: int, seed: int, no_serve: bool) -> None:
    """Set up a demo installation and serve it: database, reference data, demo reports,
    an administrator. Running it again neither fails nor duplicates anything.

    \b
    Example:
      marsad demo                 # then open http://127.0.0.1:8000/
      MARSAD_DATA_DIR=/tmp/try marsad demo --port 8080
    """
    from marsad.accounts.demo_users import ensure_demo_users
    from marsad.bootstrap import ensure_admin
    from marsad.records.demo import load_demo

    initialise_with_progress()
    console.print("Loading the demo data …", style="dim")
    counts = load_demo(seed=seed)
    username, password = ensure_admin()
    console.print(
        f"[green]Demo ready:[/] {counts['reports']} source reports, {counts['incidents']} incidents "
        f"({counts['created']} records created this run)."
    )
    console.print(f"Open [bold]http://{host}:{port}/[/]  user [bold]{username}[/]", highlight=False)
    if password:
        console.print(f"password [bold]{password}[/]", highlight=False)
    else:
        console.print("password: the one you set for this user", highlight=False)
    for role_user, role_password in ensure_demo_users().items():
        console.print(
            f"  {role_user:<9} password [bold]{role_password}[/]  (demo {role_user} role)",
            highlight=False,
        )
    if not no_serve:
        from marsad.server import run

        console.print("Serving; press Ctrl+C to stop.", style="dim")
        run(host=host, port=port)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--threads", default=8, show_default=True, type=int, help="Threads of the one-process server."
)
@click.option(
    "--processes",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Server processes sharing the port, each answering one request at a time (gunicorn; "
    "one per CPU core suits a busy office; Linux/macOS).",
)
@needs_django
def serve(host: str, port: int, threads: int, processes: int) -> None:
    """Serve the web app: waitress in one process, or gunicorn workers with --processes
    (production WSGI servers, no reverse proxy needed for a small office; put one in front
    for HTTPS).

    \b
    Examples:
      marsad serve --host 0.0.0.0 --port 8000
      marsad serve --host 0.0.0.0 --processes 2      # use both cores of a 2-core server
    """
    from marsad.server import run

    console.print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    run(host=host, port=port, threads=threads, processes=processes)


@click.command()
@needs_django
def check() -> None:
    """Check the configuration and the integrity of the data; exit 1 on any problem.

    \b
    Example:
      marsad check
    """
    from marsad.checks import run_checks

    results = run_checks()
    for result in results:
        mark = "[green]ok[/]  " if result.ok else "[red]FAIL[/]"
        console.print(f"{mark} {result.name}: {result.detail}", highlight=False)
    problems = [f"{r.name}: {r.detail}" for r in results if not r.ok]
    if problems:
        fail(problems, f"{len(problems)} check(s) failed")


@click.command(
    "django",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@needs_django
def django_command(args: tuple[str, ...]) -> None:
    """Run one of Django's management commands against this installation.

    \b
    Example:
      marsad django createsuperuser
      marsad django migrate --plan
    """
    from django.core.management import execute_from_command_line

    execute_from_command_line(["marsad django", *args])
