"""nbgrader configuration for this repository's layout (see README, "Instructor guide").

Source notebooks (with solutions and hidden tests) live in ``solutions/``; the generated student
notebooks go to ``course/``. Everything else keeps nbgrader's defaults, relative to this folder.
"""

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "gradschool"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"
# Notebooks only: datasets ship with the `gradschool` package, not beside each notebook.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A graded cell gets at most this long; a student's infinite loop costs that cell, not the class.
c.ExecutePreprocessor.timeout = 120
c.Execute.timeout = 120
# Students' notebooks must not carry the instructor's kernel choice into grading: always python3.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
