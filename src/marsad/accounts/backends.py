"""Django's model backend with each user's permissions read once per data generation.

Every page checks permissions, and Django reads them with two queries per request (the user's
own, and their groups').  Here the sets are cached under the generation
(:mod:`marsad.records.generation`), which changes whenever a group's or a user's permissions
or a membership change, so a granted or withdrawn permission counts on the next request.
Whether the user is active or a superuser is read from the user row of this very request.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            from marsad.records import generation

            found = generation.cached(
                "permissions",
                (from_name, user_obj.pk, user_obj.is_superuser),
                lambda: super(CachedPermissionsBackend, self)._get_permissions(
                    user_obj, obj, from_name
                ),
            )
            setattr(user_obj, attribute, set(found))
        return getattr(user_obj, attribute)
