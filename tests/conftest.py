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
