"""A scalar automatic-differentiation engine: the reference ``Value`` of chapter 04_backprop.

Each operation builds its output ``Value`` and attaches one small ``_backward`` closure that
moves the output's gradient to its inputs (local derivative times upstream gradient).
``backward()`` visits the graph in reverse topological order, so a node passes its gradient on
only after every node that uses it has added its share. Gradients accumulate with ``+=``: a node
used twice (``a + a``, ``a * a``) receives one contribution per use.

Later chapters and the graph widget import it from here so that a bug in a student's notebook
cannot break them::

    from gradschool.reference.autograd import Value

    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = (a * b + a).tanh()
    c.backward()
    a.grad, b.grad

Graphs are small (hundreds of nodes); everything is a Python float.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

__all__ = ["Value", "topological_order"]


def topological_order(root: "Value") -> list["Value"]:
    """Every node ``root`` depends on, each after all of its inputs (``root`` last).

    Iterative depth-first search, so a long chain cannot exhaust Python's recursion limit.
    """
    order: list[Value] = []
    visited: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for child in node._prev:
            if id(child) not in visited:
                stack.append((child, False))
    return order


class Value:
    """A scalar that remembers how it was computed, so that it can compute its gradients.

    Attributes:
        data: the number (a Python float).
        grad: d(output)/d(this node) after ``output.backward()``; 0.0 before.
        label: an optional name, used only for display (the graph widget).
    """

    def __init__(self, data: float, _children: Iterable["Value"] = (), _op: str = "", label: str = ""):
        self.data = float(data)
        self.grad = 0.0
        self._backward: Callable[[], None] = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    # ------------------------------------------------------------------ elementary operations

    def __add__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            self.grad += out.grad  # d(a+b)/da = 1
            other.grad += out.grad  # d(a+b)/db = 1

        out._backward = _backward
        return out

    def __mul__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward() -> None:
            self.grad += other.data * out.grad  # d(ab)/da = b
            other.grad += self.data * out.grad  # d(ab)/db = a

        out._backward = _backward
        return out

    def __pow__(self, exponent: float) -> "Value":
        if isinstance(exponent, Value):
            raise TypeError("only a plain number exponent is supported: Value ** 2.0, not Value ** Value")
        exponent = float(exponent)
        out = Value(self.data**exponent, (self,), f"**{exponent:g}")

        def _backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad  # d(x^p)/dx = p x^(p-1)

        out._backward = _backward
        return out

    def tanh(self) -> "Value":
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward() -> None:
            self.grad += (1.0 - t * t) * out.grad  # d tanh(x)/dx = 1 - tanh(x)^2

        out._backward = _backward
        return out

    def exp(self) -> "Value":
        e = math.exp(self.data)
        out = Value(e, (self,), "exp")

        def _backward() -> None:
            self.grad += e * out.grad  # d e^x/dx = e^x

        out._backward = _backward
        return out

    def relu(self) -> "Value":
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad  # 0 at x <= 0

        out._backward = _backward
        return out

    # ------------------------------------------------------------------ built from the above

    def __neg__(self) -> "Value":
        return self * -1.0

    def __sub__(self, other: "Value | float") -> "Value":
        return self + (-other)

    def __truediv__(self, other: "Value | float") -> "Value":
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1

    # ------------------------------------------------------------------ a number on the left

    def __radd__(self, other: float) -> "Value":  # other + self
        return self + other

    def __rmul__(self, other: float) -> "Value":  # other * self
        return self * other

    def __rsub__(self, other: float) -> "Value":  # other - self
        return Value(other) + (-self)

    def __rtruediv__(self, other: float) -> "Value":  # other / self
        return Value(other) * self**-1

    # ------------------------------------------------------------------ the backward pass

    def backward(self) -> None:
        """Fill ``.grad`` of every node this one depends on with d(self)/d(node).

        Call it once per graph: gradients accumulate, so a second call adds them again.
        """
        order = topological_order(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
