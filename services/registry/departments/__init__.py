"""Departments (单位) that cadres belong to."""
