# Mistake: `=` instead of `+=` in the backward closures (a * a, a node used twice, loses a contribution).
class Value:
    """A scalar that remembers how it was computed, so that it can compute its gradients.

    `Value(3.0)` wraps a number. Arithmetic on Values builds a graph: every result records the
    Values it was computed from (`_prev`), the operation (`_op`) and a `_backward` closure that
    adds "local derivative times the result's gradient" into each input's `.grad`.

    Attributes:
        data: the number (a Python float).
        grad: d(output)/d(this node) once `output.backward()` has run; 0.0 before.

    Supported: `v + w`, `v * w`, `v - w`, `-v`, `v / w`, `v ** p` (p a plain number),
    `v.tanh()`, `v.exp()`, `v.relu()`, and a plain number on either side of + - * /
    (`v + 1`, `2 * v`, `1 - v`, `3 / v`).
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None  # a leaf has nothing to pass back
        self._prev = tuple(_children)  # the Values this one was computed from
        self._op = _op  # the operation's symbol, for display

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # A worked example: every operation follows this pattern.
    def __add__(self, other):
        """self + other. Local gradients: d/dself = 1, d/dother = 1."""
        other = other if isinstance(other, Value) else Value(other)  # allows v + 2
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            # local gradient times the upstream gradient out.grad, ADDED (+=) to the input:
            # in `a + a` both lines write into the same node, and both contributions count.
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        """self * other. Local gradients: d/dself = other, d/dother = self."""
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, exponent):
        """self ** exponent, `exponent` a plain number (int or float, maybe negative).

        Local gradient: exponent * self ** (exponent - 1).
        """
        out = Value(self.data**exponent, (self,), f"**{exponent}")

        def _backward():
            self.grad = exponent * self.data ** (exponent - 1) * out.grad

        out._backward = _backward
        return out

    def tanh(self):
        """tanh(self). Local gradient: 1 - tanh(self)**2, i.e. 1 - out.data**2."""
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad = (1.0 - t**2) * out.grad

        out._backward = _backward
        return out

    def exp(self):
        """e ** self. Local gradient: e ** self, i.e. out.data."""
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad = out.data * out.grad

        out._backward = _backward
        return out

    def relu(self):
        """max(0, self). Local gradient: 1 where self.data > 0, else 0 (0 at exactly 0)."""
        out = Value(self.data if self.data > 0 else 0.0, (self,), "relu")

        def _backward():
            self.grad = (1.0 if self.data > 0 else 0.0) * out.grad

        out._backward = _backward
        return out

    # The rest needs no new derivative: build it from the operations above.
    def __neg__(self):
        """-self."""
        return self * -1.0

    def __sub__(self, other):
        """self - other."""
        return self + (-other)

    def __truediv__(self, other):
        """self / other (hint: a / b = a * b**-1; `other` may be a plain number)."""
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1

    # `2 * v` first tries int.__mul__(2, v), which gives up; Python then calls v.__rmul__(2).
    def __radd__(self, other):
        """other + self, `other` a plain number."""
        return self + other

    def __rmul__(self, other):
        """other * self, `other` a plain number."""
        return self * other

    def __rsub__(self, other):
        """other - self, `other` a plain number (careful: 1 - v is not v - 1)."""
        return Value(other) + (-self)

    def __rtruediv__(self, other):
        """other / self, `other` a plain number (3 / v is not v / 3)."""
        return Value(other) * self**-1

    def backward(self):
        """Fill `.grad` of every node this one depends on with d(self)/d(node).

        1. List the nodes in topological order: each node after all the nodes it was computed
           from (a depth-first search that appends a node after visiting its `_prev`; keep a
           set of visited nodes so a reused node is listed once).
        2. Set self.grad = 1.0 (d self / d self).
        3. Call every node's `_backward()` in *reverse* topological order, so a node passes its
           gradient on only after every node that uses it has added its share.
        Called once per graph.
        """
        topo = []
        visited = set()

        def build(node):
            if node not in visited:
                visited.add(node)
                for child in node._prev:
                    build(child)
                topo.append(node)

        build(self)
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
