import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data (codebook, gazetteer, control layer) once per run.

    Each test runs in a transaction that is rolled back, so this stays as loaded.
    """
    from marsad.bootstrap import initialise

    with django_db_blocker.unblock():
        initialise(report=lambda message: None)


@pytest.fixture
def admin_user_ar(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", password="a long passphrase 1")


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Pages are cached under the data generation, which each test's rollback resets: no test
    may see what the one before it cached."""
    from django.core.cache import cache

    cache.clear()
