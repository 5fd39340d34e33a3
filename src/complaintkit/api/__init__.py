"""The HTTP API (``complaintkit serve``): intake, the customer's status page, agent actions.

Needs the ``server`` extra (Starlette and uvicorn): ``pip install complaintkit[server]``.
"""
