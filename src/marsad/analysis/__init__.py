"""Analysis over the database: an Arrow snapshot of incidents fed to ``marsad.engines.analysis``."""
