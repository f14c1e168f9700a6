"""The seed with one known defect fixed: softmin's backward.

The seed's ``softmin.backward`` is not the derivative of its forward (ledger
entry ``softmin:backward``).  Here it returns the Jacobian's diagonal
-y(1 - y), with y computed stably, and everything else is the seed's.  Audited
against the seed ledger, the defect no longer reproduces: exit 1, naming it.
"""
import numpy as np

from ported.seed import *  # noqa: F401,F403
from ported.seed import activators as _seed


class softmin(_seed.softmin):
    def backward(self, x, *args, **kwds):
        shifted = np.exp(-(x - np.min(x)))
        y = shifted / np.sum(shifted)
        return -y * (1 - y)


def get_act(name, *args, **kwds):
    if name == "softmin":
        return softmin(*args, **kwds)
    return _seed.get_act(name, *args, **kwds)
