"""The policy language: facts, compiled conditions, keyword indexes and DMN rule tables.

The engine takes already-parsed policy data (dicts, lists, strings, numbers) and compiles it
once into plain callables; the loader that reads YAML/TOML/JSON files and supplies
file:line:column locations lives beside it.
"""
