"""Demand to named assignments: the optimisation, and what it can prove about its result."""
