"""Loss functions: the corrected twin of ``ported/seed/errors.py``.

Same classes and registry keys as the seed.  ``forward(y, t)`` returns the
per-element loss, ``backward()`` returns dL/dy of that per-element loss, and
``total_error()`` the mean of the last per-element loss.  The convention
0*log(0) = 0 is used, so a target of exactly 0 (or 1 for the second BCE term)
never turns a finite loss or gradient into nan.  Where the true value is
infinite (e.g. -log(0)), inf is returned quietly.  Lines that differ from the
seed carry a one-line comment saying why.
"""
import numpy as np


def _f(x):
    """Return x as an ndarray of a floating dtype (float64 for int/bool)."""
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return x


def _xlogy(a, y):
    """Return a*log(y) with 0*log(0) = 0 (no nan where a == 0)."""
    ys = np.where(a == 0, 1, y)
    return np.where(a == 0, 0, a*np.log(ys))


def _xlog1my(a, y):
    """Return a*log(1 - y) via log1p, with 0*log(0) = 0 (no nan where a == 0)."""
    ys = np.where(a == 0, 0, y)
    return np.where(a == 0, 0, a*np.log1p(-ys))


class Error():
    """Base class of the losses: forward(y, t), backward(), total_error()."""
    def __init__(self, *args,**kwds):
        """Start with a zero error."""
        self.error = 0


    def forward(self, *args,**kwds):
        """Compute the per-element loss (implemented by subclasses)."""
        pass


    def backward(self, *args,**kwds):
        """Compute dL/dy of the per-element loss (implemented by subclasses)."""
        pass


    def total_error(self, *args,**kwds):
        """Return the mean of the last per-element loss."""
        error = np.asarray(self.error)  # seed failed on a Python scalar (no .size)
        return np.sum(error)/error.size


class SquareError(Error):
    """Squared error: 0.5*(y - t)**2 per element."""
    def forward(self, y, t, *args,**kwds):
        """Store y, t and return 0.5*(y - t)**2."""
        self.y = _f(y)
        self.t = _f(t)
        self.error = 0.5 * (self.y - self.t)**2
        return self.error


    def backward(self, *args,**kwds):
        """Return dL/dy = y - t."""
        return self.y - self.t


class BinaryCrossEntropy(Error):
    """Binary cross-entropy: -t*log(y) - (1 - t)*log(1 - y) per element."""
    def forward(self, y, t, *args,**kwds):
        """Store y, t and return -t*log(y) - (1 - t)*log1p(-y)."""
        self.y = _f(y)
        self.t = _f(t)
        with np.errstate(divide="ignore", under="ignore"):
            # log1p and 0*log(0) = 0: seed gave nan for t = 0, y = 0 (or t = 1, y = 1)
            self.error = -_xlogy(self.t, self.y) - _xlog1my(1 - self.t, self.y)
        return self.error


    def backward(self, *args,**kwds):
        """Return dL/dy = (y - t)/(y*(1 - y)) = -t/y + (1 - t)/(1 - y)."""
        y, t = self.y, self.t
        with np.errstate(divide="ignore", over="ignore", under="ignore"):
            inside = (y > 0) & (y < 1)
            yi = np.where(inside, y, 0.5)
            # divide twice: the seed's product y*(1 - y) underflows for tiny y
            grad_in = (yi - t)/yi/(1 - yi)
            # at y = 0 or 1 use the split form with 0/0 terms taken as 0:
            # seed returned nan for t = y = 0 (true value 1) and t = y = 1 (-1)
            ya = np.where(t == 0, 1, y)
            yb = np.where(t == 1, 0, y)
            grad_edge = (np.where(t == 0, 0, -t/ya)
                         + np.where(t == 1, 0, (1 - t)/(1 - yb)))
            return np.where(inside, grad_in, grad_edge)


class CrossEntropy(Error):
    """Cross-entropy: -t*log(y) per element."""
    def forward(self, y, t, *args,**kwds):
        """Store y, t and return -t*log(y) (0 where t == 0)."""
        self.y = _f(y)
        self.t = _f(t)
        with np.errstate(divide="ignore"):
            self.error = -_xlogy(self.t, self.y)  # seed: 0*log(0) = nan
        return self.error


    def backward(self, *args,**kwds):
        """Return dL/dy = -t/y (0 where t == 0)."""
        with np.errstate(divide="ignore", over="ignore"):
            ys = np.where(self.t == 0, 1, self.y)
            return np.where(self.t == 0, 0, -self.t/ys)  # seed: -0/0 = nan


class SquareErrorFirstListing(SquareError):
    """The article's first SquareError listing, corrected: it is SquareError."""
    # seed's backward returned t - t (always 0)


# Listing ``get_err.py``.
_err_dic = {"Square": SquareError,
            "Binary": BinaryCrossEntropy,
            "Cross": CrossEntropy,
           }


def get_err(name, *args,**kwds):
    """Return a new instance of the loss registered under name."""
    if name in _err_dic.keys():
        errfunc = _err_dic[name](*args,**kwds)
    else:
        raise ValueError(name, ": Unknown error function")

    return errfunc
