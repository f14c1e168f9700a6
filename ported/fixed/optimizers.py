"""Gradient-descent optimizers: the corrected twin of ``ported/seed/optimizers.py``.

Same 17 classes, constructor arguments and defaults as the seed (a few gain a
trailing keyword: ``eps`` for AdaGrad/AdaMax, ``rng`` for the Santa pair; an
unknown keyword raises TypeError), and ``update(grad_w, grad_b, t=None, ...)``
returns the step ``(dw, db)`` to add to the parameters.  ``t`` is the 1-based
step counter, passed by the caller as in the article, or counted by the
optimizer when omitted.  Where the article follows a legitimate named variant
(eps inside the square root, dampened momentum, ...) the variant is kept,
named in the docstring and declared in the class attribute ``variant`` (flags
of ``reference/optimizers.py``, which gradaudit holds the class to): this
module differs from the seed only by defects, each marked by a one-line
comment.  The registry also accepts "SGD" (the article's "SDG" key is kept as
an alias).
"""
import numpy as np


class Optimizer():
    """Base class of the optimizers: update(grad_w, grad_b, ...) -> (dw, db)."""
    # No *args/**kwds in the constructors: the seed's swallowed a misspelt
    # keyword (get_opt("Adam", alhpa=0.1) silently kept the default alpha).
    def __init__(self):
        """Start the step counter."""
        self.t = 0


    def _count(self, t):
        """Return the step number: the caller's t, else one more than the last."""
        # seed's default t=1 froze the bias corrections and schedules at step 1
        # in a loop that does not pass t
        self.t = self.t + 1 if t is None else t
        return self.t


    def update(self, *args,**kwds):
        """Return the step (implemented by subclasses)."""
        pass


class SGD(Optimizer):
    """Plain SGD: step = -eta*grad."""
    def __init__(self, eta=1e-2):
        """Store the learning rate eta."""
        super().__init__()

        self.eta = eta


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return (-eta*grad_w, -eta*grad_b)."""
        dw = -self.eta*grad_w
        db = -self.eta*grad_b
        return dw, db


class MSGD(Optimizer):
    """Momentum SGD, dampened variant: v = mu*v - (1 - mu)*eta*grad; step = v."""
    variant = {"dampened": True}

    def __init__(self, eta=1e-2, mu=0.9):
        """Store eta and the momentum mu; the velocity starts at 0."""
        super().__init__()

        self.eta = eta
        self.mu = mu

        # Velocity of the previous step.
        self.dw = 0
        self.db = 0


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return the new velocity (the step) for w and b."""
        dw = self.mu*self.dw - (1-self.mu)*self.eta*grad_w
        db = self.mu*self.db - (1-self.mu)*self.eta*grad_b

        self.dw = dw
        self.db = db

        return dw, db


class NAG(Optimizer):
    """Nesterov momentum, dampened variant (as MSGD), on the gradient at the current point."""
    variant = {"dampened": True}

    def __init__(self, eta=1e-2, mu=0.9):
        """Store eta and the momentum mu; the velocity starts at 0."""
        super().__init__()

        self.eta = eta
        self.mu = mu

        # Velocity of the previous step.
        self.dw = 0
        self.db = 0


    def update(self, grad_w, grad_b, w=0, b=0, dfw=None, dfb=None,
               nargs=2, *args,**kwds):
        """Return the Nesterov step; with dfw/dfb given, use the article's look-ahead form.

        Default (training loop, gradient at the current parameters): the
        standard reformulation in look-ahead coordinates,
        v = mu*v - (1 - mu)*eta*g; step = mu*v - (1 - mu)*eta*g.
        If the caller passes the gradient functions dfw (and dfb), the
        article's form is used: the gradient is evaluated at w + mu*v.
        """
        if dfw is None:
            # seed always called dfw (None by default): crashed in a plain training loop
            vw = self.mu*self.dw - (1-self.mu)*self.eta*grad_w
            vb = self.mu*self.db - (1-self.mu)*self.eta*grad_b
            dw = self.mu*vw - (1-self.mu)*self.eta*grad_w
            db = self.mu*vb - (1-self.mu)*self.eta*grad_b
            self.dw = vw
            self.db = vb
            return dw, db

        if nargs == 1:
            grad_w = dfw(w + self.mu*self.dw)
            grad_b = 0
        elif nargs == 2:
            grad_w = dfw(w + self.mu*self.dw, b + self.mu*self.db)
            grad_b = dfb(w + self.mu*self.dw, b + self.mu*self.db)

        dw = self.mu*self.dw - (1-self.mu)*self.eta*grad_w
        db = self.mu*self.db - (1-self.mu)*self.eta*grad_b

        self.dw = dw
        self.db = db

        return dw, db


class AdaGrad(Optimizer):
    """AdaGrad: G += grad**2; step = -eta*grad/(sqrt(G) + eps)."""
    # eps (new keyword): seed divided 0/0 = nan while a gradient is exactly 0
    def __init__(self, eta=1e-3, eps=1e-8):
        """Store eta and eps; the accumulator starts at 0."""
        super().__init__()

        self.eta = eta
        self.eps = eps

        # Sum of squared gradients.
        self.gw = 0
        self.gb = 0


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return -eta*grad/(sqrt(G) + eps) for w and b."""
        self.gw += grad_w*grad_w
        self.gb += grad_b*grad_b

        dw = -self.eta*grad_w/(np.sqrt(self.gw) + self.eps)  # eps: seed gave 0/0
        db = -self.eta*grad_b/(np.sqrt(self.gb) + self.eps)

        return dw, db


class RMSprop(Optimizer):
    """RMSprop, eps-inside-the-root variant: step = -eta*grad/sqrt(v + eps)."""
    variant = {"eps_inside_sqrt": True}

    def __init__(self, eta=1e-2, rho=0.99, eps=1e-8):
        """Store eta, the decay rho and eps; v starts at 0."""
        super().__init__()

        self.eta = eta
        self.rho = rho
        self.eps = eps

        self.vw = 0
        self.vb = 0


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return -eta*grad/sqrt(v + eps), v the running mean of grad**2."""
        self.vw += (1-self.rho)*(grad_w**2 - self.vw)
        self.vb += (1-self.rho)*(grad_b**2 - self.vb)

        dw = -self.eta*grad_w/np.sqrt(self.vw+self.eps)
        db = -self.eta*grad_b/np.sqrt(self.vb+self.eps)

        return dw, db


class AdaDelta(Optimizer):
    """AdaDelta (Zeiler 2012): step = -grad*sqrt(u + eps)/sqrt(v + eps)."""
    def __init__(self, rho=0.95, eps=1e-6):
        """Store the decay rho and eps; v and u start at 0."""
        super().__init__()

        self.rho = rho
        self.eps = eps

        self.vw = 0
        self.vb = 0
        self.uw = 0
        self.ub = 0


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return the AdaDelta step and update the running mean u of step**2."""
        self.vw += (1-self.rho)*(grad_w**2 - self.vw)
        self.vb += (1-self.rho)*(grad_b**2 - self.vb)

        # **0.5, not np.sqrt: on the initial Python 0 np.sqrt gives a float64
        # scalar that promoted float32 steps to float64
        dw = -grad_w*(self.uw+self.eps)**0.5/np.sqrt(self.vw+self.eps)
        db = -grad_b*(self.ub+self.eps)**0.5/np.sqrt(self.vb+self.eps)

        self.uw += (1-self.rho)*(dw**2 - self.uw)
        self.ub += (1-self.rho)*(db**2 - self.ub)

        return dw, db


class Adam(Optimizer):
    """Adam, eps-inside-the-root variant: step = -alpha_t*m/sqrt(v + eps), bias-corrected alpha_t."""
    variant = {"bias_correction": "folded", "eps_inside_sqrt": True}

    def __init__(self, alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        """Store alpha, beta1, beta2, eps; m and v start at 0."""
        super().__init__()

        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return -alpha*sqrt(1 - beta2**t)/(1 - beta1**t)*m/sqrt(v + eps)."""
        t = self._count(t)
        self.mw += (1-self.beta1)*(grad_w - self.mw)
        self.mb += (1-self.beta1)*(grad_b - self.mb)
        self.vw += (1-self.beta2)*(grad_w**2 - self.vw)
        self.vb += (1-self.beta2)*(grad_b**2 - self.vb)

        # float(): the NumPy float64 scalar from np.sqrt promoted float32 steps
        alpha_t = float(self.alpha*np.sqrt(1-self.beta2**t)/(1-self.beta1**t))

        dw = -alpha_t*self.mw/(np.sqrt(self.vw+self.eps))
        db = -alpha_t*self.mb/(np.sqrt(self.vb+self.eps))

        return dw, db


class RMSpropGraves(Optimizer):
    """Graves' RMSprop, momentum-free variant: step = -eta*grad/sqrt(v - m**2 + eps)."""
    variant = {"momentum": 0.0}

    def __init__(self, eta=1e-4, rho=0.95, eps=1e-4):
        """Store eta, the decay rho and eps; m and v start at 0."""
        super().__init__()

        self.eta = eta
        self.rho = rho
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0


    def update(self,grad_w, grad_b, *args,**kwds):
        """Return -eta*grad/sqrt(v - m**2 + eps), m and v running means of grad and grad**2."""
        self.mw += (1-self.rho)*(grad_w - self.mw)
        self.mb += (1-self.rho)*(grad_b - self.mb)
        self.vw += (1-self.rho)*(grad_w**2 - self.vw)
        self.vb += (1-self.rho)*(grad_b**2 - self.vb)

        dw = -self.eta*grad_w/np.sqrt(self.vw - self.mw**2 + self.eps)
        db = -self.eta*grad_b/np.sqrt(self.vb - self.mb**2 + self.eps)

        return dw, db


class SMORMS3(Optimizer):
    """SMORMS3 (Funk 2015), eps-inside-the-root variant: step = -grad*min(eta, zeta)/sqrt(v + eps)."""
    variant = {"eps_inside_sqrt": True}

    def __init__(self, eta=1e-3, eps=1e-8):
        """Store eta and eps; memory s starts at 1, m and v at 0."""
        super().__init__()

        self.eta = eta
        self.eps = eps

        self.zetaw = 0
        self.zetab = 0
        self.sw = 1
        self.sb = 1
        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0


    def update(self, grad_w, grad_b, *args,**kwds):
        """Return the SMORMS3 step; rho = 1/(1 + s) is the weight of the new gradient."""
        rhow = 1/(1+self.sw)
        rhob = 1/(1+self.sb)

        # Funk: m = (1 - rho)*m + rho*grad; seed swapped rho and 1 - rho
        # (longer memory s then gave the *new* gradient more weight)
        self.mw += rhow*(grad_w - self.mw)
        self.mb += rhob*(grad_b - self.mb)
        self.vw += rhow*(grad_w**2 - self.vw)
        self.vb += rhob*(grad_b**2 - self.vb)

        self.zetaw = self.mw**2 / (self.vw + self.eps)
        self.zetab = self.mb**2 / (self.vb + self.eps)  # seed overwrote zetaw here

        dw = -grad_w*(np.minimum(self.eta, self.zetaw)
                      /np.sqrt(self.vw + self.eps))
        db = -grad_b*(np.minimum(self.eta, self.zetab)
                      /np.sqrt(self.vb + self.eps))

        self.sw = 1 + (1 - self.zetaw)*self.sw
        self.sb = 1 + (1 - self.zetab)*self.sb

        return dw, db


class AdaMax(Optimizer):
    """AdaMax (Kingma & Ba 2015): u = max(beta2*u, |grad| + eps); step = -alpha/(1 - beta1**t)*m/u."""
    @property
    def variant(self):
        """eps inside the max, as PyTorch and optax."""
        return {"eps": self.eps}

    # eps (new keyword, inside the max as in PyTorch/optax): seed divided 0/0 = nan
    # while a gradient is exactly 0
    def __init__(self, alpha=2e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        """Store alpha, beta1, beta2, eps; m and u start at 0."""
        super().__init__()

        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.uw = 0
        self.ub = 0


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return -alpha/(1 - beta1**t)*m/u."""
        t = self._count(t)
        self.mw += (1-self.beta1)*(grad_w - self.mw)
        self.mb += (1-self.beta1)*(grad_b - self.mb)
        # + eps: seed's u stayed 0 while gradients were 0, and m/u was 0/0
        self.uw = np.maximum(self.beta2*self.uw, np.abs(grad_w) + self.eps)
        self.ub = np.maximum(self.beta2*self.ub, np.abs(grad_b) + self.eps)

        alpha_t = self.alpha/(1 - self.beta1**t)

        dw = -alpha_t*self.mw/self.uw
        db = -alpha_t*self.mb/self.ub

        return dw, db


class Nadam(Optimizer):
    """Nadam as in Dozat (2016) Algorithm 2 (v_hat = nu*v/(1 - nu**t)), eps inside the root."""
    variant = {"nu_hat": "printed", "eps_inside_sqrt": True}

    def __init__(self, alpha=2e-3, mu=0.975, nu=0.999, eps=1e-8):
        """Store alpha, mu, nu, eps; m and v start at 0."""
        super().__init__()

        self.alpha = alpha
        self.mu = mu
        self.nu = nu
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return -alpha*m_hat/sqrt(v_hat + eps) with the Nesterov-corrected m_hat."""
        t = self._count(t)
        self.mw += (1-self.mu)*(grad_w - self.mw)
        self.mb += (1-self.mu)*(grad_b - self.mb)
        self.vw += (1-self.nu)*(grad_w**2 - self.vw)
        self.vb += (1-self.nu)*(grad_b**2 - self.vb)

        mhatw = (self.mu*self.mw/(1-self.mu**(t+1))
                 + (1-self.mu)*grad_w/(1-self.mu**t))
        mhatb = (self.mu*self.mb/(1-self.mu**(t+1))
                 + (1-self.mu)*grad_b/(1-self.mu**t))
        vhatw = self.nu*self.vw/(1-self.nu**t)
        vhatb = self.nu*self.vb/(1-self.nu**t)

        dw = -self.alpha*mhatw/np.sqrt(vhatw + self.eps)
        db = -self.alpha*mhatb/np.sqrt(vhatb + self.eps)

        return dw, db


class Eve(Optimizer):
    """Eve (Koushik & Hayashi, arXiv:1611.01505v3): Adam scaled by 1/d, d tracking the relative loss change."""
    def __init__(self, alpha=1e-3, beta1=0.9, beta2=0.999, beta3=0.999,
                 c=10, eps=1e-8, fstar=0):
        """Store the hyper-parameters; fstar is a lower bound of the loss."""
        super().__init__()

        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.beta3 = beta3
        self.c = c
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0
        self.f = None  # previous loss; None until the first update
        self.fstar = fstar
        self.dtilde_w = 1
        self.dtilde_b = 1


    def _dhat(self, f):
        """Return clip(|f - f_prev|/(min(f, f_prev) - fstar), 1/c, c)."""
        num = abs(f - self.f)
        den = min(f, self.f) - self.fstar
        if den > 0:
            d = num/den
        else:
            # loss at (or below) fstar: no relative change is defined; 0/0 -> 1/c
            d = np.inf if num > 0 else 0.0
        return float(np.clip(d, 1/self.c, self.c))


    def update(self, grad_w, grad_b, t=None, f=1, *args,**kwds):
        """Return -alpha*m_hat/(d*(sqrt(v_hat) + eps)); f is the current loss value."""
        t = self._count(t)
        self.mw += (1-self.beta1)*(grad_w - self.mw)
        self.mb += (1-self.beta1)*(grad_b - self.mb)
        self.vw += (1-self.beta2)*(grad_w**2 - self.vw)
        self.vb += (1-self.beta2)*(grad_b**2 - self.vb)

        mhatw = self.mw/(1 - self.beta1**t)
        mhatb = self.mb/(1 - self.beta1**t)
        vhatw = self.vw/(1 - self.beta2**t)
        vhatb = self.vb/(1 - self.beta2**t)

        if t > 1 and self.f is not None:
            # paper: d = |f - f_prev|/(min(f, f_prev) - f*); seed used |f - f*|
            dhat = self._dhat(f)
            self.dtilde_w += (1 - self.beta3)*(dhat - self.dtilde_w)
            self.dtilde_b += (1 - self.beta3)*(dhat - self.dtilde_b)
        else:
            self.dtilde_w = 1
            self.dtilde_b = 1

        self.f = f

        dw = -(self.alpha*mhatw
               /(self.dtilde_w*(np.sqrt(vhatw) + self.eps)))
        db = -(self.alpha*mhatb
               /(self.dtilde_b*(np.sqrt(vhatb) + self.eps)))

        return dw, db


def _normal(rng, like):
    """Draw standard normals shaped like the gradient ``like`` (float32 stays float32),
    from rng, or from NumPy's global generator if rng is None."""
    dtype = np.result_type(np.asarray(like), np.float32)  # float64 draws promoted float32 steps
    # np.shape: seed forced shape (1,) on scalar gradients
    return np.asarray((np.random if rng is None else rng).standard_normal(np.shape(like)), dtype=dtype)


class SantaE(Optimizer):
    """Santa with the Euler scheme (Chen et al. 2016, Algorithm 1), with g_0 := g_1."""
    def __init__(self, eta=1e-2, sigma=0.95, lambda_=1e-8,
                 anne_func=lambda t, n: t**n, anne_rate=0.5,
                 burnin=100, C=5, N=16, *, rng=None):
        """
        Args:
            eta: Learning rate
            sigma: Maybe in other cases;
                    'rho' in RMSprop, AdaDelta, RMSpropGraves.
                    'rhow' or 'rhob' in SMORMS3.
                    'beta2' in Adam, Eve.
                    'nu' in Nadam.
                   To use calculation 'v'.
            lambda_: Named 'eps'(ε) in other cases.
            anne_func: Annealing function.
                       To use calculation 'beta' at each timestep.
                       Default is 'timestep'**'annealing rate'.
                       The calculated value should be towards infinity
                       as 't' increases.
            anne_rate: Annealing rate.
                       To use calculation 'beta' at each timestep.
                       The second Argument of 'anne_func'.
            burnin: Swith exploration and refinement.
                    This should be specified by users.
            C: To calculate first 'alpha'.
            N: Number of minibatch.
            rng: numpy Generator for the noise (default: NumPy's global one).
        """
        super().__init__()

        self.eta = eta
        self.sigma = sigma
        self.lambda_ = lambda_
        self.anne_func = anne_func
        self.anne_rate = anne_rate
        self.burnin = burnin
        self.N = N
        self.rng = rng  # new: the seed's np.random noise could not be seeded per optimizer

        # float(): a NumPy float64 alpha promoted float32 steps
        self.alpha_w = float(np.sqrt(eta)*C)
        self.alpha_b = float(np.sqrt(eta)*C)
        self.vw = 0
        self.vb = 0
        self.gw = None  # g_{t-1}; set to g_1 on the first update (see update)
        self.gb = None
        self.uw = None
        self.ub = None


    def _preconditioned(self, grad_w, grad_b, t):
        """The part both Santa schemes share: count t, draw u_0 on the first call,
        update v, and return (t, g_t for w, g_t for b)."""
        t = self._count(t)
        first = t == 1 or self.uw is None
        if first:
            # u_0 = sqrt(eta)*N(0, I); seed crashed if the first call had t != 1
            self.uw = self.eta**0.5*_normal(self.rng, grad_w)
            self.ub = self.eta**0.5*_normal(self.rng, grad_b)

        self.vw = (self.sigma*self.vw
                   + grad_w*grad_w * (1 - self.sigma) / self.N**2)
        self.vb = (self.sigma*self.vb
                   + grad_b*grad_b * (1 - self.sigma) / self.N**2)

        gw = 1/np.sqrt(self.lambda_ + np.sqrt(self.vw))
        gb = 1/np.sqrt(self.lambda_ + np.sqrt(self.vb))

        if first:
            # g_0 := g_1 (the paper leaves g_0 unset): the seed's g_0 = 0 made the
            # first correction eta/beta/u_0, which diverges whenever u_0 is small
            self.gw = gw
            self.gb = gb
        return t, gw, gb


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return g_t*u_t, the Santa-E step (exploration while t < burnin, then refinement)."""
        t, gw, gb = self._preconditioned(grad_w, grad_b, t)

        beta = self.anne_func(t, self.anne_rate)
        if t < self.burnin:
            # Exploration.
            self.alpha_w = self.alpha_w + self.uw*self.uw - self.eta/beta
            self.alpha_b = self.alpha_b + self.ub*self.ub - self.eta/beta

            uw = (self.eta/beta * (1 - self.gw/gw)/self.uw
                  + np.sqrt(2*self.eta/beta * self.gw)
                  * _normal(self.rng, grad_w))
            ub = (self.eta/beta * (1 - self.gb/gb)/self.ub
                  + np.sqrt(2*self.eta/beta * self.gb)
                  * _normal(self.rng, grad_b))
        else:
            # Refinement.
            uw = 0
            ub = 0

        uw = uw + (1 - self.alpha_w)*self.uw - self.eta*gw*grad_w
        ub = ub + (1 - self.alpha_b)*self.ub - self.eta*gb*grad_b

        self.uw = uw
        self.ub = ub
        self.gw = gw
        self.gb = gb

        dw = gw*uw
        db = gb*ub

        return dw, db


class SantaSSS(SantaE):
    """Santa with the symmetric splitting scheme (Chen et al. 2016, Algorithm 2), with g_0 := g_1.

    Same constructor arguments as SantaE.
    """
    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return g_t*(u_{t-1} + u_t)/2: both half-steps of theta in one Santa-SSS iteration."""
        t, gw, gb = self._preconditioned(grad_w, grad_b, t)

        # First half-step theta += g_t*u_{t-1}/2.
        dw = 0.5*gw*self.uw
        db = 0.5*gb*self.ub

        beta = self.anne_func(t, self.anne_rate)
        if t < self.burnin:
            # Exploration.
            self.alpha_w = self.alpha_w + (self.uw*self.uw - self.eta/beta)*0.5
            self.alpha_b = self.alpha_b + (self.ub*self.ub - self.eta/beta)*0.5

            uw = np.exp(-0.5*self.alpha_w)*self.uw
            ub = np.exp(-0.5*self.alpha_b)*self.ub
            uw = uw + (-gw*grad_w*self.eta
                       + np.sqrt(2*self.gw*self.eta/beta)
                       * _normal(self.rng, grad_w)
                       + self.eta/beta*(1-self.gw/gw)/self.uw)
            ub = ub + (-gb*grad_b*self.eta
                       + np.sqrt(2*self.gb*self.eta/beta)
                       * _normal(self.rng, grad_b)
                       + self.eta/beta*(1-self.gb/gb)/self.ub)
            uw = uw*np.exp(-0.5*self.alpha_w)
            ub = ub*np.exp(-0.5*self.alpha_b)

            self.alpha_w = self.alpha_w + (uw*uw - self.eta/beta)*0.5
            self.alpha_b = self.alpha_b + (ub*ub - self.eta/beta)*0.5
        else:
            # Refinement.
            uw = np.exp(-0.5*self.alpha_w)*self.uw
            ub = np.exp(-0.5*self.alpha_b)*self.ub

            uw = uw - gw*grad_w*self.eta
            ub = ub - gb*grad_b*self.eta

            uw = uw*np.exp(-0.5*self.alpha_w)
            ub = ub*np.exp(-0.5*self.alpha_b)

        self.uw = uw
        self.ub = ub
        self.gw = gw
        self.gb = gb

        # Second half-step theta += g_t*u_t/2, added to the first: the seed
        # overwrote dw here and so dropped the first half-step
        dw = dw + 0.5*gw*uw
        db = db + 0.5*gb*ub

        return dw, db


class AMSGrad(Optimizer):
    """AMSGrad (Reddi et al. 2018) with alpha_t = alpha/sqrt(t), no bias correction, eps inside the root."""
    variant = {"eps_inside_sqrt": True}

    def __init__(self, alpha=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        """Store alpha, beta1, beta2, eps; m, v, v_hat start at 0."""
        super().__init__()

        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0
        self.vhatw = 0
        self.vhatb = 0


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return -alpha/sqrt(t)*m/sqrt(max_so_far(v) + eps)."""
        t = self._count(t)
        self.mw += (1-self.beta1)*(grad_w - self.mw)
        self.mb += (1-self.beta1)*(grad_b - self.mb)

        self.vw += (1-self.beta2)*(grad_w**2 - self.vw)
        self.vb += (1-self.beta2)*(grad_b**2 - self.vb)

        self.vhatw = np.maximum(self.vhatw, self.vw)
        self.vhatb = np.maximum(self.vhatb, self.vb)

        alpha_t = float(self.alpha / np.sqrt(t))  # float(): keeps float32 steps float32

        dw = - alpha_t * self.mw/np.sqrt(self.vhatw + self.eps)
        db = - alpha_t * self.mb/np.sqrt(self.vhatb + self.eps)

        return dw, db


class AdaBound(Optimizer):
    """AdaBound (Luo et al. 2019, no bias correction): step = -clip(alpha/(sqrt(v) + eps), lo_t, hi_t)/sqrt(t)*m."""
    @property
    def variant(self):
        """eps added to sqrt(v) in the step size, as the authors' code."""
        return {"eps": self.eps}

    def __init__(self, alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999,
                 eps=1e-8):
        """Store alpha, the final rate eta, beta1, beta2, eps; m and v start at 0."""
        super().__init__()

        self.alpha = alpha
        self.eta = eta
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

        self.mw = 0
        self.mb = 0
        self.vw = 0
        self.vb = 0


    def update(self, grad_w, grad_b, t=None, *args,**kwds):
        """Return the AdaBound step with bounds eta*(1 -+ 1/((1 - beta2)*t + ...))."""
        t = self._count(t)
        self.mw += (1-self.beta1)*(grad_w - self.mw)
        self.mb += (1-self.beta1)*(grad_b - self.mb)
        self.vw += (1-self.beta2)*(grad_w**2 - self.vw)
        self.vb += (1-self.beta2)*(grad_b**2 - self.vb)

        vw, vb = self._second_moments()

        etal = self.eta*(1 - 1/((1-self.beta2)*t + 1))
        # no + eps: the paper's bound is eta*(1 + 1/((1 - beta2)*t)); seed's eps moved it
        etau = self.eta*(1 + 1/((1-self.beta2)*t))

        # eps in the denominator: seed divided by sqrt(0) while a gradient is 0
        etahatw_t = np.clip(self.alpha/(np.sqrt(vw) + self.eps), etal, etau)
        etahatb_t = np.clip(self.alpha/(np.sqrt(vb) + self.eps), etal, etau)

        # float(): the NumPy float64 scalar from np.sqrt promoted float32 steps
        etaw_t = etahatw_t/float(np.sqrt(t))
        etab_t = etahatb_t/float(np.sqrt(t))

        dw = - etaw_t*self.mw
        db = - etab_t*self.mb

        return dw, db


    def _second_moments(self):
        """The v that sets the step size: v itself (AMSBound: its running maximum)."""
        return self.vw, self.vb


class AMSBound(AdaBound):
    """AMSBound (Luo et al. 2019): AdaBound with v replaced by its running maximum."""

    def __init__(self, alpha=1e-3, eta=1e-1, beta1=0.9, beta2=0.999,
                 eps=1e-8):
        """As AdaBound; v_hat, the running maximum of v, starts at 0."""
        super().__init__(alpha, eta, beta1, beta2, eps)
        self.vhatw = 0
        self.vhatb = 0


    def _second_moments(self):
        """max_so_far(v), updated from the v of this step."""
        self.vhatw = np.maximum(self.vhatw, self.vw)
        self.vhatb = np.maximum(self.vhatb, self.vb)
        return self.vhatw, self.vhatb


# Listing ``get_opt.py``; "SGD" added (the article spelt it "SDG", kept as an alias).
_opt_dic = {
    "SGD": SGD,
    "SDG": SGD,
    "MSGD": MSGD,
    "NAG": NAG,
    "AdaGrad": AdaGrad,
    "RMSprop": RMSprop,
    "AdaDelta": AdaDelta,
    "Adam": Adam,
    "RMSpropGraves": RMSpropGraves,
    "SMORMS3": SMORMS3,
    "AdaMax": AdaMax,
    "Nadam": Nadam,
    "Eve": Eve,
    "SantaE": SantaE,
    "SantaSSS": SantaSSS,
    "AMSGrad": AMSGrad,
    "AdaBound": AdaBound,
    "AMSBound": AMSBound,
}


def get_opt(name, *args,**kwds):
    """Return a new instance of the optimizer registered under name."""
    if name in _opt_dic.keys():
        optimizer = _opt_dic[name](*args,**kwds)
    else:
        raise ValueError(name, ": Unknown optimizer")

    return optimizer
