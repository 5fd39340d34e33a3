"""The smallest whole policy, for a plugin's or an application's tests: one category,
severity, priority and team and no rules, so that a test writes only the sections it is
about."""

from __future__ import annotations

from typing import Final

#: Takes every complaint in as ``other``, ``minor``, ``normal``, owned by ``li.na`` of the
#: team ``care``. Add sections after it as YAML: ``MINIMAL_POLICY + "templates: ..."``.
MINIMAL_POLICY: Final = """\
complaintkit: 1
name: shop
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {care: {label: Care, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: care}}
"""
