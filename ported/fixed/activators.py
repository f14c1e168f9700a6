"""Activation functions: the corrected twin of ``ported/seed/activators.py``.

Same classes and registry keys as the seed.  Every ``forward`` is written in a
form that stays finite wherever the true value is finite (|x| up to ~1e308),
every ``backward(x, y=None)`` returns the exact elementwise derivative
(the Jacobian's diagonal for softmax, softmin and log-softmax, which also get
``vjp(x, g)``), and dtypes are preserved: float32 in gives float32 out, float64
gives float64, integer or boolean input is computed in float64.

Underflow to zero (e.g. exp(-1e300)) is the correctly rounded result and is
silenced locally, so the functions also run under ``np.seterr(all="raise")``.
Lines that differ from the seed carry a one-line comment saying why.
"""
import numpy as np


# SELU constants from Klambauer et al. (2017), full precision.
_SELU_LAMBDA = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717

# (x - tanh x)/x**3 as a power series in x**2 (from Bernoulli numbers); used
# for |x| < _TS_SMALL where x - tanh(x) would cancel catastrophically.
_TS_COEF = (
    0.3333333333333333, -0.13333333333333333, 0.05396825396825397,
    -0.021869488536155203, 0.008863235529902197, -0.003592128036572481,
    0.0014558343870513183, -0.000590027440945586, 0.00023912911424355248,
    -9.691537956929451e-05, 3.927832388331683e-05, -1.5918905069328964e-05,
    6.451689215655431e-06, -2.6147711512907546e-06, 1.0597268320104654e-06,
    -4.294911078273806e-07, 1.7406618963571648e-07, -7.054636946400968e-08,
    2.859136662305254e-08, -1.1587644432798853e-08, 4.6962953982309016e-09,
    -1.903336833931276e-09,
)
_TS_SMALL = 0.6

# Above this, tanh(exp(x)) == 1 and exp(x)*sech(exp(x))**2 == 0 in float64
# and float32; clipping keeps exp from overflowing.
_TANHEXP_CLIP = 40.0


def _f(x):
    """Return x as an ndarray of a floating dtype (float64 for int/bool)."""
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return x


def _like(v, x):
    """Return v as an ndarray with the dtype of x."""
    return np.asarray(v).astype(x.dtype, copy=False)


def _sigmoid(x):
    """Logistic function 1/(1+exp(-x)), overflow-free via exp(-|x|)."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1/(1 + e), e/(1 + e))


def _dsigmoid(x):
    """sigmoid(x)*sigmoid(-x) = e/(1+e)**2 with e = exp(-|x|); exact in the tails."""
    e = np.exp(-np.abs(x))
    return e/(1 + e)**2


def _sech2(x):
    """sech(x)**2 = 4e/(1+e)**2 with e = exp(-2|x|); no cancellation, no overflow."""
    e = np.exp(-2*np.abs(x))
    return 4*e/(1 + e)**2


def _softmax_parts(x):
    """Shifted exponentials along the last axis: (z = x - max, e = exp(z), s = sum e, r = s - 1).

    r, the sum of the entries other than one arg-max (whose e is exactly 1),
    is summed directly so that s - 1, 1 - softmax and log(s) = log1p(r) do not
    cancel when the arg-max dominates.
    """
    m = np.max(x, axis=-1, keepdims=True)
    with np.errstate(over="ignore"):
        z = x - m  # may round to -inf for |x|~1e308: the correct limit
    e = np.exp(z)
    idx = np.expand_dims(np.argmax(x, axis=-1), -1)
    rest = e.copy()
    np.put_along_axis(rest, idx, 0, axis=-1)
    r = np.sum(rest, axis=-1, keepdims=True)
    s = 1 + r
    return z, e, s, r, idx


def _one_minus_softmax(e, s, r, idx):
    """1 - softmax along the last axis, without cancellation (r/s at the arg-max)."""
    # s - e_i >= s/2 away from the arg-max, so only the arg-max needs r
    comp = s - e
    np.put_along_axis(comp, idx, r, axis=-1)
    return comp/s


def _lastaxis(fn):
    """Decorator: apply a last-axis method to a float array (0-d treated as length 1)."""
    def wrapped(self, x, *args, **kwds):
        """Call the wrapped last-axis method on a float array."""
        x = _f(x)
        if x.ndim == 0:
            return fn(self, x.reshape(1), *args, **kwds).reshape(())
        return fn(self, x, *args, **kwds)
    wrapped.__name__ = fn.__name__
    wrapped.__qualname__ = fn.__qualname__
    wrapped.__doc__ = fn.__doc__
    return wrapped


def _no_underflow(fn):
    """Decorator: run fn with floating-point underflow ignored (rounding to 0 is correct)."""
    def wrapped(*args, **kwds):
        """Call the wrapped method under np.errstate(under="ignore")."""
        with np.errstate(under="ignore"):
            return fn(*args, **kwds)
    wrapped.__name__ = fn.__name__
    wrapped.__qualname__ = fn.__qualname__
    wrapped.__doc__ = fn.__doc__
    return wrapped


class Activator():
    """Base class of the activations: forward(x), backward(x, y=None), update()."""
    def __init_subclass__(cls, **kwds):
        """Make forward/backward/d2y/vjp of every subclass tolerate underflow to 0."""
        # new: exp(-1e300) etc. underflow to the correctly rounded 0; without
        # this, np.seterr(all="raise") would turn those into errors
        super().__init_subclass__(**kwds)
        for name in ("forward", "backward", "d2y", "vjp"):
            fn = cls.__dict__.get(name)
            if fn is not None:
                setattr(cls, name, _no_underflow(fn))


    def __init__(self, *args,**kwds):
        """Accept and ignore any arguments."""
        pass


    def forward(self, *args,**kwds):
        """Compute the activation (implemented by subclasses)."""
        raise Exception("Not Implemented")


    def backward(self, *args,**kwds):
        """Compute the elementwise derivative (implemented by subclasses)."""
        raise Exception("Not Implemented")


    def update(self, *args,**kwds):
        """Parameter update hook: activations have no parameters."""
        pass


class step(Activator):
    """Heaviside step: 1 for x > 0, else 0."""
    def forward(self, x, *args,**kwds):
        """Return 1.0 where x > 0, else 0.0, in x's float dtype."""
        x = _f(x)
        return _like(x > 0, x)  # seed returned an integer array


    def backward(self, x, y=None, *args,**kwds):
        """Return 0 (the derivative away from the jump at 0)."""
        return np.zeros_like(_f(x))  # seed kept integer dtype for int input


class identity(Activator):
    """Identity: f(x) = x."""
    def forward(self, x, *args,**kwds):
        """Return x (as a float array)."""
        return _f(x)


    def backward(self, x, y=None, *args,**kwds):
        """Return 1."""
        return np.ones_like(_f(x))


class bentIdentity(Activator):
    """Bent identity: f(x) = (sqrt(x**2+1) - 1)/2 + x."""
    def forward(self, x, *args,**kwds):
        """Return (hypot(x,1) - 1)/2 + x, written as x*(x/(hypot+1))/2 + x."""
        x = _f(x)
        h = np.hypot(x, 1)
        # seed's x**2 overflows past |x|~1e154 and sqrt(x**2+1)-1 cancels near 0
        return 0.5*x*(x/(h + 1)) + x


    def backward(self, x, y=None, *args,**kwds):
        """Return x/(2*sqrt(x**2+1)) + 1."""
        x = _f(x)
        return 0.5*x/np.hypot(x, 1) + 1  # hypot: seed's x**2 overflowed


class hardShrink(Activator):
    """Hard shrink: 0 on [-lambda, lambda], x elsewhere."""
    def __init__(self, lambda_=0.5, *args,**kwds):
        """Store the half-width lambda_ of the dead zone."""
        self.lambda_ = lambda_
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return 0 for |x| <= lambda_, else x."""
        x = _f(x)
        return np.where((-self.lambda_ <= x) & (x <= self.lambda_),
                        _like(0, x), x)


    def backward(self, x, y=None, *args,**kwds):
        """Return 0 on [-lambda_, lambda_], 1 elsewhere."""
        x = _f(x)
        return _like(~((-self.lambda_ <= x) & (x <= self.lambda_)), x)  # seed: int dtype


class softShrink(Activator):
    """Soft shrink: x + lambda for x < -lambda, x - lambda for x > lambda, else 0."""
    def __init__(self, lambda_=0.5, *args,**kwds):
        """Store the shrink amount lambda_."""
        self.lambda_ = lambda_
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return sign(x)*max(|x| - lambda_, 0)."""
        x = _f(x)
        return _like(np.where(x < -self.lambda_, x + self.lambda_,
                              np.where(x > self.lambda_, x - self.lambda_, 0)),
                     x)


    def backward(self, x, y=None, *args,**kwds):
        """Return 0 on [-lambda_, lambda_] (a valid subgradient at the kinks), 1 elsewhere."""
        x = _f(x)
        return _like(~((-self.lambda_ <= x) & (x <= self.lambda_)), x)  # seed: int dtype


class threshold(Activator):
    """Threshold: x where x > threshold, else value."""
    # seed had no defaults (threshold, value required); 0.0/0.0 gives ReLU
    def __init__(self, threshold=0.0, value=0.0, *args,**kwds):
        """Store the threshold and the replacement value."""
        self.threshold = threshold
        self.value = value
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return x where x > threshold, else value."""
        x = _f(x)
        return _like(np.where(x > self.threshold, x, self.value), x)


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 where x > threshold, else 0."""
        x = _f(x)
        return _like(x > self.threshold, x)  # seed: int dtype


class sigmoid(Activator):
    """Logistic sigmoid: 1/(1+exp(-x))."""
    def forward(self, x, *args,**kwds):
        """Return 1/(1+exp(-x)) without overflow."""
        x = _f(x)
        return _sigmoid(x)  # seed's exp(-x) overflowed for x < -709


    # seed required y and used y*(1-y), which is 0 (not e^-|x|) once y rounds to 1
    def backward(self, x, y=None, *args,**kwds):
        """Return sigmoid(x)*(1-sigmoid(x)) from x (y is accepted and not needed)."""
        x = _f(x)
        return _dsigmoid(x)


class hardSigmoid(Activator):
    """Hard sigmoid: clip(0.2x + 0.5, 0, 1)."""
    def forward(self, x, *args,**kwds):
        """Return clip(0.2*x + 0.5, 0, 1)."""
        x = _f(x)
        return np.clip(0.2*x + 0.5, 0, 1)


    def backward(self, x, y=None, *args,**kwds):
        """Return 0.2 on [-2.5, 2.5] (kinks included), 0 elsewhere."""
        x = _f(x)
        return _like(np.where((x > 2.5) | (x < -2.5), 0, 0.2), x)


class logSigmoid(Activator):
    """Log-sigmoid: log(1/(1+exp(-x))) = -logaddexp(0, -x)."""
    def forward(self, x, *args,**kwds):
        """Return -logaddexp(0, -x)."""
        x = _f(x)
        return -np.logaddexp(0, -x)  # seed's log(1+exp(-x)) overflowed for x < -709


    def backward(self, x, y=None, *args,**kwds):
        """Return 1/(1+exp(x)) = sigmoid(-x)."""
        x = _f(x)
        return _sigmoid(-x)  # seed's exp(x) overflowed for x > 709


class act_tanh(Activator):
    """Hyperbolic tangent."""
    def forward(self, x, *args,**kwds):
        """Return tanh(x)."""
        return np.tanh(_f(x))


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 - tanh(x)**2 = sech(x)**2."""
        x = _f(x)
        return _sech2(x)  # seed's 1 - tanh**2 is 0 instead of 4e^-2|x| for |x| > 19


class hardtanh(Activator):
    """Hard tanh: clip(x, -1, 1)."""
    def forward(self, x, *args,**kwds):
        """Return clip(x, -1, 1)."""
        return np.clip(_f(x), -1, 1)


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 on [-1, 1] (kinks included), 0 elsewhere."""
        x = _f(x)
        return _like((-1 <= x) & (x <= 1), x)  # seed: int dtype


class tanhShrink(Activator):
    """Tanh shrink: x - tanh(x)."""
    def forward(self, x, *args,**kwds):
        """Return x - tanh(x), by its Taylor series near 0."""
        x = _f(x)
        # seed's x - tanh(x) loses all relative precision as x -> 0
        small = np.abs(x) < _TS_SMALL
        xs = np.where(small, x, 0)
        x2 = xs*xs
        p = np.zeros_like(x)
        for c in reversed(_TS_COEF):
            p = p*x2 + c
        return np.where(small, p*x2*xs, x - np.tanh(x))


    def backward(self, x, y=None, *args,**kwds):
        """Return tanh(x)**2."""
        return np.tanh(_f(x))**2


class ReLU(Activator):
    """Rectified linear unit: max(0, x)."""
    def forward(self, x, *args,**kwds):
        """Return max(0, x)."""
        return np.maximum(_f(x), 0)


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 for x > 0, else 0 (ReLU'(0) = 0)."""
        x = _f(x)
        return _like(x > 0, x)  # seed: int dtype


class ReLU6(Activator):
    """ReLU6: clip(x, 0, 6)."""
    def forward(self, x, *args,**kwds):
        """Return clip(x, 0, 6)."""
        return np.clip(_f(x), 0, 6)


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 on (0, 6), 0 elsewhere (0 at both kinks)."""
        x = _f(x)
        return _like((0 < x) & (x < 6), x)  # seed: int dtype


class leakyReLU(Activator):
    """Leaky ReLU: x for x >= 0, alpha*x for x < 0."""
    def __init__(self, alpha=1e-2, *args,**kwds):
        """Store the negative-side slope alpha."""
        self.alpha = alpha
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return x for x >= 0, alpha*x otherwise."""
        x = _f(x)
        # seed's max(alpha*x, x) is this only for alpha <= 1 (wrong branch for alpha > 1)
        return np.where(x >= 0, x, self.alpha*x)


    def backward(self, x, y=None, *args,**kwds):
        """Return alpha for x < 0, 1 for x >= 0."""
        x = _f(x)
        return _like(np.where(x < 0, self.alpha, 1), x)


class ELU(Activator):
    """ELU: x for x >= 0, alpha*(exp(x) - 1) for x < 0."""
    def __init__(self, alpha=1., *args,**kwds):
        """Store alpha."""
        self.alpha = alpha
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return x for x >= 0, alpha*expm1(x) for x < 0."""
        x = _f(x)
        # expm1 on the clipped argument: seed's exp(x) - 1 cancels near 0
        # and overflows (unused branch) for x > 709
        return np.where(x >= 0, x, self.alpha*np.expm1(np.minimum(x, 0)))


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 for x >= 0, alpha*exp(x) for x < 0."""
        x = _f(x)
        # clipped argument: seed's unused exp(x) branch overflowed for x > 709
        return np.where(x >= 0, _like(1, x),
                        self.alpha*np.exp(np.minimum(x, 0)))


class SELU(Activator):
    """SELU: lambda*x for x >= 0, lambda*alpha*(exp(x) - 1) for x < 0."""
    # seed's defaults 1.0507 / 1.67326 were truncated: exact published constants
    def __init__(self, lambda_=_SELU_LAMBDA, alpha=_SELU_ALPHA, *args,**kwds):
        """Store lambda_ and alpha (defaults: Klambauer et al. constants)."""
        self.lambda_ = lambda_
        self.alpha = alpha
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return lambda*x for x >= 0, lambda*alpha*expm1(x) for x < 0."""
        x = _f(x)
        # expm1 on the clipped argument (no cancellation, no unused overflow)
        return np.where(x >= 0, self.lambda_*x,
                        self.lambda_*self.alpha*np.expm1(np.minimum(x, 0)))


    def backward(self, x, y=None, *args,**kwds):
        """Return lambda for x >= 0, lambda*alpha*exp(x) for x < 0."""
        x = _f(x)
        # clipped argument: seed's unused exp(x) branch overflowed for x > 709
        return np.where(x >= 0, _like(self.lambda_, x),
                        self.lambda_*self.alpha*np.exp(np.minimum(x, 0)))


class CELU(Activator):
    """CELU: x for x >= 0, alpha*(exp(x/alpha) - 1) for x < 0."""
    def __init__(self, alpha=1., *args,**kwds):
        """Store alpha (> 0)."""
        self.alpha = alpha
        super().__init__(*args,**kwds)


    def _arg(self, x):
        """Return min(x, 0)/alpha, bounded below so the division cannot overflow."""
        return np.maximum(np.minimum(x, 0), -800.0*self.alpha)/self.alpha


    def forward(self, x, *args,**kwds):
        """Return x for x >= 0, alpha*expm1(x/alpha) for x < 0."""
        x = _f(x)
        # expm1 on the clipped argument (no cancellation, no unused overflow)
        return np.where(x >= 0, x, self.alpha*np.expm1(self._arg(x)))


    def backward(self, x, y=None, *args,**kwds):
        """Return 1 for x >= 0, exp(x/alpha) for x < 0."""
        x = _f(x)
        # clipped argument: seed's unused exp(x/alpha) branch overflowed
        return np.where(x >= 0, _like(1, x), np.exp(self._arg(x)))


class softmax(Activator):
    """Softmax along the last axis: exp(x)/sum(exp(x))."""
    # seed summed over the whole array (wrong for batches) and overflowed for x > 709
    @_lastaxis
    def forward(self, x, *args,**kwds):
        """Return exp(x - max)/sum(exp(x - max)) row-wise along the last axis."""
        _, e, s, _, _ = _softmax_parts(x)
        return e/s


    @_lastaxis
    def backward(self, x, y=None, *args,**kwds):
        """Return the Jacobian diagonal y*(1 - y), y = softmax(x), row-wise."""
        _, e, s, r, idx = _softmax_parts(x)
        return (e/s)*_one_minus_softmax(e, s, r, idx)


    @_lastaxis
    def vjp(self, x, g, *args,**kwds):
        """Return J^T g = y*(g - sum(g*y)), y = softmax(x), row-wise along the last axis."""
        # new: backward gives only the diagonal; this is the true backward pass
        _, e, s, _, _ = _softmax_parts(x)
        y = e/s
        g = np.asarray(g)
        return y*(g - np.sum(g*y, axis=-1, keepdims=True))


class softmin(Activator):
    """Softmin along the last axis: softmax(-x)."""
    @_lastaxis
    def forward(self, x, *args,**kwds):
        """Return exp(-x - max(-x))/sum(...) row-wise along the last axis."""
        _, e, s, _, _ = _softmax_parts(-x)
        return e/s


    # seed mixed exp(x) into the derivative of exp(-x)/sum(exp(-x)): wrong values
    @_lastaxis
    def backward(self, x, y=None, *args,**kwds):
        """Return the Jacobian diagonal -y*(1 - y), y = softmin(x), row-wise."""
        _, e, s, r, idx = _softmax_parts(-x)
        return -(e/s)*_one_minus_softmax(e, s, r, idx)


    @_lastaxis
    def vjp(self, x, g, *args,**kwds):
        """Return J^T g = -y*(g - sum(g*y)), y = softmin(x), row-wise along the last axis."""
        _, e, s, _, _ = _softmax_parts(-x)
        y = e/s
        g = np.asarray(g)
        return -y*(g - np.sum(g*y, axis=-1, keepdims=True))


class logSoftmax(Activator):
    """Log-softmax along the last axis: x - logsumexp(x)."""
    @_lastaxis
    def forward(self, x, *args,**kwds):
        """Return (x - max) - log(sum(exp(x - max))) row-wise along the last axis."""
        z, _, _, r, _ = _softmax_parts(x)
        # log1p(r) = log(s) without rounding s: seed's log(exp(x)/sum) overflowed
        return z - np.log1p(r)


    @_lastaxis
    def backward(self, x, y=None, *args,**kwds):
        """Return the Jacobian diagonal 1 - softmax(x), row-wise."""
        _, e, s, r, idx = _softmax_parts(x)
        return _one_minus_softmax(e, s, r, idx)


    @_lastaxis
    def vjp(self, x, g, *args,**kwds):
        """Return J^T g = g - softmax(x)*sum(g), row-wise along the last axis."""
        _, e, s, _, _ = _softmax_parts(x)
        g = np.asarray(g)
        return g - (e/s)*np.sum(g, axis=-1, keepdims=True)


class softplus(Activator):
    """Softplus: log(1 + exp(x))."""
    def forward(self, x, *args,**kwds):
        """Return logaddexp(x, 0)."""
        x = _f(x)
        return np.logaddexp(x, 0)


    def backward(self, x, y=None, *args,**kwds):
        """Return sigmoid(x)."""
        x = _f(x)
        return _sigmoid(x)  # seed's exp(-x) overflowed for x < -709


class softsign(Activator):
    """Softsign: x/(1 + |x|)."""
    def forward(self, x, *args,**kwds):
        """Return x/(1 + |x|)."""
        x = _f(x)
        return x/(1 + np.abs(x))


    def backward(self, x, y=None, *args,**kwds):
        """Return 1/(1 + |x|)**2."""
        x = _f(x)
        return (1/(1 + np.abs(x)))**2  # square the reciprocal: seed's (1+|x|)**2 overflowed


class Swish(Activator):
    """Swish: x*sigmoid(beta*x)."""
    def __init__(self, beta=1, *args,**kwds):
        """Store beta."""
        self.beta = beta
        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return x*sigmoid(beta*x)."""
        x = _f(x)
        return x*_sigmoid(self.beta*x)  # seed's exp(-beta*x) overflowed


    # seed required y; same maths, but exp(-beta*x) overflowed for beta*x < -709
    def backward(self, x, y=None, *args,**kwds):
        """Return sigmoid(bx) + bx*sigmoid(bx)*sigmoid(-bx), b = beta (y not needed)."""
        x = _f(x)
        bx = self.beta*x
        return _sigmoid(bx) + bx*_dsigmoid(bx)


    def d2y(self, x, *args,**kwds):
        """Return the second derivative b*p*(2 - bx*tanh(bx/2)), p = sigmoid'(bx)."""
        x = _f(x)
        bx = self.beta*x
        p = _dsigmoid(bx)
        # same value as seed; p first so bx*p never forms inf*0
        return self.beta*(2*p - (bx*p)*np.tanh(0.5*bx))


class Mish(Activator):
    """Mish: x*tanh(softplus(x))."""
    def forward(self, x, *args,**kwds):
        """Return x*tanh(logaddexp(x, 0))."""
        x = _f(x)
        return x*np.tanh(np.logaddexp(x, 0))


    @staticmethod
    def _parts(x):
        """Return t = tanh(sp), s = sech(sp)**2, sigmoid(x), sigmoid(-x); sp = softplus(x)."""
        # one e = exp(-|x|) serves all four; q = exp(-2 sp) = 1/(1+e^x)**2 is
        # written so it cannot overflow, and sech(sp)**2 = 4q/(1+q)**2 does not
        # cancel for q in (0, 1]; for x < 0, t = n(n+2)/(n(n+2)+2), n = e^x,
        # avoids the cancellation of (1-q)/(1+q) as q -> 1
        pos = x >= 0
        e = np.exp(-np.abs(x))
        r = 1/(1 + e)
        q = np.where(pos, e*e, 1)*(r*r)
        ne = e*(e + 2)
        t = np.where(pos, (1 - q)/(1 + q), ne/(ne + 2))
        s = 4*q/(1 + q)**2
        sg = np.where(pos, r, e*r)
        sgm = np.where(pos, e*r, r)
        return t, s, sg, sgm


    # seed's closed form used exp(3x): inf/inf = nan for x > 236
    def backward(self, x, y=None, *args,**kwds):
        """Return tanh(sp) + x*sigmoid(x)*sech(sp)**2, sp = softplus(x)."""
        x = _f(x)
        t, s, sg, _ = self._parts(x)
        return t + x*(sg*s)


    def d2y(self, x, *args,**kwds):
        """Return the second derivative s*sg*(2 + x*(sigmoid(-x) - 2*t*sg))."""
        x = _f(x)
        t, s, sg, sgm = self._parts(x)
        c = sgm - 2*t*sg
        ss = s*sg
        # seed's closed form used exp(3x): nan for x > 236
        return 2*ss + (x*ss)*c


class tanhExp(Activator):
    """TanhExp: x*tanh(exp(x))."""
    def forward(self, x, *args,**kwds):
        """Return x*tanh(exp(x))."""
        x = _f(x)
        # clip: seed's exp(x) overflowed for x > 709 (tanh is already 1 at x = 4)
        return x*np.tanh(np.exp(np.minimum(x, _TANHEXP_CLIP)))


    @staticmethod
    def _parts(x):
        """Return u = exp(x) (clipped), tanh(u) and h = u*sech(u)**2."""
        u = np.exp(np.minimum(x, _TANHEXP_CLIP))
        return u, np.tanh(u), u*_sech2(u)


    # seed's x*exp(x)*(tanh**2 - 1) is x*inf*0 = nan for x > 709
    def backward(self, x, y=None, *args,**kwds):
        """Return tanh(e^x) + x*e^x*sech(e^x)**2."""
        x = _f(x)
        _, th, h = self._parts(x)
        return th + x*h


    def d2y(self, x, *args,**kwds):
        """Return the second derivative e^x*sech(e^x)**2*(2 + x - 2*x*e^x*tanh(e^x))."""
        x = _f(x)
        u, th, h = self._parts(x)
        # same value as seed without exp overflow (inf*0 = nan for x > 709)
        return h*(2 + x) - 2*(x*((u*h)*th))  # x*0 first: 2*x overflows at |x|~1e308


class maxout(Activator):
    """Maxout layer: y_j = max over k of (x @ w + b) in group j (n groups of k)."""
    # seed called np.random.rand with a tuple (crash), forward was 1-D only and
    # backward stopped after a wrong first line; this is a working layer
    def __init__(self, n_prev, n, k, wb_width=5e-2, *args, seed=None, **kwds):
        """Draw w (n_prev, n*k) and b (n*k,) as wb_width*uniform[0, 1) from default_rng(seed)."""
        self.n_prev = n_prev
        self.n = n
        self.k = k
        rng = np.random.default_rng(seed)
        self.w = wb_width*rng.random((n_prev, n*k))
        self.b = wb_width*rng.random(n*k)

        super().__init__(*args,**kwds)


    def forward(self, x, *args,**kwds):
        """Return the group maxima, shape (n,) for x (n_prev,) or (batch, n) for (batch, n_prev)."""
        x = _f(x)
        self.x = x.copy()
        z = x @ self.w + self.b
        self.z = z.reshape(z.shape[:-1] + (self.n, self.k))
        self.idx = np.argmax(self.z, axis=-1)
        self.y = np.take_along_axis(self.z, self.idx[..., None], axis=-1)[..., 0]
        return self.y


    def backward(self, g, *args,**kwds):
        """Return dL/dx for upstream g (shape of y); store dL/dw in dw and dL/db in db."""
        g = np.asarray(g)
        dz = np.zeros(self.z.shape, dtype=np.result_type(self.z, g))
        # the gradient goes to the (first) arg-max of each group: a valid subgradient
        np.put_along_axis(dz, self.idx[..., None], g[..., None], axis=-1)
        dz = dz.reshape(dz.shape[:-2] + (self.n*self.k,))
        x2 = self.x.reshape(-1, self.n_prev)
        dz2 = dz.reshape(-1, self.n*self.k)
        self.dw = x2.T @ dz2
        self.db = np.sum(dz2, axis=0)
        return dz @ self.w.T


    def update(self, optimizer=None, *args,**kwds):
        """Apply optimizer.update(dw, db, ...) to w and b (no-op without an optimizer)."""
        if optimizer is None:
            return
        dw, db = optimizer.update(self.dw, self.db, *args,**kwds)
        self.w = self.w + dw
        self.b = self.b + db


# Listing ``get_act.py`` (same keys as the seed; maxout is a layer, not registered).
_act_dic = {"step": step,
            "identity": identity,
            "bent-identity": bentIdentity,
            "hard-shrink": hardShrink,
            "soft-shrink": softShrink,
            "threshold": threshold,
            "sigmoid": sigmoid,
            "hard-sigmoid": hardSigmoid,
            "log-sigmoid": logSigmoid,
            "tanh": act_tanh,
            "tanh-shrink": tanhShrink,
            "hard-tanh":hardtanh,
            "ReLU": ReLU,
            "ReLU6": ReLU6,
            "leaky-ReLU": leakyReLU,
            "ELU": ELU,
            "SELU": SELU,
            "CELU": CELU,
            "softmax": softmax,
            "softmin": softmin,
            "log-softmax": logSoftmax,
            "softplus": softplus,
            "softsign": softsign,
            "Swish": Swish,
            "Mish": Mish,
            "tanhExp": tanhExp,
           }


def get_act(name, *args,**kwds):
    """Return a new instance of the activation registered under name."""
    if name in _act_dic.keys():
        activator = _act_dic[name](*args,**kwds)
    else:
        raise ValueError(name, ": Unknown activator")

    return activator
