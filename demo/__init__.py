"""The demo newsroom shipped with the project (see ``manage.py load_demo``)."""
