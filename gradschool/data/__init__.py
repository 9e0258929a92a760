"""The course's datasets: shipped (the 8x8 digits), generated (2-D sets, sequences), read from
the Python installation (a text corpus), or downloaded and checked (full MNIST).

One module per idea:

* :mod:`~gradschool.data.digits`: ``load_digits``;
* :mod:`~gradschool.data.toy2d`: ``logic_gate``, ``make_blobs``, ``make_moons``,
  ``make_circles``, ``make_spirals``, ``make_xor``;
* :mod:`~gradschool.data.ring`: ``ring_centers``, ``make_ring``, ``modes_covered``;
* :mod:`~gradschool.data.sequences`: ``sine_waves``, ``adding_problem``;
* :mod:`~gradschool.data.text`: ``text_corpus``;
* :mod:`~gradschool.data.mnist`: ``load_mnist``, ``read_idx``;
* :mod:`~gradschool.data.paths`: where the shipped files are (``GRADSCHOOL_DATASETS``).

``datasets/README.md`` says where every set comes from.
"""

from gradschool.data.digits import load_digits
from gradschool.data.mnist import load_mnist, read_idx
from gradschool.data.paths import datasets_dir
from gradschool.data.ring import make_ring, modes_covered, ring_centers
from gradschool.data.sequences import adding_problem, sine_waves
from gradschool.data.text import text_corpus
from gradschool.data.toy2d import (
    logic_gate,
    make_blobs,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
)

__all__ = [
    "load_digits",
    "logic_gate",
    "make_blobs",
    "make_moons",
    "make_circles",
    "make_spirals",
    "make_xor",
    "ring_centers",
    "make_ring",
    "modes_covered",
    "sine_waves",
    "adding_problem",
    "text_corpus",
    "load_mnist",
    "read_idx",
    "datasets_dir",
]
