"""The corrected twin of ``ported.seed``: same public API, defects fixed.

Public API as in the article: the activation, optimizer and loss classes and
the registries ``get_act``, ``get_opt``, ``get_err``.  Each difference from
the seed is commented where it is made.
"""
from .activators import *  # noqa: F401,F403
from .activators import get_act
from .errors import *  # noqa: F401,F403
from .errors import get_err
from .optimizers import *  # noqa: F401,F403
from .optimizers import get_opt
