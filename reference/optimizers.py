"""Reference optimizers, written from the papers, in JAX (float64).

Each algorithm is a factory that takes its hyperparameters as keyword arguments
and returns an :class:`Optimizer`: a pair of pure functions

* ``init(params, *, noise=None) -> state``
* ``update(grads, state, params=None, *, f=None, noise=None) -> (steps, new_state)``

``params``/``grads``/``steps`` are pytrees (e.g. ``{"w": ..., "b": ...}``), so
weights and biases of different shapes are handled alike. ``steps`` is the
*delta added to the parameters* (what the article's ``update`` returns as
``(dw, db)``), not optax's "update before the learning rate". The state is an
immutable NamedTuple; its ``count`` is the number of updates done, so the step
counter ``t`` is 1 on the first update. ``f`` is the objective value at the
point where ``grads`` was evaluated (Eve only); ``noise`` is a pytree of
standard normal draws shaped like ``params`` (Santa only, so a test can feed
both sides the same noise).

Keyword names follow the article's constructors (``eta``, ``mu``, ``alpha``,
``beta1``, ...); defaults are the paper's values where the paper gives one,
else the article's. Where a paper or common practice leaves a choice, the
choice is a named keyword (a *variant*); each docstring says which variant is
the default and who differs. :data:`ARTICLE_DEFAULTS` holds the article's
defaults, :data:`ARTICLE_VARIANTS` the named variants the article follows, and
:func:`reference_for_article` combines them, so an audit can say "the article
follows variant X" and keep "wrong" for what remains.

Nothing here divides 0 by 0 where the paper's quantity is 0: where a
denominator can only vanish together with its numerator (every past gradient of
that element was 0), the step is 0, the limit the papers' formulas (read with a
pseudo-inverse) give.

Runners: :func:`reference_trajectory` runs a whole gradient stream through one
jitted ``lax.scan`` (compiled once per algorithm, non-numeric variant and
shape; numeric hyperparameters are traced, so changing them does not
recompile); :func:`reference_descent` runs the closed loop on a JAX objective
(needed for NAG's look-ahead gradient and Eve's objective feedback).
"""
from __future__ import annotations

import functools
import numbers
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

F64 = jnp.float64


class Optimizer(NamedTuple):
    """A reference algorithm: pure ``init``/``update`` plus where to take the gradient.

    ``gradient_point(state, params)`` is the point at which the *next*
    gradient must be evaluated: ``params`` for every algorithm except NAG in its
    look-ahead form (``params + mu * v``). ``needs`` names the extra inputs
    ``update`` requires: ``"f"`` (objective value) or ``"noise"``.
    """

    name: str
    init: Callable[..., Any]
    update: Callable[..., tuple[Any, Any]]
    gradient_point: Callable[[Any, Any], Any] = lambda state, params: params
    needs: frozenset = frozenset()


# --------------------------------------------------------------------------- helpers


def _float_tree(tree):
    return jax.tree_util.tree_map(lambda x: jnp.asarray(x, F64), tree)


def _zeros_like(tree):
    return jax.tree_util.tree_map(lambda x: jnp.zeros(jnp.shape(x), F64), tree)


def _full_like(tree, value):
    return jax.tree_util.tree_map(lambda x: jnp.full(jnp.shape(x), value, F64), tree)


def _map_leaves(fn, n_out, *trees):
    """Apply ``fn`` leaf by leaf to ``trees`` (same structure); ``fn`` returns
    ``n_out`` arrays; return ``n_out`` trees of that structure."""
    treedef = jax.tree_util.tree_structure(trees[0])
    leaves = [treedef.flatten_up_to(tree) for tree in trees]
    results = [fn(*args) for args in zip(*leaves)]
    return tuple(treedef.unflatten([r[i] for r in results]) for i in range(n_out))


def _step_number(state):
    """t, the 1-based number of the update being computed, as a float."""
    return state.count.astype(F64) + 1.0


def _divide_or_zero(numerator, denominator):
    """numerator / denominator, and 0 where the denominator is 0.

    Used only where the denominator vanishes only together with the numerator
    (e.g. an accumulator of squared gradients that saw nothing but zeros).
    The double ``where`` keeps the unused branch free of 0/0.
    """
    is_zero = denominator == 0
    return jnp.where(is_zero, 0.0, numerator / jnp.where(is_zero, 1.0, denominator))


def _root(v, eps, eps_inside_sqrt):
    """sqrt(v + eps) or sqrt(v) + eps: the two common epsilon placements."""
    return jnp.sqrt(v + eps) if eps_inside_sqrt else jnp.sqrt(v) + eps


def _require(value, what, algorithm):
    if value is None:
        raise ValueError(f"{algorithm} needs {what}")
    return value


def _zero_count():
    return jnp.zeros([], jnp.int64)


# --------------------------------------------------------------------------- SGD family


class CountState(NamedTuple):
    count: jax.Array


def sgd(eta=1e-2):
    """Stochastic gradient descent.

    step_t = -eta * g_t.
    No variants.
    """

    def init(params, *, noise=None):
        return CountState(_zero_count())

    def update(grads, state, params=None, *, f=None, noise=None):
        steps = jax.tree_util.tree_map(lambda g: -eta * g, _float_tree(grads))
        return steps, CountState(state.count + 1)

    return Optimizer("SGD", init, update)


class MomentumState(NamedTuple):
    count: jax.Array
    velocity: Any  # v_{t-1}: the previous step


def momentum_sgd(eta=1e-2, mu=0.9, *, dampened=False):
    """Momentum SGD (heavy ball; Polyak 1964, Rumelhart et al. 1986).

    v_t = mu * v_{t-1} - c * eta * g_t,   step_t = v_t,   v_0 = 0,
    eta: learning rate, mu: momentum, c = 1 by default.

    Variants: ``dampened=True`` sets c = 1 - mu (PyTorch's ``dampening=mu``:
    the step is an exponential moving average of -eta * g; the article's MSGD).
    optax.sgd(momentum=mu) and PyTorch's default (buf = mu * buf + g,
    step = -eta * buf) equal the default for a constant eta.
    """
    gradient_scale = (1.0 - mu) if dampened else 1.0

    def init(params, *, noise=None):
        return MomentumState(_zero_count(), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        velocity = jax.tree_util.tree_map(
            lambda v, g: mu * v - gradient_scale * eta * g, state.velocity, _float_tree(grads)
        )
        return velocity, MomentumState(state.count + 1, velocity)

    return Optimizer("MSGD", init, update)


def nesterov(eta=1e-2, mu=0.9, *, form="lookahead", dampened=False):
    """Nesterov accelerated gradient, NAG (Nesterov 1983; Sutskever et al. 2013, eq. 3-4).

    ``form="lookahead"`` (Sutskever et al.): the gradient is taken at the
    look-ahead point, g_t = grad f(theta_{t-1} + mu * v_{t-1})
    (``gradient_point`` returns that point), then
        v_t = mu * v_{t-1} - c * eta * g_t,   step_t = v_t.
    ``form="reparametrized"`` (Bengio et al. 2013; optax/PyTorch ``nesterov=True``):
    the iterate is the look-ahead point itself, the gradient is taken there, and
        v_t = mu * v_{t-1} - c * eta * g_t,   step_t = mu * v_t - c * eta * g_t.
    Both follow the same trajectory of look-ahead points. c = 1, or 1 - mu with
    ``dampened=True`` (the article: (1-mu)*eta*g, with the look-ahead form).
    Default: the paper's look-ahead form, undampened.
    """
    if form not in ("lookahead", "reparametrized"):
        raise ValueError(f"unknown NAG form {form!r}")
    gradient_scale = (1.0 - mu) if dampened else 1.0

    def init(params, *, noise=None):
        return MomentumState(_zero_count(), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        grads = _float_tree(grads)
        velocity = jax.tree_util.tree_map(
            lambda v, g: mu * v - gradient_scale * eta * g, state.velocity, grads
        )
        if form == "lookahead":
            steps = velocity
        else:
            steps = jax.tree_util.tree_map(
                lambda v, g: mu * v - gradient_scale * eta * g, velocity, grads
            )
        return steps, MomentumState(state.count + 1, velocity)

    def gradient_point(state, params):
        if form == "lookahead":
            return jax.tree_util.tree_map(lambda p, v: p + mu * v, params, state.velocity)
        return params

    return Optimizer("NAG", init, update, gradient_point)


# --------------------------------------------------------------------------- adaptive, no momentum


class AccumulatorState(NamedTuple):
    count: jax.Array
    accumulator: Any  # G_t (AdaGrad) or E[g^2]_t (RMSprop)


def adagrad(eta=1e-3, *, eps=1e-8, eps_inside_sqrt=False, initial_accumulator=0.0):
    """AdaGrad, diagonal version (Duchi, Hazan & Singer 2011).

    G_t = G_{t-1} + g_t^2,   G_0 = initial_accumulator,
    step_t = -eta * g_t / (delta + sqrt(G_t)),   delta = eps.

    Default: the paper's delta outside the square root, G_0 = 0 (the paper
    only asks delta >= 0; its value is free). Variants: ``eps_inside_sqrt=True``
    uses sqrt(G_t + eps) (optax); ``initial_accumulator`` (optax: 0.1).
    eps = 0 is the article's (no delta at all); an element whose gradients were
    all 0 then steps by 0 (pseudo-inverse), not 0/0.
    """

    def init(params, *, noise=None):
        return AccumulatorState(_zero_count(), _full_like(params, initial_accumulator))

    def update(grads, state, params=None, *, f=None, noise=None):
        def leaf(g, acc):
            acc = acc + g * g
            return -eta * _divide_or_zero(g, _root(acc, eps, eps_inside_sqrt)), acc

        steps, acc = _map_leaves(leaf, 2, _float_tree(grads), state.accumulator)
        return steps, AccumulatorState(state.count + 1, acc)

    return Optimizer("AdaGrad", init, update)


def rmsprop(eta=1e-3, rho=0.9, eps=1e-8, *, eps_inside_sqrt=False, initial_mean_square=0.0):
    """RMSprop (Tieleman & Hinton 2012, Coursera lecture 6e).

    E[g^2]_t = rho * E[g^2]_{t-1} + (1 - rho) * g_t^2,   E[g^2]_0 = initial_mean_square,
    step_t = -eta * g_t / (sqrt(E[g^2]_t) + eps).

    The lecture has no epsilon and suggests rho = 0.9. Default: eps outside the
    root (PyTorch, Keras). Variants: ``eps_inside_sqrt=True`` uses
    sqrt(E[g^2]_t + eps) (TensorFlow 1, optax's default, the article);
    ``initial_mean_square`` (optax ``initial_scale``).
    """

    def init(params, *, noise=None):
        return AccumulatorState(_zero_count(), _full_like(params, initial_mean_square))

    def update(grads, state, params=None, *, f=None, noise=None):
        def leaf(g, mean_square):
            mean_square = rho * mean_square + (1.0 - rho) * g * g
            return -eta * _divide_or_zero(g, _root(mean_square, eps, eps_inside_sqrt)), mean_square

        steps, mean_square = _map_leaves(leaf, 2, _float_tree(grads), state.accumulator)
        return steps, AccumulatorState(state.count + 1, mean_square)

    return Optimizer("RMSprop", init, update)


class AdaDeltaState(NamedTuple):
    count: jax.Array
    mean_square_grad: Any  # E[g^2]
    mean_square_step: Any  # E[dx^2]


def adadelta(rho=0.95, eps=1e-6, *, eta=1.0):
    """AdaDelta (Zeiler 2012, Algorithm 1).

    E[g^2]_t  = rho * E[g^2]_{t-1} + (1 - rho) * g_t^2
    dx_t      = -sqrt(E[dx^2]_{t-1} + eps) / sqrt(E[g^2]_t + eps) * g_t
    E[dx^2]_t = rho * E[dx^2]_{t-1} + (1 - rho) * dx_t^2
    step_t    = eta * dx_t.

    The paper has no learning rate (eta = 1, the default). ``eta`` scales the
    returned step only; the accumulator keeps the unscaled dx (PyTorch, optax).
    """

    def init(params, *, noise=None):
        return AdaDeltaState(_zero_count(), _zeros_like(params), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        def leaf(g, msg, msx):
            msg = rho * msg + (1.0 - rho) * g * g
            dx = -jnp.sqrt(msx + eps) / jnp.sqrt(msg + eps) * g
            msx = rho * msx + (1.0 - rho) * dx * dx
            return eta * dx, msg, msx

        steps, msg, msx = _map_leaves(
            leaf, 3, _float_tree(grads), state.mean_square_grad, state.mean_square_step
        )
        return steps, AdaDeltaState(state.count + 1, msg, msx)

    return Optimizer("AdaDelta", init, update)


class CenteredState(NamedTuple):
    count: jax.Array
    mean_grad: Any  # g_i in Graves' notation
    mean_square: Any  # n_i
    velocity: Any  # Delta_i


def rmsprop_graves(eta=1e-4, rho=0.95, eps=1e-4, *, momentum=0.9, eps_inside_sqrt=True):
    """RMSprop with momentum and centring (Graves 2013, eq. 38-41).

    n_t = rho * n_{t-1} + (1 - rho) * g_t^2          (aleph = rho)
    m_t = rho * m_{t-1} + (1 - rho) * g_t            (Graves' g_i)
    D_t = momentum * D_{t-1} - eta * g_t / sqrt(n_t - m_t^2 + eps)
    step_t = D_t.
    Graves: aleph = 0.95, beth = momentum = 0.9, gimel = eta = 1e-4,
    daleth = eps = 1e-4 (inside the root, the default).

    Variants: ``momentum=0`` is "centered RMSprop" without momentum
    (TensorFlow/optax ``centered=True``; the article's RMSpropGraves);
    ``eps_inside_sqrt=False`` is PyTorch's sqrt(n - m^2) + eps.
    """

    def init(params, *, noise=None):
        zeros = _zeros_like(params)
        return CenteredState(_zero_count(), zeros, zeros, zeros)

    def update(grads, state, params=None, *, f=None, noise=None):
        def leaf(g, mean, mean_square, velocity):
            mean = rho * mean + (1.0 - rho) * g
            mean_square = rho * mean_square + (1.0 - rho) * g * g
            denominator = _root(mean_square - mean * mean, eps, eps_inside_sqrt)
            velocity = momentum * velocity - eta * _divide_or_zero(g, denominator)
            return velocity, mean, mean_square, velocity

        steps, mean, mean_square, velocity = _map_leaves(
            leaf, 4, _float_tree(grads), state.mean_grad, state.mean_square, state.velocity
        )
        return steps, CenteredState(state.count + 1, mean, mean_square, velocity)

    return Optimizer("RMSpropGraves", init, update)


class Smorms3State(NamedTuple):
    count: jax.Array
    memory: Any  # mem, starts at 1
    mean_grad: Any  # g
    mean_square: Any  # g2


def smorms3(eta=1e-3, eps=1e-16, *, eps_inside_sqrt=False):
    """SMORMS3 (Simon Funk, "RMSprop loses to SMORMS3 - Beware the Epsilon!", 2015).

    r_t   = 1 / (mem_{t-1} + 1)                      mem_0 = 1
    g_t   = (1 - r_t) * g_{t-1}  + r_t * grad_t      (r_t weighs the NEW gradient)
    g2_t  = (1 - r_t) * g2_{t-1} + r_t * grad_t^2
    x_t   = g_t^2 / (g2_t + eps)
    step_t = -grad_t * min(eta, x_t) / (sqrt(g2_t) + eps)
    mem_t = 1 + mem_{t-1} * (1 - x_t).
    eta: the blog's lr (maximum learning rate); eps = 1e-16 in the blog.

    Default: the blog's sqrt(g2) + eps. Variant: ``eps_inside_sqrt=True``
    uses sqrt(g2 + eps) (the article).
    """

    def init(params, *, noise=None):
        return Smorms3State(_zero_count(), _full_like(params, 1.0), _zeros_like(params), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        def leaf(g, memory, mean, mean_square):
            r = 1.0 / (memory + 1.0)
            mean = (1.0 - r) * mean + r * g
            mean_square = (1.0 - r) * mean_square + r * g * g
            x = _divide_or_zero(mean * mean, mean_square + eps)
            step = -g * _divide_or_zero(jnp.minimum(eta, x), _root(mean_square, eps, eps_inside_sqrt))
            memory = 1.0 + memory * (1.0 - x)
            return step, memory, mean, mean_square

        steps, memory, mean, mean_square = _map_leaves(
            leaf, 4, _float_tree(grads), state.memory, state.mean_grad, state.mean_square
        )
        return steps, Smorms3State(state.count + 1, memory, mean, mean_square)

    return Optimizer("SMORMS3", init, update)


# --------------------------------------------------------------------------- Adam family


class AdamState(NamedTuple):
    count: jax.Array
    m: Any
    v: Any


BIAS_CORRECTIONS = ("separate", "folded", "none")


def adam(alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, *, eps_inside_sqrt=False, bias_correction="separate"):
    """Adam (Kingma & Ba 2015, Algorithm 1).

    m_t = beta1 * m_{t-1} + (1 - beta1) * g_t,   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
    "separate" (Algorithm 1, default):
        step_t = -alpha * m_hat / (sqrt(v_hat) + eps),  m_hat = m_t / (1 - beta1^t),
        v_hat = v_t / (1 - beta2^t)
    "folded" (Section 2, last paragraph, the "more efficient" order):
        step_t = -alpha_t * m_t / (sqrt(v_t) + eps),  alpha_t = alpha * sqrt(1 - beta2^t) / (1 - beta1^t)
        (eps then plays the paper's eps-hat; equal to "separate" when eps = 0)
    "none": step_t = -alpha * m_t / (sqrt(v_t) + eps).

    Variants: ``eps_inside_sqrt=True`` puts eps under the root of whichever v
    the form divides by (optax's ``eps_root``; the article, with "folded").
    """
    if bias_correction not in BIAS_CORRECTIONS:
        raise ValueError(f"unknown bias_correction {bias_correction!r}")

    def init(params, *, noise=None):
        return AdamState(_zero_count(), _zeros_like(params), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        t = _step_number(state)
        correction1 = 1.0 - beta1**t
        correction2 = 1.0 - beta2**t

        def leaf(g, m, v):
            m = beta1 * m + (1.0 - beta1) * g
            v = beta2 * v + (1.0 - beta2) * g * g
            if bias_correction == "separate":
                step = -alpha * _divide_or_zero(m / correction1, _root(v / correction2, eps, eps_inside_sqrt))
            elif bias_correction == "folded":
                step_size = alpha * jnp.sqrt(correction2) / correction1
                step = -step_size * _divide_or_zero(m, _root(v, eps, eps_inside_sqrt))
            else:
                step = -alpha * _divide_or_zero(m, _root(v, eps, eps_inside_sqrt))
            return step, m, v

        steps, m, v = _map_leaves(leaf, 3, _float_tree(grads), state.m, state.v)
        return steps, AdamState(state.count + 1, m, v)

    return Optimizer("Adam", init, update)


def adamax(alpha=2e-3, beta1=0.9, beta2=0.999, *, eps=0.0):
    """AdaMax (Kingma & Ba 2015, Section 7.1, Algorithm 2).

    m_t = beta1 * m_{t-1} + (1 - beta1) * g_t
    u_t = max(beta2 * u_{t-1}, |g_t| + eps)
    step_t = -(alpha / (1 - beta1^t)) * m_t / u_t.

    The paper has no epsilon (eps = 0, the default; an element whose gradients
    were all 0 steps by 0). optax and PyTorch add eps inside the max as above.
    """

    def init(params, *, noise=None):
        return AdamState(_zero_count(), _zeros_like(params), _zeros_like(params))

    def update(grads, state, params=None, *, f=None, noise=None):
        t = _step_number(state)
        step_size = alpha / (1.0 - beta1**t)

        def leaf(g, m, u):
            m = beta1 * m + (1.0 - beta1) * g
            u = jnp.maximum(beta2 * u, jnp.abs(g) + eps)
            return -step_size * _divide_or_zero(m, u), m, u

        steps, m, u = _map_leaves(leaf, 3, _float_tree(grads), state.m, state.v)
        return steps, AdamState(state.count + 1, m, u)

    return Optimizer("AdaMax", init, update)


class NadamState(NamedTuple):
    count: jax.Array
    m: Any
    n: Any
    mu_product: jax.Array  # prod_{i<=t} mu_i


def dozat_momentum_schedule(mu=0.99, decay=0.004):
    """Dozat's warming momentum schedule mu_t = mu * (1 - 0.5 * 0.96^(t * decay))."""
    return lambda t: mu * (1.0 - 0.5 * 0.96 ** (t * decay))


def nadam(alpha=2e-3, mu=0.975, nu=0.999, eps=1e-8, *, nu_hat="printed", eps_inside_sqrt=False, momentum_schedule=None):
    """Nadam (Dozat 2016, "Incorporating Nesterov Momentum into Adam", Algorithm 2).

    g_hat = g_t / (1 - prod_{i<=t} mu_i)
    m_t   = mu_t * m_{t-1} + (1 - mu_t) * g_t,      m_hat = m_t / (1 - prod_{i<=t+1} mu_i)
    n_t   = nu * n_{t-1} + (1 - nu) * g_t^2,        n_hat = nu * n_t / (1 - nu^t)   (as printed)
    m_bar = (1 - mu_t) * g_hat + mu_{t+1} * m_hat
    step_t = -alpha * m_bar / (sqrt(n_hat) + eps).
    alpha: step size, mu: momentum (mu_t = mu unless ``momentum_schedule``), nu: beta2.

    Variants: ``nu_hat="printed"`` (default) keeps the factor nu that
    Algorithm 2 prints in n_hat; ``"unbiased"`` drops it (n_t / (1 - nu^t):
    optax, Keras, PyTorch). ``momentum_schedule(t) -> mu_t`` (e.g.
    :func:`dozat_momentum_schedule`); default constant mu (optax). With a
    schedule, m_t uses mu_t as the paper's Algorithm 2 does (Keras uses beta1).
    ``eps_inside_sqrt=True``: sqrt(n_hat + eps) (the article).
    """
    if nu_hat not in ("printed", "unbiased"):
        raise ValueError(f"unknown nu_hat {nu_hat!r}")
    schedule = momentum_schedule if momentum_schedule is not None else (lambda t: mu)

    def init(params, *, noise=None):
        return NadamState(_zero_count(), _zeros_like(params), _zeros_like(params), jnp.ones([], F64))

    def update(grads, state, params=None, *, f=None, noise=None):
        t = _step_number(state)
        mu_t = schedule(t)
        mu_next = schedule(t + 1.0)
        mu_product = state.mu_product * mu_t
        nu_factor = nu if nu_hat == "printed" else 1.0

        def leaf(g, m, n):
            g_hat = g / (1.0 - mu_product)
            m = mu_t * m + (1.0 - mu_t) * g
            m_hat = m / (1.0 - mu_product * mu_next)
            n = nu * n + (1.0 - nu) * g * g
            n_hat = nu_factor * n / (1.0 - nu**t)
            m_bar = (1.0 - mu_t) * g_hat + mu_next * m_hat
            return -alpha * _divide_or_zero(m_bar, _root(n_hat, eps, eps_inside_sqrt)), m, n

        steps, m, n = _map_leaves(leaf, 3, _float_tree(grads), state.m, state.n)
        return steps, NadamState(state.count + 1, m, n, mu_product)

    return Optimizer("Nadam", init, update)


class EveState(NamedTuple):
    count: jax.Array
    m: Any
    v: Any
    d: jax.Array  # d-tilde, the feedback coefficient
    f_previous: jax.Array


def eve(alpha=1e-3, beta1=0.9, beta2=0.999, beta3=0.999, c=10.0, eps=1e-8, fstar=0.0):
    """Eve: Adam with feedback from the objective (Hayashi, Koushik & Neubig, arXiv:1611.01505).

    m_hat, v_hat as in Adam (Algorithm 1);
    for t > 1:  d_t = |f_t - f_{t-1}| / (min(f_t, f_{t-1}) - fstar),
                d_hat = clip(d_t, 1/c, c),   d_tilde_t = beta3 * d_tilde_{t-1} + (1 - beta3) * d_hat;
    for t = 1:  d_tilde_1 = 1;
    step_t = -(alpha / d_tilde_t) * m_hat / (sqrt(v_hat) + eps).
    f_t: objective at the point the gradient was taken (``update(..., f=f_t)``);
    fstar: a lower bound of the objective; the formula needs f > fstar.

    This is the revised algorithm (arXiv v3; ``paper/alg.tex`` in the authors'
    repository rooa/eve), whose c/fstar/d-hat/d-tilde the article implements.
    The first version (Koushik & Hayashi, arXiv v1, 2016: thresholds k, K
    and a smoothed objective f-hat) is not implemented.
    """

    def init(params, *, noise=None):
        zero = jnp.zeros([], F64)
        return EveState(_zero_count(), _zeros_like(params), _zeros_like(params), zero + 1.0, zero)

    def update(grads, state, params=None, *, f=None, noise=None):
        f = jnp.asarray(_require(f, "the objective value f", "Eve"), F64)
        t = _step_number(state)
        relative_change = jnp.abs(f - state.f_previous) / (jnp.minimum(f, state.f_previous) - fstar)
        d_hat = jnp.clip(relative_change, 1.0 / c, c)
        d = jnp.where(t > 1, beta3 * state.d + (1.0 - beta3) * d_hat, 1.0)
        correction1 = 1.0 - beta1**t
        correction2 = 1.0 - beta2**t

        def leaf(g, m, v):
            m = beta1 * m + (1.0 - beta1) * g
            v = beta2 * v + (1.0 - beta2) * g * g
            step = -(alpha / d) * _divide_or_zero(m / correction1, jnp.sqrt(v / correction2) + eps)
            return step, m, v

        steps, m, v = _map_leaves(leaf, 3, _float_tree(grads), state.m, state.v)
        return steps, EveState(state.count + 1, m, v, d, f)

    return Optimizer("Eve", init, update, needs=frozenset({"f"}))


class AmsgradState(NamedTuple):
    count: jax.Array
    m: Any
    v: Any
    v_max: Any  # v-hat: the running maximum


def amsgrad(
    alpha=1e-3, beta1=0.9, beta2=0.999, eps=0.0, *,
    step_size="inverse_sqrt", bias_correction="none", eps_inside_sqrt=False, beta1_decay=1.0,
):
    """AMSGrad (Reddi, Kale & Kumar 2018, Algorithm 2).

    m_t = beta1_t * m_{t-1} + (1 - beta1_t) * g_t,   beta1_t = beta1 * beta1_decay^(t-1)
    v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2,     v_hat_t = max(v_hat_{t-1}, v_t)
    step_t = -alpha_t * m_t / sqrt(v_hat_t)      (plus eps as below; the paper has none)
    alpha_t = alpha / sqrt(t) (``step_size="inverse_sqrt"``, the paper's
    analysis, default; and the article) or alpha (``"constant"``, common practice).

    Variants: ``bias_correction``: "none" (the paper, default); "before_max"
    (m / (1 - beta1^t), and the max is taken over v_t / (1 - beta2^t): optax);
    "after_max" (the max of raw v_t, divided by 1 - beta2^t afterwards:
    PyTorch). ``eps`` (default 0: none) outside the root, or inside with
    ``eps_inside_sqrt=True`` (the article). ``beta1_decay`` < 1 gives the
    decaying beta1_t of the paper's Theorem 4 (default 1: constant beta1, as in
    its experiments).
    """
    if step_size not in ("inverse_sqrt", "constant"):
        raise ValueError(f"unknown step_size {step_size!r}")
    if bias_correction not in ("none", "before_max", "after_max"):
        raise ValueError(f"unknown bias_correction {bias_correction!r}")

    def init(params, *, noise=None):
        zeros = _zeros_like(params)
        return AmsgradState(_zero_count(), zeros, zeros, zeros)

    def update(grads, state, params=None, *, f=None, noise=None):
        t = _step_number(state)
        beta1_t = beta1 * beta1_decay ** (t - 1.0)
        alpha_t = alpha / jnp.sqrt(t) if step_size == "inverse_sqrt" else alpha
        correction1 = 1.0 - beta1**t
        correction2 = 1.0 - beta2**t

        def leaf(g, m, v, v_max):
            m = beta1_t * m + (1.0 - beta1_t) * g
            v = beta2 * v + (1.0 - beta2) * g * g
            if bias_correction == "before_max":
                v_max = jnp.maximum(v_max, v / correction2)
                m_used, v_used = m / correction1, v_max
            elif bias_correction == "after_max":
                v_max = jnp.maximum(v_max, v)
                m_used, v_used = m / correction1, v_max / correction2
            else:
                v_max = jnp.maximum(v_max, v)
                m_used, v_used = m, v_max
            return -alpha_t * _divide_or_zero(m_used, _root(v_used, eps, eps_inside_sqrt)), m, v, v_max

        steps, m, v, v_max = _map_leaves(leaf, 4, _float_tree(grads), state.m, state.v, state.v_max)
        return steps, AmsgradState(state.count + 1, m, v, v_max)

    return Optimizer("AMSGrad", init, update)


def _bounded_adam(name, use_max, alpha, eta, beta1, beta2, eps, bound_rate, sqrt_t_decay, beta1_decay):
    """AdaBound / AMSBound: Adam whose per-element step size is clipped into
    [eta_l(t), eta_u(t)], a band that closes on the SGD learning rate eta."""
    rate = (1.0 - beta2) if bound_rate is None else bound_rate

    def init(params, *, noise=None):
        zeros = _zeros_like(params)
        return AmsgradState(_zero_count(), zeros, zeros, zeros)

    def update(grads, state, params=None, *, f=None, noise=None):
        t = _step_number(state)
        beta1_t = beta1 * beta1_decay ** (t - 1.0)
        lower = eta * (1.0 - 1.0 / (rate * t + 1.0))
        upper = eta * (1.0 + 1.0 / (rate * t))
        decay = jnp.sqrt(t) if sqrt_t_decay else 1.0

        def leaf(g, m, v, v_max):
            m = beta1_t * m + (1.0 - beta1_t) * g
            v = beta2 * v + (1.0 - beta2) * g * g
            v_max = jnp.maximum(v_max, v)
            second_moment = v_max if use_max else v
            # eps = 0: alpha / sqrt(0) = inf is clipped to the upper bound, as Clip prescribes.
            step_size = jnp.clip(alpha / (jnp.sqrt(second_moment) + eps), lower, upper) / decay
            return -step_size * m, m, v, v_max

        steps, m, v, v_max = _map_leaves(leaf, 4, _float_tree(grads), state.m, state.v, state.v_max)
        return steps, AmsgradState(state.count + 1, m, v, v_max)

    return Optimizer(name, init, update)


def adabound(alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999, *, eps=0.0, bound_rate=None, sqrt_t_decay=True,
             beta1_decay=1.0):
    """AdaBound (Luo, Xiong, Liu & Sun 2019, Algorithm 2, bounds of Section 5).

    m_t = beta1_t * m_{t-1} + (1 - beta1_t) * g_t,   v_t = beta2 * v_{t-1} + (1 - beta2) * g_t^2
    eta_hat_t = clip(alpha / sqrt(v_t), eta_l(t), eta_u(t)),   eta_t = eta_hat_t / sqrt(t)
    step_t = -eta_t * m_t
    eta_l(t) = eta * (1 - 1 / (gamma * t + 1)),   eta_u(t) = eta * (1 + 1 / (gamma * t))
    eta: the final (SGD) learning rate (0.1 in the paper), gamma = 1 - beta2.

    Variants: ``eps`` > 0 divides by sqrt(v_t) + eps (the authors' code; the
    paper has no eps, the default 0); ``bound_rate`` sets gamma (the authors'
    code uses gamma = 1e-3 whatever beta2); ``sqrt_t_decay=False`` drops the
    1/sqrt(t) (the authors' code, which also adds Adam's bias correction: not
    offered here); ``beta1_decay`` as in :func:`amsgrad`.
    """
    return _bounded_adam("AdaBound", False, alpha, eta, beta1, beta2, eps, bound_rate, sqrt_t_decay, beta1_decay)


def amsbound(alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999, *, eps=0.0, bound_rate=None, sqrt_t_decay=True,
             beta1_decay=1.0):
    """AMSBound (Luo, Xiong, Liu & Sun 2019, Algorithm 3).

    As :func:`adabound` with v_hat_t = max(v_hat_{t-1}, v_t) in place of v_t:
    eta_hat_t = clip(alpha / sqrt(v_hat_t), eta_l(t), eta_u(t)). Same variants.
    """
    return _bounded_adam("AMSBound", True, alpha, eta, beta1, beta2, eps, bound_rate, sqrt_t_decay, beta1_decay)


# --------------------------------------------------------------------------- Santa


class SantaState(NamedTuple):
    count: jax.Array
    v: Any  # second-moment estimate
    g_previous: Any  # g_{t-1}, the previous preconditioner
    u: Any  # momentum
    alpha: Any  # per-element thermostat / friction


def power_annealing(t, rate):
    """beta_t = t^rate: the annealing used by the article and the authors' code."""
    return t**rate


SANTA_G0 = ("first", "from_v0", "zero")


def _santa_common(eta, sigma, lambda_, C, N, g0):
    if g0 not in SANTA_G0:
        raise ValueError(f"unknown g0 {g0!r}; expected one of {SANTA_G0}")

    def preconditioner(v):
        return 1.0 / jnp.sqrt(lambda_ + jnp.sqrt(v))

    def init(params, *, noise=None):
        noise = _float_tree(_require(noise, "initial noise (standard normals shaped like params)", "Santa"))
        # "first" overwrites g_0 with g_1 at the first update (see ``moments``).
        g_initial = 1.0 / jnp.sqrt(lambda_) if g0 == "from_v0" else 0.0
        return SantaState(
            count=_zero_count(),
            v=_zeros_like(params),
            g_previous=jax.tree_util.tree_map(lambda p: jnp.zeros(jnp.shape(p), F64) + g_initial, params),
            u=jax.tree_util.tree_map(lambda z: jnp.sqrt(eta) * z, noise),
            alpha=jax.tree_util.tree_map(lambda p: jnp.zeros(jnp.shape(p), F64) + jnp.sqrt(eta) * C, params),
        )

    def moments(grads, state):
        """v_t, g_t and the g_{t-1} the update uses."""
        v = jax.tree_util.tree_map(lambda v, f: sigma * v + (1.0 - sigma) / N**2 * f * f, state.v, grads)
        g = jax.tree_util.tree_map(preconditioner, v)
        first = state.count == 0
        g_previous = jax.tree_util.tree_map(
            lambda gp, gt: jnp.where(first, gt, gp) if g0 == "first" else gp, state.g_previous, g
        )
        return v, g, g_previous

    return init, moments


def santa_e(
    eta=1e-2, sigma=0.95, lambda_=1e-8, anne_func=power_annealing, anne_rate=0.5, burnin=100, C=5.0, N=16.0,
    *, g0="first",
):
    """Santa with the Euler scheme, SantaE (Chen, Carlson, Gan, Li & Carin 2016, Algorithm 1).

    v_t = sigma * v_{t-1} + (1 - sigma) / N^2 * f_t * f_t       (f_t: the stochastic gradient)
    g_t = 1 / sqrt(lambda_ + sqrt(v_t)),   beta_t = anne_func(t, anne_rate)
    exploration (t < burnin):
        alpha_t = alpha_{t-1} + u_{t-1}^2 - eta / beta_t
        u_t = eta/beta_t * (1 - g_{t-1} / g_t) / u_{t-1} + sqrt(2 eta/beta_t * g_{t-1}) * zeta_t
    refinement (t >= burnin):
        alpha_t = alpha_{t-1},   u_t = 0
    u_t = u_t + (1 - alpha_t) * u_{t-1} - eta * g_t * f_t
    step_t = g_t * u_t.
    Initial: u_0 = sqrt(eta) * z (``init(params, noise=z)``), alpha_0 = sqrt(eta) * C,
    v_0 = 0; zeta_t = ``update(..., noise=zeta_t)`` (standard normals, used
    only in exploration). N: the number of data points the gradient is scaled
    to (the article calls it the number of minibatches).

    Variant ``g0``: g_0 enters the first exploration step and the paper
    leaves it implicit. "first" (default) takes g_0 = g_1: no
    preconditioner-change term and noise scaled by g_1 at t = 1, as the
    authors' Caffe solver does; "from_v0" applies g's formula to v_0 = 0,
    g_0 = lambda_^(-1/2) (a huge first step when lambda_ is small); "zero" is
    g_0 = 0 (the article: no noise at t = 1 and a full eta/beta_1 / u_0 term).
    """
    init, moments = _santa_common(eta, sigma, lambda_, C, N, g0)

    def update(grads, state, params=None, *, f=None, noise=None):
        grads = _float_tree(grads)
        zeta = _float_tree(_require(noise, "noise (standard normals shaped like params)", "SantaE"))
        t = _step_number(state)
        beta = anne_func(t, anne_rate)
        exploring = t < burnin
        v, g, g_previous = moments(grads, state)

        def leaf(grad, u, alpha, g_t, g_prev, z):
            alpha_explore = alpha + u * u - eta / beta
            u_explore = eta / beta * (1.0 - g_prev / g_t) / u + jnp.sqrt(2.0 * eta / beta * g_prev) * z
            alpha_new = jnp.where(exploring, alpha_explore, alpha)
            u_new = jnp.where(exploring, u_explore, 0.0)
            u_new = u_new + (1.0 - alpha_new) * u - eta * g_t * grad
            return g_t * u_new, u_new, alpha_new

        steps, u, alpha = _map_leaves(leaf, 3, grads, state.u, state.alpha, g, g_previous, zeta)
        return steps, SantaState(state.count + 1, v, g, u, alpha)

    return Optimizer("SantaE", init, update, needs=frozenset({"noise"}))


def santa_sss(
    eta=1e-2, sigma=0.95, lambda_=1e-8, anne_func=power_annealing, anne_rate=0.5, burnin=100, C=5.0, N=16.0,
    *, g0="first",
):
    """Santa with the symmetric splitting scheme, SantaSSS (Chen et al. 2016, SSS algorithm of the supplement).

    v_t, g_t, beta_t as in :func:`santa_e`. Each update is split in halves:
    exploration (t < burnin):
        theta += g_t * u_{t-1} / 2
        alpha_t = alpha_{t-1} + (u_{t-1}^2 - eta/beta_t) / 2
        u = exp(-alpha_t / 2) * u_{t-1}
        u = u - g_t * f_t * eta + sqrt(2 g_{t-1} eta/beta_t) * zeta_t
              + eta/beta_t * (1 - g_{t-1} / g_t) / u_{t-1}
        u_t = exp(-alpha_t / 2) * u
        alpha_t = alpha_t + (u_t^2 - eta/beta_t) / 2
        theta += g_t * u_t / 2
    refinement (t >= burnin): the same without the alpha updates, the noise
    and the g_{t-1}/g_t term.
    step_t = g_t * (u_{t-1} + u_t) / 2: both half-steps.
    The gradient f_t is the one given (taken at theta_{t-1}). Same
    initialisation, noise and ``g0`` variant as :func:`santa_e`.
    """
    init, moments = _santa_common(eta, sigma, lambda_, C, N, g0)

    def update(grads, state, params=None, *, f=None, noise=None):
        grads = _float_tree(grads)
        zeta = _float_tree(_require(noise, "noise (standard normals shaped like params)", "SantaSSS"))
        t = _step_number(state)
        beta = anne_func(t, anne_rate)
        exploring = t < burnin
        v, g, g_previous = moments(grads, state)

        def leaf(grad, u_previous, alpha, g_t, g_prev, z):
            first_half = g_t * u_previous / 2.0
            alpha_mid = jnp.where(exploring, alpha + (u_previous * u_previous - eta / beta) / 2.0, alpha)
            u = jnp.exp(-alpha_mid / 2.0) * u_previous
            exploration_terms = (
                jnp.sqrt(2.0 * g_prev * eta / beta) * z + eta / beta * (1.0 - g_prev / g_t) / u_previous
            )
            u = u - g_t * grad * eta + jnp.where(exploring, exploration_terms, 0.0)
            u = jnp.exp(-alpha_mid / 2.0) * u
            alpha_new = jnp.where(exploring, alpha_mid + (u * u - eta / beta) / 2.0, alpha)
            return first_half + g_t * u / 2.0, u, alpha_new

        steps, u, alpha = _map_leaves(leaf, 3, grads, state.u, state.alpha, g, g_previous, zeta)
        return steps, SantaState(state.count + 1, v, g, u, alpha)

    return Optimizer("SantaSSS", init, update, needs=frozenset({"noise"}))


# --------------------------------------------------------------------------- the article's view

#: The article's class names -> the reference factory for the same algorithm.
REFERENCE = {
    "SGD": sgd,
    "MSGD": momentum_sgd,
    "NAG": nesterov,
    "AdaGrad": adagrad,
    "RMSprop": rmsprop,
    "AdaDelta": adadelta,
    "Adam": adam,
    "RMSpropGraves": rmsprop_graves,
    "SMORMS3": smorms3,
    "AdaMax": adamax,
    "Nadam": nadam,
    "Eve": eve,
    "SantaE": santa_e,
    "SantaSSS": santa_sss,
    "AMSGrad": amsgrad,
    "AdaBound": adabound,
    "AMSBound": amsbound,
}

#: The article's constructor defaults, under the article's argument names
#: (which are also the reference factories' keyword names).
ARTICLE_DEFAULTS = {
    "SGD": dict(eta=1e-2),
    "MSGD": dict(eta=1e-2, mu=0.9),
    "NAG": dict(eta=1e-2, mu=0.9),
    "AdaGrad": dict(eta=1e-3),
    "RMSprop": dict(eta=1e-2, rho=0.99, eps=1e-8),
    "AdaDelta": dict(rho=0.95, eps=1e-6),
    "Adam": dict(alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
    "RMSpropGraves": dict(eta=1e-4, rho=0.95, eps=1e-4),
    "SMORMS3": dict(eta=1e-3, eps=1e-8),
    "AdaMax": dict(alpha=2e-3, beta1=0.9, beta2=0.999),
    "Nadam": dict(alpha=2e-3, mu=0.975, nu=0.999, eps=1e-8),
    "Eve": dict(alpha=1e-3, beta1=0.9, beta2=0.999, beta3=0.999, c=10, eps=1e-8, fstar=0),
    "SantaE": dict(eta=1e-2, sigma=0.95, lambda_=1e-8, anne_func=power_annealing, anne_rate=0.5, burnin=100, C=5, N=16),
    "SantaSSS": dict(eta=1e-2, sigma=0.95, lambda_=1e-8, anne_func=power_annealing, anne_rate=0.5, burnin=100, C=5, N=16),
    "AMSGrad": dict(alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
    "AdaBound": dict(alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999, eps=1e-8),
    "AMSBound": dict(alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999, eps=1e-8),
}

#: Arguments the article accepts that its algorithm has no use for: AdaBound's
#: eps never reaches the step size's denominator in the article (the reference's
#: ``eps`` variant puts it there), so the article's eps is not passed on.
ARTICLE_UNUSED_ARGUMENTS = {"AdaBound": ("eps",), "AMSBound": ("eps",)}

#: The named variants the article's code follows (a choice the papers or common
#: practice leave open, not a defect). Differences that remain once these are
#: selected are the article's own.
ARTICLE_VARIANTS = {
    "SGD": {},
    "MSGD": dict(dampened=True),
    "NAG": dict(form="lookahead", dampened=True),
    "AdaGrad": dict(eps=0.0),
    "RMSprop": dict(eps_inside_sqrt=True),
    "AdaDelta": {},
    "Adam": dict(bias_correction="folded", eps_inside_sqrt=True),
    "RMSpropGraves": dict(momentum=0.0),
    "SMORMS3": dict(eps_inside_sqrt=True),
    "AdaMax": {},
    "Nadam": dict(nu_hat="printed", eps_inside_sqrt=True),
    "Eve": {},
    "SantaE": dict(g0="zero"),
    "SantaSSS": dict(g0="zero"),
    "AMSGrad": dict(step_size="inverse_sqrt", bias_correction="none", eps_inside_sqrt=True),
    "AdaBound": {},
    "AMSBound": {},
}


def reference_for_article(name, **article_kwargs):
    """The reference optimizer configured as the article's ``name`` would be:
    the article's defaults, overridden by ``article_kwargs`` (article argument
    names), with the article's named variants selected."""
    hyper = {**ARTICLE_DEFAULTS[name], **article_kwargs}
    for unused in ARTICLE_UNUSED_ARGUMENTS.get(name, ()):
        hyper.pop(unused, None)
    return REFERENCE[name](**hyper, **ARTICLE_VARIANTS[name])


# --------------------------------------------------------------------------- runners


def _split_hyper(hyper):
    """Numbers become traced float64 arguments (no recompilation when they
    change); everything else (variant names, flags, callables, None) is static."""
    numeric, static = {}, {}
    for key, value in hyper.items():
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            numeric[key] = np.float64(value)  # NumPy, not jnp: no device round trip per call
        else:
            static[key] = value
    return numeric, tuple(sorted(static.items()))


def _standard_normal_like(key, tree, leading=()):
    leaves, treedef = jax.tree_util.tree_flatten(tree)
    keys = jax.random.split(key, len(leaves))
    return treedef.unflatten(
        [jax.random.normal(k, tuple(leading) + jnp.shape(x), F64) for k, x in zip(keys, leaves)]
    )


def _needs(name):
    """The extra inputs the reference ``name`` requires ("f", "noise")."""
    return REFERENCE[name]().needs


def _santa_noise(name, like, num_steps, noise_init, noise, key):
    """Explicit noise if given; otherwise drawn from ``key``."""
    if "noise" not in _needs(name):
        return None, None
    if noise_init is None or noise is None:
        if key is None:
            raise ValueError(f"{name} is stochastic: pass noise_init and noise, or a jax.random key")
        init_key, step_key = jax.random.split(key)
        noise_init = _standard_normal_like(init_key, like) if noise_init is None else noise_init
        noise = _standard_normal_like(step_key, like, (num_steps,)) if noise is None else noise
    as_float = lambda tree: jax.tree_util.tree_map(lambda x: np.asarray(x, np.float64), tree)
    return as_float(noise_init), as_float(noise)


@functools.lru_cache(maxsize=None)
def _trajectory_runner(name, static_items):
    factory = REFERENCE[name]
    static = dict(static_items)

    @jax.jit
    def run(numeric, grads, f, noise_init, noise):
        optimizer = factory(**numeric, **static)
        params = jax.tree_util.tree_map(lambda g: jnp.zeros(g.shape[1:], F64), grads)
        state = optimizer.init(params, noise=noise_init)

        def one_update(state, inputs):
            grad, f_t, noise_t = inputs
            steps, state = optimizer.update(grad, state, params, f=f_t, noise=noise_t)
            return state, steps

        _, steps = jax.lax.scan(one_update, state, (grads, f, noise))
        return steps

    return run


def reference_trajectory(name, grads_w, grads_b, *, f=None, noise_init=None, noise=None, key=None, **hyper):
    """Run the reference ``name`` (an article class name) over a gradient stream.

    ``grads_w``: shape (steps, *w.shape); ``grads_b``: (steps, *b.shape).
    ``f``: objective values, shape (steps,) (Eve). Santa: ``noise_init`` =
    (z_w, z_b) standard normals for u_0, ``noise`` = (zeta_w, zeta_b) of shape
    (steps, ...), or a ``key`` to draw them. ``hyper``: the factory's keyword
    arguments (hyperparameters and variants; unset ones take the factory
    defaults). Returns the steps (delta added to w, delta added to b) as NumPy
    arrays of the streams' shapes.
    """
    # Inputs stay NumPy until the jitted call: a per-call jnp conversion costs more than the run.
    grads = {"w": np.asarray(grads_w, np.float64), "b": np.asarray(grads_b, np.float64)}
    num_steps = grads["w"].shape[0]
    if grads["b"].shape[0] != num_steps:
        raise ValueError("grads_w and grads_b must have the same number of steps")
    if "f" in _needs(name):
        f = np.asarray(_require(f, "objective values f of shape (steps,)", name), np.float64)
        if f.shape != (num_steps,):
            raise ValueError(f"f must have shape ({num_steps},), got {f.shape}")
    else:
        f = None
    as_tree = lambda pair: None if pair is None else {"w": pair[0], "b": pair[1]}
    like = {k: np.zeros(g.shape[1:]) for k, g in grads.items()}
    noise_init, noise = _santa_noise(name, like, num_steps, as_tree(noise_init), as_tree(noise), key)
    numeric, static_items = _split_hyper(hyper)
    steps = _trajectory_runner(name, static_items)(numeric, grads, f, noise_init, noise)
    return np.asarray(steps["w"]), np.asarray(steps["b"])


@functools.lru_cache(maxsize=None)
def _descent_runner(name, loss_fn, num_steps, static_items):
    factory = REFERENCE[name]
    static = dict(static_items)
    value_and_grad = jax.value_and_grad(loss_fn)

    @jax.jit
    def run(numeric, params, noise_init, noise):
        optimizer = factory(**numeric, **static)
        state = optimizer.init(params, noise=noise_init)

        def one_update(carry, noise_t):
            params, state = carry
            loss, grads = value_and_grad(optimizer.gradient_point(state, params))
            steps, state = optimizer.update(grads, state, params, f=loss, noise=noise_t)
            params = jax.tree_util.tree_map(jnp.add, params, steps)
            return (params, state), (params, steps, loss)

        _, history = jax.lax.scan(one_update, (params, state), noise, length=num_steps)
        return history

    return run


def reference_descent(name, loss_fn, params0, num_steps, *, noise_init=None, noise=None, key=None, **hyper):
    """Minimise the JAX objective ``loss_fn(params)`` from ``params0`` with the reference ``name``.

    Closed loop, one jitted scan: each gradient (and, for Eve, the objective
    value f) is taken at ``optimizer.gradient_point(state, params)``, the
    look-ahead point for NAG's look-ahead form and ``params`` otherwise.
    ``loss_fn`` must be hashable (a plain function) and is traced once per
    shape. Santa's noise: pytrees shaped like ``params0`` (``noise`` with a
    leading ``num_steps`` axis) or a ``key``. Returns a dict of NumPy data:
    ``params`` (the iterate after each update, leading axis ``num_steps``),
    ``steps`` and ``loss`` (the objective where each gradient was taken).
    """
    params0 = _float_tree(params0)
    noise_init, noise = _santa_noise(name, params0, num_steps, noise_init, noise, key)
    numeric, static_items = _split_hyper(hyper)
    params, steps, loss = _descent_runner(name, loss_fn, int(num_steps), static_items)(
        numeric, params0, noise_init, noise
    )
    to_numpy = lambda tree: jax.tree_util.tree_map(np.asarray, tree)
    return {"params": to_numpy(params), "steps": to_numpy(steps), "loss": np.asarray(loss)}
