"""Matrix products of the pipeline through numpy's BLAS instead of thinc's bundled BLIS.

Most of the analysis time goes into ``Ops.gemm`` (the tok2vec layers of the tagger,
parser and NER). thinc's CPU backend does it with the BLIS it ships, which on the
machines this project runs on is about three times slower than the OpenBLAS that numpy
ships (single-threaded, float32 both). :func:`use_numpy_gemm` gives every layer of a
loaded pipeline the same backend with only ``gemm`` routed through ``numpy.matmul``;
every other operation, the weights and the pipeline's files are unchanged. The products
agree with BLIS's to float32 rounding (the order of the sums differs).
"""

from __future__ import annotations

import numpy
from thinc.backends.numpy_ops import NumpyOps


class NumpyGemmOps(NumpyOps):
    """thinc's CPU backend, with ``gemm`` done by ``numpy.matmul``."""

    name = "personae_numpy"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        if x.ndim != 2 or y.ndim != 2:
            raise ValueError(f"gemm takes 2-dimensional arrays, not {x.ndim} and {y.ndim}")
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_numpy_gemm(nlp) -> int:
    """Give every thinc layer of ``nlp`` the numpy-gemm backend; the number of layers
    changed (0 when the pipeline runs on another backend, e.g. a GPU, left as it is)."""
    _one_blas_thread()
    ops = NumpyGemmOps()
    changed = 0
    for _name, proc in getattr(nlp, "pipeline", []):
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed += 1
    return changed


_limited = []


def _one_blas_thread() -> None:
    """One BLAS thread per process: the analysis runs on one core (``-j`` uses the
    others), and threads that share a loaded machine's cores cost more than they give."""
    if _limited:
        return
    try:
        # spaCy's side: imported only when used, so the reader and cached exports never load it
        from threadpoolctl import threadpool_limits
    except ImportError:  # without it numpy's BLAS keeps its own thread count
        return
    _limited.append(threadpool_limits(limits=1, user_api="blas"))
