from marsad.audit.context import acting_as


class CurrentUserMiddleware:
    """Makes the logged-in user the author of every change made while handling a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        label = user.get_username() if user else "anonymous"
        with acting_as(user, label):
            return self.get_response(request)
