"""Cadres (干部): the skilled government staff who link to entities and assist households."""
