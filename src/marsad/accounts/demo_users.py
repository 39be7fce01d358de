"""One demo user per role, so ``marsad demo`` shows what each member of staff sees."""

from __future__ import annotations

import json
import os
import secrets

from marsad.accounts import roles

DEMO_USERS = {
    "monitor": [roles.MONITOR],
    "reviewer": [roles.REVIEWER],
    "analyst": [roles.ANALYST],
}


def ensure_demo_users() -> dict[str, str]:
    """Create the demo users once; their generated passwords are kept (owner-only) in the data
    dir and returned, ``{username: password}``, for users whose password is still that one."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from marsad import config

    kept_file = config.data_dir() / "demo-passwords.json"
    kept: dict[str, str] = json.loads(kept_file.read_text()) if kept_file.exists() else {}
    user_model = get_user_model()
    for username, groups in DEMO_USERS.items():
        if user_model.objects.filter(username=username).exists():
            continue
        kept[username] = secrets.token_urlsafe(12)
        user = user_model.objects.create_user(username=username, password=kept[username])
        user.groups.set(Group.objects.filter(name__in=groups))
    fd = os.open(kept_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(kept, handle)
    users = {u.username: u for u in user_model.objects.filter(username__in=kept)}
    return {
        name: password
        for name, password in kept.items()
        if name in users and users[name].check_password(password)
    }
