"""The README's adapter example: a library of plain functions mapped to the
adapter contract for two activations.  Its sigmoid derivative, written as
exp(-x)/(1+exp(-x))**2, is inf/inf = nan below x = -709.78: the audit finds it.
"""
import numpy as np

class _Act:
    def __init__(self, f, df):
        self.forward, self._df = f, df
    def backward(self, x, y=None):
        return self._df(x)

def get_act(name, **params):
    f, df = {"sigmoid": (lambda x: 1/(1+np.exp(-x)), lambda x: np.exp(-x)/(1+np.exp(-x))**2),
             "tanh": (np.tanh, lambda x: 1 - np.tanh(x)**2)}[name]
    return _Act(f, df)
