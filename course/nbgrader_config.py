"""nbgrader's settings for the sigmoid course (docs/grading.md says how to use it)."""

c = get_config()  # noqa: F821 -- nbgrader defines get_config when it reads this file

c.CourseDirectory.course_id = "sigmoid"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Code that never returns: each cell gets this many seconds, then the kernel is interrupted
# and the next cell runs (the tests' own limit, helpers.grading.TIME_LIMIT, stops a function
# sooner).
c.Execute.timeout = 10
c.Execute.interrupt_on_timeout = True
# A test cell the student deleted is put back from the source and run, so deleting a test
# never earns its points.
c.OverwriteCells.add_missing_cells = True
