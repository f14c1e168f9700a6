"""gradaudit's oracles and verification engine.

float64 is switched on here, before any JAX array exists: every oracle computes
in float64 whatever the dtype of the code under audit.
"""
import jax

jax.config.update("jax_enable_x64", True)
