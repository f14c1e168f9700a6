"""The mathematics, in JAX: every activation and loss, written from its definition.

These are the oracles' specification.  Each is written in a numerically stable
form, so that its value *and its autodiff derivatives* stay finite and accurate
over the whole float64 range the domain allows: a naive form such as
``1/(1+exp(-x))`` overflows, and ``jnp.where`` differentiates both branches, so
an overflowing unused branch turns a gradient into ``inf * 0 = nan``.  The
double-where pattern (feed the unused branch a harmless argument) avoids that.
``tests/test_oracles.py`` checks every scalar definition here against the
high-precision forms in ``high_precision.py``.

Scalar activations take a scalar ``x`` and keyword parameters; row-wise ones
(softmax, softmin, log-softmax) take a vector and act along it; losses take the
prediction ``y`` and the target ``t``.
"""
import jax
import jax.numpy as jnp

# Largest magnitude whose square (plus one) stays finite in float64.
_SQUARE_SAFE = 1e150


def step(x):
    return jnp.where(x > 0, 1.0, 0.0)


def identity(x):
    return x


def bent_identity(x):
    # sqrt(x^2 + 1) overflows for |x| > 1.3e154, where it equals |x| anyway.
    big = jnp.abs(x) > _SQUARE_SAFE
    small_x = jnp.where(big, 0.0, x)
    root = jnp.where(big, jnp.abs(x), jnp.sqrt(small_x * small_x + 1.0))
    return 0.5 * (root - 1.0) + x


def hard_shrink(x, lambda_=0.5):
    return jnp.where(jnp.abs(x) > lambda_, x, 0.0)


def soft_shrink(x, lambda_=0.5):
    return jnp.where(x > lambda_, x - lambda_, jnp.where(x < -lambda_, x + lambda_, 0.0))


def threshold(x, threshold=0.0, value=0.0):
    return jnp.where(x > threshold, x, value)


def sigmoid(x):
    # exp(-|x|) never overflows; each branch is the accurate one on its side.
    z = jnp.exp(jnp.where(x >= 0, -x, x))
    return jnp.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def hard_sigmoid(x):
    # The article's (and Keras's) slope 0.2; PyTorch uses x/6 + 1/2.
    return jnp.clip(0.2 * x + 0.5, 0.0, 1.0)


def softplus(x):
    return jnp.logaddexp(x, 0.0)


def log_sigmoid(x):
    return -softplus(-x)


def tanh(x):
    return jnp.tanh(x)


def hard_tanh(x):
    return jnp.clip(x, -1.0, 1.0)


def tanh_shrink(x):
    return x - jnp.tanh(x)


def relu(x):
    return jnp.maximum(x, 0.0)


def relu6(x):
    return jnp.clip(x, 0.0, 6.0)


def leaky_relu(x, alpha=1e-2):
    return jnp.where(x >= 0, x, alpha * x)


def _negative_expm1(x, scale=1.0):
    """expm1(x/scale) on the negative side, with the unused branch kept finite."""
    return jnp.expm1(jnp.minimum(x, 0.0) / scale)


def elu(x, alpha=1.0):
    return jnp.where(x >= 0, x, alpha * _negative_expm1(x))


# Klambauer et al. 2017, eq. (14): the constants of the self-normalizing fixed point.
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717


def selu(x, lambda_=SELU_LAMBDA, alpha=SELU_ALPHA):
    return lambda_ * jnp.where(x >= 0, x, alpha * _negative_expm1(x))


def celu(x, alpha=1.0):
    return jnp.where(x >= 0, x, alpha * _negative_expm1(x, alpha))


@jax.custom_jvp
def softsign(x):
    return x / (1.0 + jnp.abs(x))


@softsign.defjvp
def _softsign_jvp(primals, tangents):
    # Autodiff of the quotient subtracts two ~1/|x| terms and loses every digit
    # for |x| > 1e8; the closed form 1/(1+|x|)^2 does not.
    (x,), (dx,) = primals, tangents
    return softsign(x), dx / (1.0 + jnp.abs(x)) ** 2


def swish(x, beta=1.0):
    return x * sigmoid(beta * x)


def mish(x):
    return x * jnp.tanh(softplus(x))


def tanh_exp(x):
    # tanh(exp(x)) is exactly 1 in float64 beyond x = 4, and exp overflows at 709:
    # there x*tanh(exp(x)) = x, whose derivative is 1 (not x * inf * 0 = nan).
    big = x > 4.0
    safe_x = jnp.where(big, 0.0, x)
    return jnp.where(big, x, safe_x * jnp.tanh(jnp.exp(safe_x)))


def softmax(x):
    shifted = x - jax.lax.stop_gradient(jnp.max(x))
    e = jnp.exp(shifted)
    return e / jnp.sum(e)


def softmin(x):
    return softmax(-x)


def log_softmax(x):
    shifted = x - jax.lax.stop_gradient(jnp.max(x))
    return shifted - jnp.log(jnp.sum(jnp.exp(shifted)))


# Losses: the per-element loss L(y, t); backward is dL/dy.

def square_error(y, t):
    return 0.5 * (y - t) ** 2


def binary_cross_entropy(y, t):
    # log1p(-y) keeps the digits of 1 - y when y is tiny.
    return -t * jnp.log(y) - (1.0 - t) * jnp.log1p(-y)


def cross_entropy(y, t):
    return -t * jnp.log(y)
