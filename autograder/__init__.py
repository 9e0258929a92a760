"""The instructor's side of gradschool: build the course, test the graders, grade a class."""
