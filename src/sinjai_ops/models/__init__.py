"""Frozen value models of the input files, the policy and the results. Imports nothing else."""
