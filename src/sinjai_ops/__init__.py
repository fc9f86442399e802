"""sinjai-ops: plan the security of election registration days."""

__version__ = "0.1.0"
