"""minutebook: governance of safeguarding partnerships as checked, published data."""

__version__ = "0.1.0"
