"""Policy tests: prove a policy does what the SOP says before it goes live.

``*.tests.yaml`` files beside a policy (format in :mod:`complaintkit.policytest.spec`) are
run through a real Desk (:mod:`~complaintkit.policytest.runner`) and differences reported
for policy authors (:mod:`~complaintkit.policytest.diff`); ``complaintkit test`` and the
pytest plugin both use them. :mod:`~complaintkit.policytest.properties` holds the
property checks behind ``complaintkit check``.
"""

from complaintkit.policytest.diff import Mismatch, render
from complaintkit.policytest.runner import Runner, TestResult
from complaintkit.policytest.spec import find_test_files, is_test_file, load_test_file

__all__ = [
    "Mismatch",
    "Runner",
    "TestResult",
    "find_test_files",
    "is_test_file",
    "load_test_file",
    "render",
]
