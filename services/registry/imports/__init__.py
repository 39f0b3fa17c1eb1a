"""Tabular imports (XLSX / CSV with Chinese headers) of households, entities, cadres and income."""
