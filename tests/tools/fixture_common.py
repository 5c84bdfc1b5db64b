"""What both PyTorch fixture scripts share: StaticNet's parameter layout and writing the JSON."""
import json
import os

from torch import nn

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "StaticNet.Tests", "Fixtures")


def flat(tensors):
    """Every value of the tensors, in order, as Python floats (exact for float32)."""
    return [float(v) for t in tensors for v in t.detach().reshape(-1).tolist()]


def parameters_in_layout(model):
    """StaticNet's Parameters layout: per Linear layer its weight [out × in] row-major, then its bias."""
    return flat(p for m in model if isinstance(m, nn.Linear) for p in (m.weight, m.bias))


def gradients_in_layout(model):
    return flat(p.grad for m in model if isinstance(m, nn.Linear) for p in (m.weight, m.bias))


def write(name, payload):
    path = os.path.join(FIXTURES, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")
    return os.path.normpath(path)
