"""Households (农户) with their members, category history and income records."""
