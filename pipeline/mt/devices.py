"""Where CTranslate2 runs (CPU or a CUDA GPU) and with which compute type.

``auto`` takes the GPU when CTranslate2 sees one (``ctranslate2.get_cuda_device_count()``), so the same
command uses a GPU machine's GPU and a laptop's cores. A GPU gets a half-precision compute type:
published Argos packages hold int8 weights, which CTranslate2 runs on a GPU as ``int8_float16``
(int8 matrix products, float16 elsewhere); ``float16`` where int8 is not supported. On the CPU the
package's own type is kept (``default``), as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.errors import PipelineError

DEVICES = ("auto", "cpu", "cuda")
GPU_COMPUTE_TYPES = ("int8_float16", "float16", "int8_float32", "float32")
"""Preferred compute types on a GPU, best first; the first the GPU supports is taken."""


@dataclass(frozen=True, slots=True)
class Placement:
    device: str
    """``cpu`` or ``cuda``."""
    compute_type: str


def cuda_devices() -> int:
    import ctranslate2

    try:
        return ctranslate2.get_cuda_device_count()
    except RuntimeError:  # a CUDA driver that fails to initialise counts as none
        return 0


def cuda_compute_types() -> set[str]:
    import ctranslate2

    return set(ctranslate2.get_supported_compute_types("cuda"))


def place(
    requested: str,
    compute_type: str = "default",
    *,
    where: str = "this machine",
    gpus: Callable[[], int] = cuda_devices,
    gpu_types: Callable[[], set[str]] = cuda_compute_types,
) -> Placement:
    """The device and compute type for ``--device requested`` and ``--compute-type compute_type``.

    ``--device cuda`` without a GPU is an error (nothing falls back silently to a CPU 20 times
    slower); ``auto`` falls back. An explicit compute type is kept as given.

    >>> place("auto", gpus=lambda: 0)
    Placement(device='cpu', compute_type='default')
    >>> place("auto", gpus=lambda: 1, gpu_types=lambda: {"float32", "float16", "int8_float16"})
    Placement(device='cuda', compute_type='int8_float16')
    """
    if requested not in DEVICES:
        raise PipelineError(f"unknown device {requested!r}; choose one of {', '.join(DEVICES)}")
    if requested == "cpu":
        return Placement("cpu", compute_type)
    if gpus() < 1:
        if requested == "cuda":
            raise PipelineError(f"--device cuda: CTranslate2 sees no CUDA GPU on {where}; use --device cpu (or auto)")
        return Placement("cpu", compute_type)
    if compute_type != "default":
        return Placement("cuda", compute_type)
    supported = gpu_types()
    return Placement("cuda", next((kind for kind in GPU_COMPUTE_TYPES if kind in supported), "default"))
