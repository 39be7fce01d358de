from marsad import __version__


def marsad(request):
    """What every page's frame shows."""
    return {"version": __version__}
