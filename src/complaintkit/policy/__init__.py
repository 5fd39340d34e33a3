"""The policy language: documents, facts, compiled conditions, keyword indexes and DMN rule tables.

The engine (facts, conditions, keywords, tables) takes already-parsed policy data and compiles
it once into plain callables; the loader (source, document, schema, validate) reads
YAML/TOML/JSON files, supplies file:line:column locations and assembles the sections.
"""
