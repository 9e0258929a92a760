"""gradschool: what the course notebooks import.

* :mod:`gradschool.checks`: the checks that visible and hidden tests call;
* :mod:`gradschool.data`: the shipped and generated datasets;
* :mod:`gradschool.widgets`: interactive explorers, each also a static figure;
* :mod:`gradschool.reference`: reference implementations that later chapters build on;
* :mod:`gradschool.runtime`: seeding and "are we being graded?".
"""

__version__ = "0.1.0"
