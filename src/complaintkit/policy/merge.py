"""Merging one policy document over another: the rules ``extends`` and folders follow.

* mappings merge key by key, deeply; a scalar or list in the child replaces the parent's;
* a list whose items are all mappings with an ``id`` (rule rows) merges by id: a child row
  with a parent row's id replaces that row in place, other child rows are appended.

Every merged node keeps the location of the file that last set it.
"""

from __future__ import annotations

from typing import Any

from complaintkit.policy.located import Located


def row_ids(value: object) -> list[object] | None:
    if (
        isinstance(value, list)
        and value
        and all(
            # an id written as a list or mapping cannot key a row: the list is replaced
            # whole, and the schema names the id
            isinstance(item, dict) and "id" in item and not isinstance(item["id"], list | dict)
            for item in value
        )
    ):
        return [item["id"] for item in value]
    return None


def merge(base: Any, base_tree: Located, over: Any, over_tree: Located) -> tuple[Any, Located]:
    """``over`` merged onto ``base`` by the rules in the module docstring (no mutation)."""
    if isinstance(base, dict) and isinstance(over, dict):
        data = dict(base)
        tree = Located(base_tree.location, dict(base_tree.children))
        for key, value in over.items():
            child_tree = over_tree.children.get(key, Located(over_tree.location))
            if key in data:
                data[key], tree.children[key] = merge(
                    data[key],
                    tree.children.get(key, Located(base_tree.location)),
                    value,
                    child_tree,
                )
            else:
                data[key], tree.children[key] = value, child_tree
        return data, tree
    base_ids, over_ids = row_ids(base), row_ids(over)
    if base_ids is not None and over_ids is not None:
        items, trees = list(base), [base_tree.children.get(i, base_tree) for i in range(len(base))]
        position = {row_id: i for i, row_id in enumerate(base_ids)}
        for j, item in enumerate(over):
            child = over_tree.children.get(j, over_tree)
            if item["id"] in position:
                items[position[item["id"]]] = item
                trees[position[item["id"]]] = child
            else:
                items.append(item)
                trees.append(child)
        return items, Located(over_tree.location, dict(enumerate(trees)))
    return over, over_tree
