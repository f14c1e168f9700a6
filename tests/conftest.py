"""Hypothesis profiles: ``dev`` (default), ``ci`` (derandomized; the default
under CI=true) and ``thorough``, chosen by ``HYPOTHESIS_PROFILE``."""
from hypothesis import settings

from reference.engine import default_profile, register_profiles

register_profiles()
settings.load_profile(default_profile())
